// Writing batches: runs, nodes, logs and series are upserted (ids cached), then one statement stores the
// samples and adds what it stored (never what was already there) to the rollups, the series totals and
// the log's acknowledgement.
import type { SqlDb } from "./sql-db.ts";
import { numberOf } from "./sql-values.ts";
import type {
  IngestBatch,
  IngestOutcome,
  NodeRef,
  RunOrigin,
  SampleRow,
  SingleResultRun,
  SummaryFigures,
} from "./store.ts";

/** A batch for a run key that exists with another origin (an estimate's key reused by a tracker). */
export class RunOriginConflict extends Error {
  /** Machine-readable kind. */
  readonly code = "run-origin";
  /** The stored run's origin. */
  readonly origin: RunOrigin;
  constructor(key: string, origin: RunOrigin) {
    super(`run ${JSON.stringify(key)} exists as ${origin === "estimate" ? "an" : "a"} ${origin} run`);
    this.name = "RunOriginConflict";
    this.origin = origin;
  }
}

/** Ids of one log's rows. */
interface LogIds {
  readonly runId: number;
  readonly logId: number;
  readonly hasStart: boolean;
}

/** Caches of ids already upserted (bounded: cleared when large). */
export interface IngestCache {
  readonly logs: Map<string, LogIds>;
  readonly series: Map<string, number>;
}

const CACHE_MAX = 200_000;

/** Empty caches. */
export const newIngestCache = (): IngestCache => ({ logs: new Map(), series: new Map() });

const logKey = (node: NodeRef): string =>
  `${node.projectId}\u0000${node.runKey}\u0000${node.hostname}\u0000${node.rank}\u0000${node.logId}`;

const ensureLog = async (db: SqlDb, cache: IngestCache, batch: IngestBatch): Promise<LogIds> => {
  const key = logKey(batch.node);
  const cached = cache.logs.get(key);
  const sendsStart = batch.start !== null && batch.start !== undefined;
  if (cached !== undefined && (cached.hasStart || !sendsStart)) return cached;
  const { node } = batch;
  const [run] = await db.query<{ id: number; origin: RunOrigin }>(
    `INSERT INTO runs (project_id, key, origin, created_at, started_at, user_name)
     VALUES ($1, $2, 'tracker', $3, $4, $5)
     ON CONFLICT (project_id, key) DO UPDATE SET started_at = LEAST(runs.started_at, excluded.started_at),
       user_name = coalesce(runs.user_name, excluded.user_name)
     RETURNING id, origin`,
    [node.projectId, node.runKey, batch.at.toISOString(), batch.startedAt, batch.user ?? null],
  );
  if (run === undefined) throw new Error("run upsert returned no row");
  if (run.origin !== "tracker") throw new RunOriginConflict(node.runKey, run.origin);
  const [nodeRow] = await db.query<{ id: number }>(
    `INSERT INTO nodes (run_id, hostname, rank) VALUES ($1, $2, $3)
     ON CONFLICT (run_id, hostname, rank) DO UPDATE SET rank = excluded.rank RETURNING id`,
    [run.id, node.hostname, node.rank],
  );
  const [log] = await db.query<{ id: number; has_start: boolean }>(
    `INSERT INTO logs (node_id, log_id, started_at, start) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (node_id, log_id) DO UPDATE SET started_at = coalesce(logs.started_at, excluded.started_at),
       start = coalesce(logs.start, excluded.start)
     RETURNING id, start IS NOT NULL AS has_start`,
    [nodeRow?.id, node.logId, batch.startedAt, sendsStart ? JSON.stringify(batch.start) : null],
  );
  if (log === undefined) throw new Error("log upsert returned no row");
  const ids = { runId: numberOf(run.id), logId: numberOf(log.id), hasStart: log.has_start === true };
  if (cache.logs.size > CACHE_MAX) cache.logs.clear();
  cache.logs.set(key, ids);
  return ids;
};

const seriesKey = (logId: number, row: Pick<SampleRow, "key" | "method" | "via">): string =>
  `${logId}\u0000${row.key}\u0000${row.method}\u0000${row.via}`;

const ensureSeries = async (
  db: SqlDb,
  cache: IngestCache,
  logId: number,
  rows: readonly SampleRow[],
): Promise<void> => {
  const missing = new Map<string, SampleRow>();
  for (const row of rows) {
    const key = seriesKey(logId, row);
    if (!cache.series.has(key) && !missing.has(key)) missing.set(key, row);
  }
  if (missing.size === 0) return;
  const list = [...missing.values()];
  const found = await db.query<{ id: number; key: string; method: string; via: string }>(
    `INSERT INTO series (log_id, key, component, label, method, via)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT (log_id, key, method, via) DO UPDATE SET label = series.label
     RETURNING id, key, method, via`,
    [
      logId,
      list.map((r) => r.key),
      list.map((r) => r.component),
      list.map((r) => r.label),
      list.map((r) => r.method),
      list.map((r) => r.via),
    ],
  );
  if (cache.series.size > CACHE_MAX) cache.series.clear();
  for (const row of found) cache.series.set(seriesKey(logId, row), numberOf(row.id));
};

