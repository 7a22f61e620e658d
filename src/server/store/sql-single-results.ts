// Storing many single-result runs (uploaded estimates) at once: one transaction, one statement that
// inserts the runs whose key is free and their day of totals, then a look at the keys that were taken.
// A key held by a run of another origin rolls the whole list back.
import { type SqlDb, sqlStateOf } from "./sql-db.ts";
import type { RunOrigin, SingleResultRun, SingleResultsOutcome } from "./store.ts";

// Rows are inserted in key order (a fixed lock order for concurrent lists); `ins` returns only the runs
// stored now, so a day of totals is added once per run, never for a key stored before.
const INSERT_RUNS = `
WITH input AS (
  SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[],
                       $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::text[])
    AS t(project_id, key, origin, created_at, started_at, result, energy, emissions, low, high, market, facility,
         user_name)
), ins AS (
  INSERT INTO runs (project_id, key, origin, created_at, started_at, result, summary_energy_kwh,
    summary_emissions_kg, summary_low_kg, summary_high_kg, summary_market_kg, user_name)
  SELECT project_id, key, origin, created_at, started_at, result::jsonb, energy, emissions, low, high, market,
         user_name
  FROM input ORDER BY project_id, key
  ON CONFLICT (project_id, key) DO NOTHING
  RETURNING id, project_id, key, started_at
), days AS (
  INSERT INTO rollup_day (run_id, day, project_id, energy_kwh, facility_kwh, emissions_kg, samples)
  SELECT ins.id, (ins.started_at AT TIME ZONE 'UTC')::date, ins.project_id, input.energy, input.facility,
         input.emissions, 0
  FROM ins JOIN input USING (project_id, key)
)
SELECT project_id, key FROM ins`;

const HELD = `
SELECT r.project_id, r.key, r.origin FROM runs r
JOIN unnest($1::int[], $2::text[]) AS t(project_id, key) ON r.project_id = t.project_id AND r.key = t.key`;

const pairOf = (projectId: number, key: string): string => `${projectId}\u0000${key}`;

/** Thrown inside the transaction to roll it back when a key is held by another origin. */
class HeldByOtherOrigin extends Error {
  constructor(readonly conflicts: { index: number; origin: RunOrigin }[]) {
    super("run keys held by runs of another origin");
  }
}

const insertRuns = async (tx: SqlDb, runs: readonly SingleResultRun[]): Promise<Set<string>> => {
  const rows = await tx.query<{ project_id: number; key: string }>(INSERT_RUNS, [
    runs.map((r) => r.projectId),
    runs.map((r) => r.key),
    runs.map((r) => r.origin),
    runs.map((r) => r.at.toISOString()),
    runs.map((r) => r.startedAt.toISOString()),
    runs.map((r) => JSON.stringify(r.result)),
    runs.map((r) => r.figures.energyKWh),
    runs.map((r) => r.figures.emissionsKg),
    runs.map((r) => r.figures.lowKg),
    runs.map((r) => r.figures.highKg),
    runs.map((r) => r.figures.marketKg),
    runs.map((r) => r.facilityKWh),
    runs.map((r) => r.user ?? null),
  ]);
  return new Set(rows.map((r) => pairOf(Number(r.project_id), r.key)));
};

/** Each run whose key was taken, and the origin of the run that holds it. */
const heldOrigins = async (tx: SqlDb, runs: readonly SingleResultRun[]): Promise<Map<string, RunOrigin>> => {
  if (runs.length === 0) return new Map();
  const rows = await tx.query<{ project_id: number; key: string; origin: RunOrigin }>(HELD, [
    runs.map((r) => r.projectId),
    runs.map((r) => r.key),
  ]);
  return new Map(rows.map((r) => [pairOf(Number(r.project_id), r.key), r.origin]));
};

const storeOnce = (db: SqlDb, runs: readonly SingleResultRun[]): Promise<boolean[]> =>
  db.transaction(async (tx) => {
    const first = new Map<string, SingleResultRun>();
    for (const run of runs) {
      const pair = pairOf(run.projectId, run.key);
      if (!first.has(pair)) first.set(pair, run);
    }
    const created = await insertRuns(tx, [...first.values()]);
    const held = await heldOrigins(
      tx,
      [...first.values()].filter((r) => !created.has(pairOf(r.projectId, r.key))),
    );
    const conflicts: { index: number; origin: RunOrigin }[] = [];
    for (const [index, run] of runs.entries()) {
      const origin = held.get(pairOf(run.projectId, run.key));
      if (origin !== undefined && origin !== run.origin) conflicts.push({ index, origin });
    }
    if (conflicts.length > 0) throw new HeldByOtherOrigin(conflicts);
    return runs.map((run) => {
      const pair = pairOf(run.projectId, run.key);
      return created.has(pair) && first.get(pair) === run;
    });
  });

/** Stores the runs together (see Store.saveSingleResults); retried on a deadlock or serialization failure. */
export const saveSingleResults = async (
  db: SqlDb,
  runs: readonly SingleResultRun[],
): Promise<SingleResultsOutcome> => {
  if (runs.length === 0) return { ok: true, created: [] };
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, created: await storeOnce(db, runs) };
    } catch (error) {
      if (error instanceof HeldByOtherOrigin) return { ok: false, conflicts: error.conflicts };
      const state = sqlStateOf(error);
      if (attempt >= 5 || (state !== "40P01" && state !== "40001")) throw error;
    }
  }
};
