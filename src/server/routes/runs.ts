// One run: GET …/runs/:run (nodes, series, factors, methods), …/power (chart), …/report (LaTeX, Markdown,
// model card, JSON, CSV), …/samples.csv (export), …/cleanest (where it would have emitted least).
import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import { renderReport } from "../../core/report/render-report.ts";
import { EstimateResultSchema } from "../../core/schemas/estimate-result.ts";
import type { EstimateResult } from "../../core/types.ts";
import type { AppEnv } from "../auth.ts";
import { cleanestRegionsFor } from "../cleanest.ts";
import { powerSeriesOf, powerWindowOf } from "../power-chart.ts";
import { conflictWith, notFound } from "../problems.ts";
import { readQuery } from "../request.ts";
import { type NodeResult, runResultOf } from "../run-result.ts";
import { samplesCsvStream } from "../samples-csv.ts";
import { PowerQuerySchema, ReportQuerySchema } from "../schemas.ts";
import type { RunDetail } from "../store/store.ts";
import type { RouteDeps } from "./deps.ts";
import { readableProject } from "./projects.ts";

const readableRun = async (c: Context<AppEnv>, deps: RouteDeps): Promise<RunDetail> => {
  const project = await readableProject(c, deps);
  const key = c.req.param("run") ?? "";
  const run = await deps.store.runDetail(project.id, key);
  if (run === null) throw notFound("run", "run", key);
  return run;
};

const resultOf = (value: unknown): EstimateResult | null =>
  v.safeParse(EstimateResultSchema, value).success ? (value as EstimateResult) : null;

/** The run's result: the estimate, or its finished nodes' summaries combined; why not, otherwise. */
export const runResult = (
  deps: RouteDeps,
  run: RunDetail,
): { result: EstimateResult } | { missing: string } => {
  if (run.origin === "estimate") {
    const result = resultOf(run.result);
    return result === null ? { missing: "the stored estimate cannot be read" } : { result };
  }
  if (run.origin === "codecarbon")
    return { missing: "a CodeCarbon row carries no factors or ranges; reports need an mlco2 result" };
  const nodes: NodeResult[] = [];
  let logs = 0;
  for (const node of run.nodeList)
    for (const log of node.logs) {
      logs++;
      const result = resultOf((log.summary as { result?: unknown } | null)?.result);
      if (result !== null) nodes.push({ node: `${node.hostname}:${node.rank}`, result });
    }
  const [first, ...rest] = nodes;
  if (first === undefined)
    return {
      missing: "no node has finished yet; reports need the summary a tracker writes when its command ends",
    };
  const result = runResultOf(deps.dataset, [first, ...rest]);
  if (nodes.length === logs) return { result };
  const note = `${nodes.length} of ${logs} node logs have finished; this result covers those only.`;
  return { result: { ...result, warnings: [note, ...result.warnings] } };
};

const methodsOf = (run: RunDetail) => {
  const methods = new Map<
    string,
    { component: string; method: string; via: string; series: number; energyKWh: number }
  >();
  for (const node of run.nodeList)
    for (const log of node.logs)
      for (const s of log.series) {
        const key = `${s.component}\u0000${s.method}\u0000${s.via}`;
        const entry = methods.get(key) ?? {
          component: s.component,
          method: s.method,
          via: s.via,
          series: 0,
          energyKWh: 0,
        };
        entry.series++;
        entry.energyKWh += s.energyKWh;
        methods.set(key, entry);
      }
  return [...methods.values()];
};

const REPORT_TYPES = {
  latex: "application/x-latex; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
  "model-card": "text/markdown; charset=utf-8",
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
} as const;

/** The run routes. */
export const runRoutes = (deps: RouteDeps): Hono<AppEnv> => {
  const app = new Hono<AppEnv>();
  const base = "/projects/:project/runs/:run";
  app.get(base, async (c) => {
    const run = await readableRun(c, deps);
    const { id: _id, projectId: _p, nodeList, result: stored, ...item } = run;
    const result = runResult(deps, run);
    return c.json({
      run: item,
      result: "result" in result ? result.result : null,
      resultMissing: "missing" in result ? result.missing : null,
      factors: "result" in result ? result.result.factors : [],
      methods: methodsOf(run),
      codecarbon: run.origin === "codecarbon" ? stored : null,
      nodes: nodeList.map((node) => ({
        hostname: node.hostname,
        rank: node.rank,
        logs: node.logs.map(({ series, summary, ...log }) => ({
          ...log,
          finished: summary !== null,
          series: series.map(({ id: _sid, ...s }) => s),
        })),
      })),
    });
  });
  app.get(`${base}/power`, async (c) => {
    const run = await readableRun(c, deps);
    const query = readQuery(c, PowerQuerySchema);
    const window = powerWindowOf(run, query.points ?? 300);
    if (window === null) return c.json({ bucketS: null, source: null, from: null, to: null, series: [] });
    const points = await deps.store.runPower(run.id, window.bucketS, window.source, new Date(0));
    return c.json({ ...window, series: powerSeriesOf(points) });
  });
  app.get(`${base}/report`, async (c) => {
    const run = await readableRun(c, deps);
    const query = readQuery(c, ReportQuerySchema);
    const result = runResult(deps, run);
    if ("missing" in result)
      throw conflictWith("run", `run ${JSON.stringify(run.key)} has no report yet: ${result.missing}`);
    const text = renderReport(
      result.result,
      query.format,
      query.trainingType === undefined ? {} : { trainingType: query.trainingType },
    );
    return c.body(text, 200, { "content-type": REPORT_TYPES[query.format] });
  });
  app.get(`${base}/samples.csv`, async (c) => {
    const run = await readableRun(c, deps);
    return c.body(samplesCsvStream(deps.store, run.id), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="samples.csv"',
    });
  });
  app.get(`${base}/cleanest`, async (c) => {
    const run = await readableRun(c, deps);
    const result = runResult(deps, run);
    const year = "result" in result ? result.result.job.year : null;
    const regions = cleanestRegionsFor(deps.dataset, run.energyKWh, year);
    return c.json({
      energyKWh: run.energyKWh,
      emissionsKg: run.emissionsKg,
      year: year ?? deps.dataset.grid.years.at(-1) ?? null,
      cleanest: regions[0] ?? null,
      inProvider: "result" in result ? result.result.alternatives.cleanestInProvider : null,
      byProvider: regions,
    });
  });
  return app;
};