// One statement: what `ins` stored (RETURNING skips conflicts) is all the rollups ever add, so a retried
// sample never counts twice; the lock order is fixed (hours, days by date, series by id).
const STORE_SAMPLES = `
WITH input AS (
  SELECT * FROM unnest($1::int[], $2::int[], $3::timestamptz[], $4::real[], $5::float8[], $6::float8[],
                       $7::float8[], $8::float8[])
    AS t(series_id, seq, time, interval_s, energy_kwh, emissions_kg, facility_kwh, power_w)
), ins AS (
  INSERT INTO samples (series_id, seq, time, interval_s, energy_kwh, emissions_kg)
  SELECT series_id, seq, time, interval_s, energy_kwh, emissions_kg FROM input
  ON CONFLICT DO NOTHING
  RETURNING series_id, seq
), fresh AS (
  SELECT input.* FROM input JOIN ins USING (series_id, seq)
), hours AS (
  INSERT INTO rollup_hour (series_id, hour, energy_kwh, emissions_kg, covered_s, samples)
  SELECT series_id, date_trunc('hour', time), sum(energy_kwh), sum(emissions_kg), sum(interval_s), count(*)::int
  FROM fresh GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (series_id, hour) DO UPDATE SET
    energy_kwh = rollup_hour.energy_kwh + excluded.energy_kwh,
    emissions_kg = rollup_hour.emissions_kg + excluded.emissions_kg,
    covered_s = rollup_hour.covered_s + excluded.covered_s,
    samples = rollup_hour.samples + excluded.samples
), days AS (
  INSERT INTO rollup_day (run_id, day, project_id, energy_kwh, facility_kwh, emissions_kg, samples)
  SELECT $9::int, (time AT TIME ZONE 'UTC')::date AS d, $10::int, sum(energy_kwh), sum(facility_kwh),
         sum(emissions_kg), count(*)::int
  FROM fresh GROUP BY d ORDER BY d
  ON CONFLICT (run_id, day) DO UPDATE SET
    energy_kwh = rollup_day.energy_kwh + excluded.energy_kwh,
    facility_kwh = rollup_day.facility_kwh + excluded.facility_kwh,
    emissions_kg = rollup_day.emissions_kg + excluded.emissions_kg,
    samples = rollup_day.samples + excluded.samples
), totals AS (
  UPDATE series s SET
    energy_kwh = s.energy_kwh + a.energy, emissions_kg = s.emissions_kg + a.emissions, samples = s.samples + a.n,
    first_time = LEAST(s.first_time, a.first), last_time = GREATEST(s.last_time, a.last),
    last_power_w = CASE WHEN a.last_seq > s.last_seq THEN a.last_power ELSE s.last_power_w END,
    last_seq = GREATEST(s.last_seq, a.last_seq)
  FROM (
    SELECT series_id, sum(energy_kwh) AS energy, sum(emissions_kg) AS emissions, count(*)::int AS n,
           min(time) AS first, max(time) AS last, max(seq) AS last_seq,
           (array_agg(power_w ORDER BY seq DESC))[1] AS last_power
    FROM fresh GROUP BY series_id ORDER BY series_id
  ) a
  WHERE s.id = a.series_id
), ack AS (
  UPDATE logs SET acked_through = $12::int
  WHERE id = $13::int AND $11::int IS NOT NULL AND acked_through >= $11::int - 1 AND acked_through < $12::int
  RETURNING acked_through
)
SELECT (SELECT count(*)::int FROM ins) AS inserted,
       (SELECT acked_through FROM ack) AS advanced,
       (SELECT acked_through FROM logs WHERE id = $13::int) AS before`;

const storeSamples = async (
  db: SqlDb,
  cache: IngestCache,
  ids: LogIds,
  batch: IngestBatch,
): Promise<{ inserted: number; ackedThrough: number }> => {
  const rows = batch.rows;
  const seriesIds = rows.map((row) => cache.series.get(seriesKey(ids.logId, row)));
  if (seriesIds.some((id) => id === undefined)) throw new Error("series id missing after upsert");
  const [result] = await db.query<{ inserted: number; advanced: number | null; before: number }>(
    STORE_SAMPLES,
    [
      seriesIds,
      rows.map((r) => r.seq),
      rows.map((r) => r.time),
      rows.map((r) => r.intervalS),
      rows.map((r) => r.energyKWh),
      rows.map((r) => r.emissionsKg),
      rows.map((r) => r.facilityKWh),
      rows.map((r) => r.powerW),
      ids.runId,
      batch.node.projectId,
      batch.contiguous?.first ?? null,
      batch.contiguous?.last ?? null,
      ids.logId,
    ],
  );
  return {
    inserted: numberOf(result?.inserted),
    ackedThrough: numberOf(result?.advanced ?? result?.before ?? -1),
  };
};

