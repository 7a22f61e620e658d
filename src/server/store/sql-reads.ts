// Reading: overview, totals by period, runs, a run's detail and chart, CSV pages, metric totals. Every
// query reads rollups or one run's own rows, never a scan of all samples.
import type { SqlDb } from "./sql-db.ts";
import { isoOf, jsonOf, nullableNumberOf, numberOf } from "./sql-values.ts";
import type {
  MetricRow,
  NodeInfo,
  PowerPoint,
  ProjectOverview,
  RunDetail,
  RunFilter,
  RunListItem,
  RunOrigin,
  SampleExportRow,
  SeriesInfo,
} from "./store.ts";

/** Projects with totals. */
export const listProjects = async (db: SqlDb, ids: readonly number[] | null): Promise<ProjectOverview[]> => {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT p.id, p.name,
       (SELECT count(*)::int FROM runs r WHERE r.project_id = p.id) AS runs,
       coalesce(d.energy, 0) AS energy, coalesce(d.emissions, 0) AS emissions, d.last::text AS last
     FROM projects p
     LEFT JOIN (SELECT project_id, sum(energy_kwh) AS energy, sum(emissions_kg) AS emissions, max(day) AS last
                FROM rollup_day GROUP BY project_id) d ON d.project_id = p.id
     WHERE $1::int[] IS NULL OR p.id = ANY($1::int[])
     ORDER BY p.name`,
    [ids === null ? null : [...ids]],
  );
  return rows.map((r) => ({
    id: numberOf(r.id),
    name: String(r.name),
    runs: numberOf(r.runs),
    energyKWh: numberOf(r.energy),
    emissionsKg: numberOf(r.emissions),
    lastDay: r.last === null ? null : String(r.last),
  }));
};

// A run's status and last activity come from its own logs and series (indexed by run).
const RUN_ITEM = `
SELECT r.id, r.key, r.origin, r.user_name, r.created_at, r.started_at,
  (SELECT count(*)::int FROM nodes n WHERE n.run_id = r.id) AS nodes,
  coalesce(d.energy, 0) AS energy, coalesce(d.emissions, 0) AS emissions, d.first, d.last,
  CASE WHEN r.origin <> 'tracker' THEN 'finished'
       WHEN EXISTS (SELECT 1 FROM nodes n JOIN logs l ON l.node_id = n.id WHERE n.run_id = r.id AND l.summary IS NULL)
         THEN 'running'
       WHEN EXISTS (SELECT 1 FROM nodes n WHERE n.run_id = r.id) THEN 'finished'
       ELSE 'running' END AS status,
  (SELECT max(s.last_time) FROM nodes n JOIN logs l ON l.node_id = n.id JOIN series s ON s.log_id = l.id
   WHERE n.run_id = r.id) AS last_time
FROM runs r
LEFT JOIN LATERAL (SELECT sum(energy_kwh) AS energy, sum(emissions_kg) AS emissions, min(day) AS first,
                          max(day) AS last FROM rollup_day WHERE run_id = r.id) d ON true`;

const runItemOf = (r: Record<string, unknown>): RunListItem => ({
  id: numberOf(r.id),
  key: String(r.key),
  origin: r.origin as RunOrigin,
  user: r.user_name === null || r.user_name === undefined ? null : String(r.user_name),
  status: r.status === "finished" ? "finished" : "running",
  createdAt: isoOf(r.created_at) ?? "",
  startedAt: isoOf(r.started_at),
  nodes: numberOf(r.nodes),
  energyKWh: numberOf(r.energy),
  emissionsKg: numberOf(r.emissions),
  lastTime: isoOf(r.last_time) ?? (r.origin === "tracker" ? null : isoOf(r.started_at)),
});

/** Runs of a project, newest first. */
export const listRuns = async (db: SqlDb, projectId: number, filter: RunFilter): Promise<RunListItem[]> => {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM (${RUN_ITEM} WHERE r.project_id = $1 AND ($2::text IS NULL OR r.origin = $2::text)
       AND ($3::text IS NULL OR strpos(lower(r.key), lower($3::text)) > 0)
       AND ($4::int IS NULL OR r.id < $4::int) AND ($9::text IS NULL OR r.user_name = $9::text)) x
     WHERE ($5::text IS NULL OR x.status = $5::text)
       AND ($6::date IS NULL OR x.last >= $6::date) AND ($7::date IS NULL OR x.first <= $7::date)
     ORDER BY x.id DESC LIMIT $8`,
    [
      projectId,
      filter.origin ?? null,
      filter.q ?? null,
      filter.before ?? null,
      filter.status ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.limit,
      filter.user ?? null,
    ],
  );
  return rows.map(runItemOf);
};

