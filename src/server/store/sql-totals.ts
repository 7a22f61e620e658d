// Totals from the per-run-per-day rollup: per week or month, or per person (the run's user), each split
// by origin. The range and market-based figures are each run's summary ratios applied to its days.
import type { SqlDb } from "./sql-db.ts";
import { numberOf } from "./sql-values.ts";
import type { OriginFigures, PeriodTotals, RunOrigin, UserTotals } from "./store.ts";

/**
 * A run figure scaled to a day's share: by the day's location-based emissions over the run's, else by
 * energy (a location at 0 g/kWh), else 0.
 */
const scaled = (column: string): string =>
  `CASE WHEN r.${column} IS NULL THEN 0
        WHEN r.summary_emissions_kg > 0 THEN d.emissions_kg * r.${column} / r.summary_emissions_kg
        WHEN r.summary_energy_kwh > 0 THEN d.energy_kwh * r.${column} / r.summary_energy_kwh
        ELSE 0 END`;

/** The figures of a group of rollup days `d` of runs `r` (read back by {@link figuresOf}). */
const FIGURES = `r.origin,
       count(DISTINCT d.run_id)::int AS runs, sum(d.energy_kwh) AS energy, sum(d.facility_kwh) AS facility,
       sum(d.emissions_kg) AS emissions,
       sum(CASE WHEN r.summary_low_kg IS NULL THEN d.emissions_kg ELSE ${scaled("summary_low_kg")} END) AS low,
       sum(CASE WHEN r.summary_high_kg IS NULL THEN d.emissions_kg ELSE ${scaled("summary_high_kg")} END) AS high,
       sum(CASE WHEN r.summary_low_kg IS NULL THEN d.emissions_kg ELSE 0 END) AS unranged,
       sum(${scaled("summary_market_kg")}) AS market,
       sum(CASE WHEN r.summary_market_kg IS NULL THEN 0 ELSE d.emissions_kg END) AS covered`;

/** The project's days within the range ($1 project, $2 from, $3 to). */
const DAYS = `FROM rollup_day d JOIN runs r ON r.id = d.run_id
     WHERE d.project_id = $1 AND ($2::date IS NULL OR d.day >= $2::date) AND ($3::date IS NULL OR d.day <= $3::date)`;

const figuresOf = (r: Record<string, unknown>): OriginFigures => ({
  origin: r.origin as RunOrigin,
  runs: numberOf(r.runs),
  energyKWh: numberOf(r.energy),
  facilityEnergyKWh: numberOf(r.facility),
  emissionsKg: numberOf(r.emissions),
  lowKg: numberOf(r.low),
  highKg: numberOf(r.high),
  unrangedKg: numberOf(r.unranged),
  marketBasedKg: numberOf(r.market),
  marketCoveredKg: numberOf(r.covered),
});

/** Totals per week or month and origin. */
export const projectTotals = async (
  db: SqlDb,
  projectId: number,
  by: "week" | "month",
  range: { readonly from?: string; readonly to?: string },
): Promise<PeriodTotals[]> => {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT to_char(date_trunc($4, d.day::timestamp), 'YYYY-MM-DD') AS period, ${FIGURES}
     ${DAYS}
     GROUP BY period, r.origin ORDER BY period, r.origin`,
    [projectId, range.from ?? null, range.to ?? null, by],
  );
  return rows.map((r) => ({ period: String(r.period), ...figuresOf(r) }));
};

/** Totals per user (the run's; null when none was recorded) and origin, users in name order, null last. */
export const userTotals = async (
  db: SqlDb,
  projectId: number,
  range: { readonly from?: string; readonly to?: string },
): Promise<UserTotals[]> => {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT r.user_name, ${FIGURES}
     ${DAYS}
     GROUP BY r.user_name, r.origin ORDER BY r.user_name NULLS LAST, r.origin`,
    [projectId, range.from ?? null, range.to ?? null],
  );
  return rows.map((r) => ({ user: r.user_name === null ? null : String(r.user_name), ...figuresOf(r) }));
};
