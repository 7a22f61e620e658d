// The plan: the best start (local and UTC), its emissions against starting at the earliest time and
// against the worst start, the chart, what was assumed, and every factor with its source: the user's file.
import { formatMassKg, formatQuantity, formatRatio, sig3 } from "../../../src/core/format-number.ts";
import type { EstimateResult, Factor } from "../../../src/core/types.ts";
import { unsourcedFactorLabel } from "../../../src/core/unsourced-factor.ts";
import { SERIES_FORMAT_NAMES, type SeriesFormat } from "../../../src/plan/formats/parsed-series.ts";
import { type SeriesFactor, seriesEndMs } from "../../../src/plan/series.ts";
import { formatHours, formatInstant, MS_PER_HOUR } from "../../../src/plan/time.ts";
import { MethodText } from "../method-text.tsx";
import { SourceLink } from "../source-link.tsx";
import { IntensityChart } from "./intensity-chart.tsx";
import { localTime, localZoneName, utcTime } from "./local-time.ts";
import type { WhenPlanned } from "./when-plan.ts";

/** Props of the plan's result. */
export interface WhenResultProps {
  readonly planned: WhenPlanned;
  /** The calculator's result the job came from. */
  readonly result: EstimateResult;
  /** "your file de-2024.csv" or "the pasted text". */
  readonly sourceText: string;
  /** The file's shape. */
  readonly format: SeriesFormat;
}

const percentOf = (part: number, whole: number): string =>
  whole > 0 ? ` (${sig3((part / whole) * 100)} %)` : "";

/** An instant in the visitor's zone, then in UTC. */
const Instant = ({ ms, testId }: { ms: number; testId: string }) => (
  <>
    <time dateTime={formatInstant(ms)} data-testid={testId} data-value={formatInstant(ms)}>
      {localTime(ms)}
    </time>{" "}
    <span class="when-utc" data-testid={`${testId}-utc`}>
      ({utcTime(ms)})
    </span>
  </>
);

const FactorRow = ({ factor }: { factor: Factor }) => {
  const series = factor as Partial<SeriesFactor>;
  return (
    <tr>
      <th scope="row">{factor.name}</th>
      <td class="num">
        {factor.unit === "share"
          ? `${sig3(factor.value * 100)} %`
          : `${formatQuantity(factor.value)} ${factor.unit}`}
      </td>
      <td>
        <span class={`kind kind-${factor.kind}`}>{factor.kind}</span>
      </td>
      <td>
        {factor.source === null ? (
          <MethodText text={unsourcedFactorLabel(factor.kind)} />
        ) : (
          <SourceLink source={factor.source} year={factor.year} />
        )}
        {series.firstReading ? `; readings ${series.firstReading} – ${series.lastReading}` : ""}
        {factor.note === undefined ? null : (
          <span class="note">
            {" "}
            · <MethodText text={factor.note} />
          </span>
        )}
      </td>
    </tr>
  );
};

/** The plan for the calculator's job over the user's series. */
export const WhenResult = ({ planned, result, sourceText, format }: WhenResultProps) => {
  const { plan, location, series } = planned;
  const durationMs = plan.durationH * MS_PER_HOUR;
  const { best, first, worst } = location;
  const job = result.job;
  const what = job.hardware === null ? `${job.count} device(s)` : `${job.count} × ${job.hardware.name}`;
  const powerKW = location.location.facilityPowerKW;
  const stepText = formatHours(series.stepMs / MS_PER_HOUR);
  const kind = series.factors[0]?.kind ?? "user";
  return (
    <div class="when-result" data-testid="when-result">
      <p class="when-source" data-testid="when-source">
        Intensity: {sourceText} ({SERIES_FORMAT_NAMES[format]}), zone <strong>{series.zone}</strong>,{" "}
        {series.values.length.toLocaleString("en-US")} periods of {stepText} from {utcTime(series.startMs)} to{" "}
        {utcTime(seriesEndMs(series))}, kind <span class="kind kind-user">{kind}</span>. Read in this browser
        and sent nowhere.
      </p>
      <p class="when-job" data-testid="when-job">
        Job, from the calculator: {what} for {formatHours(plan.durationH)}, {sig3(powerKW)} kW at the facility
        (PUE {formatRatio(result.pue)}) = {sig3(powerKW * plan.durationH)} kWh. Window: start from{" "}
        {utcTime(plan.earliestMs)}, end by {utcTime(plan.deadlineMs)}.
      </p>
      <div class="figures">
        <div class="figure main">
          <span class="figure-label">Best start</span>
          <span class="when-start">
            <Instant ms={best.startMs} testId="when-best-start" />
          </span>
          <span class="figure-sub">
            Times in your zone ({localZoneName()}) and in UTC; ends {utcTime(best.startMs + durationMs)}.
          </span>
          <span class="value" data-testid="when-emissions" data-value={plan.emissionsKg}>
            {formatMassKg(plan.emissionsKg)} <small>CO2eq</small>
          </span>
          <span class="figure-sub">mean {sig3(best.meanGPerKWh)} g/kWh over the job</span>
        </div>
        <div class="figures-secondary">
          <div class="figure">
            <span class="figure-label">Starting at the earliest time</span>
            <span class="figure-sub">
              <Instant ms={first.startMs} testId="when-now-start" />
            </span>
            <span class="value" data-testid="when-now-emissions" data-value={plan.nowEmissionsKg}>
              {formatMassKg(plan.nowEmissionsKg)} <small>CO2eq</small>
            </span>
            <span class="figure-sub" data-testid="when-saving" data-value={plan.savingKg}>
              the best start saves {formatMassKg(plan.savingKg)}
              {percentOf(plan.savingKg, plan.nowEmissionsKg)}
            </span>
          </div>
          <div class="figure">
            <span class="figure-label">The worst start</span>
            <span class="figure-sub">
              <Instant ms={worst.startMs} testId="when-worst-start" />
            </span>
            <span class="value" data-testid="when-worst-emissions" data-value={plan.worstEmissionsKg}>
              {formatMassKg(plan.worstEmissionsKg)} <small>CO2eq</small>
            </span>
            <span class="figure-sub" data-testid="when-saving-worst" data-value={plan.savingVsWorstKg}>
              the best start saves {formatMassKg(plan.savingVsWorstKg)}
              {percentOf(plan.savingVsWorstKg, plan.worstEmissionsKg)}
            </span>
          </div>
        </div>
      </div>
      <IntensityChart
        series={series}
        fromMs={planned.earliestMs}
        toMs={planned.deadlineMs}
        bestStartMs={best.startMs}
        bestEndMs={best.startMs + durationMs}
      />
      {planned.warnings.length === 0 ? null : (
        <ul class="warnings" data-testid="when-warnings">
          {planned.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <details class="factors">
        <summary>Factors ({planned.factors.length})</summary>
        <div class="table-scroll">
          <table data-testid="when-factors">
            <thead>
              <tr>
                <th scope="col">Factor</th>
                <th scope="col">Value</th>
                <th scope="col">Kind</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {planned.factors.map((f) => (
                <FactorRow key={f.name} factor={f} />
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
};