const seriesOf = (r: Record<string, unknown>): SeriesInfo => ({
  id: numberOf(r.id),
  key: String(r.key),
  component: String(r.component),
  label: String(r.label),
  method: String(r.method),
  via: String(r.via),
  energyKWh: numberOf(r.energy_kwh),
  emissionsKg: numberOf(r.emissions_kg),
  samples: numberOf(r.samples),
  firstTime: isoOf(r.first_time),
  lastTime: isoOf(r.last_time),
  lastPowerW: numberOf(r.last_power_w),
});

const nodesOf = async (db: SqlDb, runId: number): Promise<NodeInfo[]> => {
  const logs = await db.query<Record<string, unknown>>(
    `SELECT n.id AS node_id, n.hostname, n.rank, l.id, l.log_id, l.started_at, l.acked_through, l.start, l.summary
     FROM nodes n LEFT JOIN logs l ON l.node_id = n.id WHERE n.run_id = $1 ORDER BY n.hostname, n.rank, l.id`,
    [runId],
  );
  const series = await db.query<Record<string, unknown>>(
    `SELECT s.* FROM series s JOIN logs l ON l.id = s.log_id JOIN nodes n ON n.id = l.node_id
     WHERE n.run_id = $1 ORDER BY s.log_id, s.key, s.id`,
    [runId],
  );
  const seriesByLog = new Map<number, SeriesInfo[]>();
  for (const row of series) {
    const list = seriesByLog.get(numberOf(row.log_id)) ?? [];
    list.push(seriesOf(row));
    seriesByLog.set(numberOf(row.log_id), list);
  }
  const nodes = new Map<number, { hostname: string; rank: number; logs: NodeInfo["logs"][number][] }>();
  for (const row of logs) {
    const nodeId = numberOf(row.node_id);
    const node = nodes.get(nodeId) ?? { hostname: String(row.hostname), rank: numberOf(row.rank), logs: [] };
    if (row.id !== null)
      node.logs.push({
        logId: String(row.log_id),
        startedAt: isoOf(row.started_at),
        ackedThrough: numberOf(row.acked_through),
        start: jsonOf(row.start),
        summary: jsonOf(row.summary),
        series: seriesByLog.get(numberOf(row.id)) ?? [],
      });
    nodes.set(nodeId, node);
  }
  return [...nodes.values()];
};

/** One run with nodes, logs and series. */
export const runDetail = async (db: SqlDb, projectId: number, key: string): Promise<RunDetail | null> => {
  const [row] = await db.query<Record<string, unknown>>(
    `SELECT x.*, r.result, r.summary_energy_kwh, r.summary_emissions_kg, r.summary_low_kg, r.summary_high_kg,
            r.summary_market_kg
     FROM (${RUN_ITEM} WHERE r.project_id = $1 AND r.key = $2) x JOIN runs r ON r.id = x.id`,
    [projectId, key],
  );
  if (row === undefined) return null;
  const item = runItemOf(row);
  const energy = nullableNumberOf(row.summary_energy_kwh);
  const emissions = nullableNumberOf(row.summary_emissions_kg);
  return {
    ...item,
    projectId,
    result: jsonOf(row.result),
    summary:
      energy === null || emissions === null
        ? null
        : {
            energyKWh: energy,
            emissionsKg: emissions,
            lowKg: nullableNumberOf(row.summary_low_kg),
            highKg: nullableNumberOf(row.summary_high_kg),
            marketKg: nullableNumberOf(row.summary_market_kg),
          },
    nodeList: item.origin === "tracker" ? await nodesOf(db, item.id) : [],
  };
};