// A run's summary figures are the sums over its logs' summaries; market-based only when every one has it.
const SUMMARIZE_RUN = `
UPDATE runs SET summary_energy_kwh = s.energy, summary_emissions_kg = s.emissions, summary_low_kg = s.low,
  summary_high_kg = s.high, summary_market_kg = s.market
FROM (
  SELECT sum((l.summary->'result'->>'energyKWh')::float8) AS energy,
         sum((l.summary->'result'->>'emissionsKg')::float8) AS emissions,
         sum((l.summary->'result'->'range'->>'lowKg')::float8) AS low,
         sum((l.summary->'result'->'range'->>'highKg')::float8) AS high,
         CASE WHEN bool_and(jsonb_typeof(l.summary->'result'->'marketBasedKg') = 'number')
              THEN sum((l.summary->'result'->>'marketBasedKg')::float8) END AS market
  FROM logs l JOIN nodes n ON n.id = l.node_id
  WHERE n.run_id = $1 AND l.summary IS NOT NULL
) s
WHERE runs.id = $1`;

const storeSummary = async (db: SqlDb, ids: LogIds, line: unknown): Promise<void> => {
  await db.query("UPDATE logs SET summary = $2::jsonb WHERE id = $1", [ids.logId, JSON.stringify(line)]);
  await db.query(SUMMARIZE_RUN, [ids.runId]);
};

const RETRIED_STATES = new Set(["40P01", "40001"]);

/** Stores one batch; retried on a deadlock or serialization failure (PostgreSQL under concurrency). */
export const ingest = async (db: SqlDb, cache: IngestCache, batch: IngestBatch): Promise<IngestOutcome> => {
  for (let attempt = 1; ; attempt++) {
    try {
      const ids = await ensureLog(db, cache, batch);
      await ensureSeries(db, cache, ids.logId, batch.rows);
      const work = async (tx: SqlDb) => {
        const stored = await storeSamples(tx, cache, ids, batch);
        if (batch.summary !== null) await storeSummary(tx, ids, batch.summary.line);
        return stored;
      };
      const stored = batch.summary === null ? await work(db) : await db.transaction(work);
      return {
        inserted: stored.inserted,
        duplicates: batch.rows.length - stored.inserted,
        ackedThrough: stored.ackedThrough,
      };
    } catch (error) {
      const state = (error as { code?: unknown }).code;
      if (attempt >= 5 || typeof state !== "string" || !RETRIED_STATES.has(state)) throw error;
    }
  }
};

/** The log's acknowledgement and whether its summary is stored (-1 and false for an unknown log). */
export const ackOf = async (
  db: SqlDb,
  node: NodeRef,
): Promise<{ ackedThrough: number; summary: boolean }> => {
  const [row] = await db.query<{ acked_through: number; summary: boolean }>(
    `SELECT l.acked_through, l.summary IS NOT NULL AS summary
     FROM logs l JOIN nodes n ON n.id = l.node_id JOIN runs r ON r.id = n.run_id
     WHERE r.project_id = $1 AND r.key = $2 AND n.hostname = $3 AND n.rank = $4 AND l.log_id = $5`,
    [node.projectId, node.runKey, node.hostname, node.rank, node.logId],
  );
  return row === undefined
    ? { ackedThrough: -1, summary: false }
    : { ackedThrough: numberOf(row.acked_through), summary: row.summary === true };
};

const figureParams = (f: SummaryFigures): (number | null)[] => [
  f.energyKWh,
  f.emissionsKg,
  f.lowKg,
  f.highKg,
  f.marketKg,
];

/** Stores an estimate or a CodeCarbon row as a run with one day of totals; nothing when the key exists. */
export const saveSingleResult = (
  db: SqlDb,
  run: SingleResultRun,
): Promise<{ created: boolean; origin: RunOrigin }> =>
  db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO runs (project_id, key, origin, created_at, started_at, result, summary_energy_kwh,
         summary_emissions_kg, summary_low_kg, summary_high_kg, summary_market_kg, user_name)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (project_id, key) DO NOTHING RETURNING id`,
      [
        run.projectId,
        run.key,
        run.origin,
        run.at.toISOString(),
        run.startedAt.toISOString(),
        JSON.stringify(run.result),
        ...figureParams(run.figures),
        run.user ?? null,
      ],
    );
    if (row === undefined) {
      const [existing] = await tx.query<{ origin: RunOrigin }>(
        "SELECT origin FROM runs WHERE project_id = $1 AND key = $2",
        [run.projectId, run.key],
      );
      return { created: false, origin: existing?.origin ?? run.origin };
    }
    await tx.query(
      `INSERT INTO rollup_day (run_id, day, project_id, energy_kwh, facility_kwh, emissions_kg, samples)
       VALUES ($1, ($2::timestamptz AT TIME ZONE 'UTC')::date, $3, $4, $5, $6, 0)`,
      [
        row.id,
        run.startedAt.toISOString(),
        run.projectId,
        run.figures.energyKWh,
        run.facilityKWh,
        run.figures.emissionsKg,
      ],
    );
    return { created: true, origin: run.origin };
  });
