// A project's totals by month or week (UTC; weeks start on Monday): energy, location-based emissions
// with their range, and the market-based view with how much of the location-based figure it covers.
// Origins are shown apart, never added together.
import { useState } from "preact/hooks";
import type { Period } from "./api-schemas.ts";
import { energyText, massText, ORIGIN_LABEL } from "./format.ts";
import { Problem } from "./problem.tsx";
import { ScrollTable } from "./scroll-table.tsx";
import { type OriginTotals, originTotalsOf, periodsNewestFirst } from "./totals.ts";
import type { Polled } from "./use-polled.ts";

/** Periods shown before "Show all". */
const FIRST_ROWS = 12;

/** Props of the totals. */
export interface TotalsSectionProps {
  /** The totals as loaded. */
  readonly totals: Polled<{ readonly by: "week" | "month"; readonly periods: readonly Period[] }>;
  /** Per week or month. */
  readonly by: "week" | "month";
  /** Switches between them. */
  readonly onBy: (by: "week" | "month") => void;
}

type Figures = Pick<
  OriginTotals,
  "emissionsKg" | "lowKg" | "highKg" | "unrangedKg" | "marketBasedKg" | "marketCoveredKg"
>;

/** "12.3 kg to 14.1 kg CO2eq", noting emissions that have no range (yet). */
const rangeText = (f: Figures): string => {
  if (f.unrangedKg > 0 && f.unrangedKg >= f.emissionsKg * (1 - 1e-9))
    return "no range: running runs and CodeCarbon rows have none, counted at their figure";
  return `${massText(f.lowKg).replace(" CO2eq", "")} to ${massText(f.highKg)}${
    f.unrangedKg > 0 ? ` (${massText(f.unrangedKg)} of it without a range yet, counted at its figure)` : ""
  }`;
};

/** The market-based figure and what it covers, or a dash when no run has one. */
const marketText = (f: Figures): string => {
  if (f.marketCoveredKg <= 0) return "–";
  const whole = Math.abs(f.marketCoveredKg - f.emissionsKg) <= 1e-9 * Math.max(1, f.emissionsKg);
  return whole
    ? massText(f.marketBasedKg)
    : `${massText(f.marketBasedKg)}, for ${massText(f.marketCoveredKg)} of the location-based figure`;
};

const OriginFigures = ({ totals }: { totals: OriginTotals }) => (
  <div class="figure" data-testid={`total-${totals.origin}`}>
    <span class="figure-label">{ORIGIN_LABEL[totals.origin]}</span>
    <span
      class="value"
      data-testid={`total-${totals.origin}-emissions`}
      data-value={String(totals.emissionsKg)}
    >
      {massText(totals.emissionsKg)}
    </span>
    <span class="figure-sub">
      location-based; {rangeText(totals).startsWith("no range") ? "" : "likely "}
      {rangeText(totals)}
    </span>
    <span
      class="figure-sub"
      data-value={String(totals.energyKWh)}
      data-testid={`total-${totals.origin}-energy`}
    >
      {energyText(totals.energyKWh)} IT, {energyText(totals.facilityEnergyKWh)} with PUE
    </span>
    <span class="figure-sub">market-based: {marketText(totals)}</span>
  </div>
);

const PeriodRow = ({ period }: { period: Period }) => (
  <tr data-testid="period">
    <th scope="row">{period.period}</th>
    <td>{ORIGIN_LABEL[period.origin]}</td>
    <td class="num" data-value={String(period.emissionsKg)}>
      {massText(period.emissionsKg)}
    </td>
    <td class="long-text">{rangeText(period)}</td>
    <td class="num">{energyText(period.energyKWh)}</td>
    <td class="long-text">{marketText(period)}</td>
    <td class="num">{period.runs}</td>
  </tr>
);

/** The totals section. */
export const TotalsSection = ({ totals, by, onBy }: TotalsSectionProps) => {
  const [all, setAll] = useState(false);
  const periods = totals.data === null ? null : periodsNewestFirst(totals.data.periods);
  const shown = periods === null ? [] : all ? periods : periods.slice(0, FIRST_ROWS);
  return (
    <section aria-labelledby="totals-title" class="panel">
      <div class="section-head">
        <h3 id="totals-title">Totals</h3>
        <fieldset class="segmented small">
          <legend class="visually-hidden">Totals per</legend>
          {(["month", "week"] as const).map((value) => (
            <label key={value} class={by === value ? "on" : ""}>
              <input
                type="radio"
                name="by"
                value={value}
                checked={by === value}
                data-testid={`by-${value}`}
                onChange={() => onBy(value)}
              />
              By {value}
            </label>
          ))}
        </fieldset>
      </div>
      <Problem error={totals.error} stale={periods !== null} retry={totals.reload} />
      {periods === null ? null : periods.length === 0 ? (
        <p class="hint">No energy recorded yet.</p>
      ) : (
        <>
          <div class="figures origin-figures" data-testid="totals-all">
            {originTotalsOf(periods).map((t) => (
              <OriginFigures key={t.origin} totals={t} />
            ))}
          </div>
          <ScrollTable label={`Totals per ${by}`}>
            <table data-testid="totals">
              <caption class="visually-hidden">
                Totals per {by} (UTC{by === "week" ? ", weeks start on Monday" : ""}) and origin, newest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">{by === "week" ? "Week of" : "Month"}</th>
                  <th scope="col">Origin</th>
                  <th scope="col">Emissions (location-based)</th>
                  <th scope="col">Likely range</th>
                  <th scope="col">Energy (IT)</th>
                  <th scope="col">Market-based</th>
                  <th scope="col">Runs</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <PeriodRow key={`${p.period} ${p.origin}`} period={p} />
                ))}
              </tbody>
            </table>
          </ScrollTable>
          {periods.length > FIRST_ROWS ? (
            <button type="button" class="link" onClick={() => setAll(!all)} aria-expanded={all}>
              {all ? `Show the latest ${FIRST_ROWS} only` : `Show all ${periods.length} rows`}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
};