/** A run's average power per node, component and bucket, from its samples or its hourly rollups. */
export const runPower = async (
  db: SqlDb,
  runId: number,
  bucketS: number,
  source: "samples" | "hours",
  origin: Date,
): Promise<PowerPoint[]> => {
  // One index range per series (LATERAL): the plan stays an index scan whatever the planner's statistics
  // (PGlite has no autovacuum to keep them fresh).
  const inner =
    source === "samples"
      ? `SELECT date_bin(make_interval(secs => $2), x.time, $3::timestamptz) AS bucket,
                sum(x.energy_kwh) * 3600000 / nullif(sum(x.interval_s), 0) AS power
         FROM samples x WHERE x.series_id = rs.id GROUP BY 1`
      : `SELECT date_bin(make_interval(secs => $2), x.hour, $3::timestamptz) AS bucket,
                sum(x.energy_kwh) * 3600000 / nullif(sum(x.covered_s), 0) AS power
         FROM rollup_hour x WHERE x.series_id = rs.id GROUP BY 1`;
  const rows = await db.query<Record<string, unknown>>(
    `WITH run_series AS (
       SELECT s.id, s.component, s.method, n.hostname, n.rank
       FROM series s JOIN logs l ON l.id = s.log_id JOIN nodes n ON n.id = l.node_id WHERE n.run_id = $1
     )
     SELECT rs.hostname, rs.rank, rs.component, bool_or(rs.method = 'estimated') AS estimated,
            (extract(epoch FROM b.bucket) * 1000)::float8 AS t, coalesce(sum(b.power), 0)::float8 AS power
     FROM run_series rs CROSS JOIN LATERAL (${inner}) b
     GROUP BY rs.hostname, rs.rank, rs.component, b.bucket
     ORDER BY rs.hostname, rs.rank, rs.component, b.bucket`,
    [runId, bucketS, origin.toISOString()],
  );
  return rows.map((r) => ({
    hostname: String(r.hostname),
    rank: numberOf(r.rank),
    component: String(r.component),
    method: r.estimated === true ? "estimated" : "measured",
    t: numberOf(r.t),
    powerW: numberOf(r.power),
  }));
};

/** A page of a run's samples after (series, seq), in that order. */
export const runSamples = async (
  db: SqlDb,
  runId: number,
  after: { readonly seriesId: number; readonly seq: number },
  limit: number,
): Promise<SampleExportRow[]> => {
  const ids = (
    await db.query<{ id: number }>(
      `SELECT s.id FROM series s JOIN logs l ON l.id = s.log_id JOIN nodes n ON n.id = l.node_id WHERE n.run_id = $1`,
      [runId],
    )
  ).map((r) => numberOf(r.id));
  const rows = await db.query<Record<string, unknown>>(
    `SELECT n.hostname, n.rank, l.log_id, x.series_id, x.seq, x.time, s.key, s.component, s.label, s.method, s.via,
            x.interval_s::float8 AS interval_s, x.energy_kwh, x.emissions_kg
     FROM samples x JOIN series s ON s.id = x.series_id JOIN logs l ON l.id = s.log_id JOIN nodes n ON n.id = l.node_id
     WHERE x.series_id = ANY($1::int[]) AND (x.series_id, x.seq) > ($2::int, $3::int)
     ORDER BY x.series_id, x.seq LIMIT $4`,
    [ids, after.seriesId, after.seq, limit],
  );
  return rows.map((r) => ({
    hostname: String(r.hostname),
    rank: numberOf(r.rank),
    logId: String(r.log_id),
    seriesId: numberOf(r.series_id),
    seq: numberOf(r.seq),
    time: isoOf(r.time) ?? "",
    key: String(r.key),
    component: String(r.component),
    label: String(r.label),
    method: String(r.method),
    via: String(r.via),
    intervalS: numberOf(r.interval_s),
    energyKWh: numberOf(r.energy_kwh),
    emissionsKg: numberOf(r.emissions_kg),
  }));
};

/** Totals per project, run, node, component and method (from the series' running totals). */
export const metricRows = async (
  db: SqlDb,
  projectIds: readonly number[] | null,
  recentSince: Date,
): Promise<MetricRow[]> => {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT p.name AS project, r.key AS run, n.hostname || ':' || n.rank AS node, s.component, s.method,
            sum(s.energy_kwh) AS energy, sum(s.emissions_kg) AS emissions,
            sum(CASE WHEN s.last_time >= $2 AND l.summary IS NULL THEN s.last_power_w END) AS power
     FROM series s JOIN logs l ON l.id = s.log_id JOIN nodes n ON n.id = l.node_id JOIN runs r ON r.id = n.run_id
     JOIN projects p ON p.id = r.project_id
     WHERE $1::int[] IS NULL OR r.project_id = ANY($1::int[])
     GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    [projectIds === null ? null : [...projectIds], recentSince.toISOString()],
  );
  return rows.map((r) => ({
    project: String(r.project),
    run: String(r.run),
    node: String(r.node),
    component: String(r.component),
    method: String(r.method),
    energyKWh: numberOf(r.energy),
    emissionsKg: numberOf(r.emissions),
    powerW: nullableNumberOf(r.power),
  }));
};
