// POST /estimates (a saved `mlco2 estimate --format json` result) and POST /codecarbon (emissions.csv
// rows): each stored as a run of its own origin, once per key.
import { createHash } from "node:crypto";
import { Hono } from "hono";
import type { AppEnv } from "../auth.ts";
import { summaryFiguresOf } from "../ingest-rows.ts";
import { conflictWith, HttpProblem } from "../problems.ts";
import { readBody } from "../request.ts";
import { CodecarbonBodySchema, type EstimateBody, EstimateUploadSchema } from "../schemas.ts";
import type { RunOrigin, SingleResultRun } from "../store/store.ts";
import type { RouteDeps } from "./deps.ts";
import { ingestProject } from "./ingest.ts";

/** One estimate of an upload (a single body or a batch item). */
type EstimateItem = Omit<EstimateBody, "project">;

/** CodeCarbon writes local times without a zone: read as UTC (said in docs/server.md). */
const codecarbonTime = (text: string): Date => {
  const iso = text.replace(" ", "T");
  return new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
};

/** One estimate as the run it is stored as (key derived from the result when absent). */
const estimateRun = (projectId: number, item: EstimateItem, now: Date): SingleResultRun => ({
  projectId,
  key:
    item.key ??
    `estimate-${createHash("sha256").update(JSON.stringify(item.result)).digest("hex").slice(0, 16)}`,
  origin: "estimate",
  startedAt: item.startedAt === undefined ? now : new Date(item.startedAt),
  at: now,
  result: item.result,
  figures: summaryFiguresOf(item.result),
  facilityKWh: item.result.facilityEnergyKWh,
  user: item.user ?? null,
});

/** 409 naming each batch item whose key a run of another origin holds. */
const batchConflict = (
  runs: readonly SingleResultRun[],
  conflicts: readonly { readonly index: number; readonly origin: RunOrigin }[],
): HttpProblem => {
  const problems = conflicts.map(({ index, origin }) => ({
    code: "conflict" as const,
    path: `estimates[${index}].key`,
    message: `run ${JSON.stringify(runs[index]?.key)} exists as a ${origin} run`,
  }));
  const [first, ...rest] = problems;
  if (first === undefined) throw new Error("a batch conflict without conflicts");
  return new HttpProblem(409, [first, ...rest]);
};

/** Stores a batch whole: a key held by a tracker or CodeCarbon run refuses all of it (409, each named). */
const storeBatch = async (deps: RouteDeps, projectId: number, items: readonly EstimateItem[]) => {
  const now = deps.now();
  const runs = items.map((item) => estimateRun(projectId, item, now));
  const saved = await deps.store.saveSingleResults(runs);
  if (!saved.ok) throw batchConflict(runs, saved.conflicts);
  const stored = saved.created.filter(Boolean).length;
  return {
    stored,
    already: runs.length - stored,
    estimates: runs.map((run, i) => ({ key: run.key, created: saved.created[i] === true })),
  };
};

/** The upload routes. */
export const uploadRoutes = (deps: RouteDeps): Hono<AppEnv> => {
  const app = new Hono<AppEnv>();
  app.post("/estimates", async (c) => {
    const body = await readBody(c, EstimateUploadSchema);
    const project = await ingestProject(c, deps, body.project);
    if ("estimates" in body) {
      const answer = await storeBatch(deps, project.id, body.estimates);
      return c.json(answer, answer.stored > 0 ? 201 : 200);
    }
    const run = estimateRun(project.id, body, deps.now());
    const saved = await deps.store.saveSingleResult(run);
    if (saved.origin !== "estimate")
      throw conflictWith("key", `run ${JSON.stringify(run.key)} exists as a ${saved.origin} run`);
    return c.json({ key: run.key, created: saved.created }, saved.created ? 201 : 200);
  });
  app.post("/codecarbon", async (c) => {
    const body = await readBody(c, CodecarbonBodySchema);
    const project = await ingestProject(c, deps, body.project);
    const now = deps.now();
    const runs: { key: string; created: boolean; origin: string }[] = [];
    for (const row of body.rows) {
      const pue = row.pue ?? 1;
      const saved = await deps.store.saveSingleResult({
        projectId: project.id,
        key: row.run_id,
        origin: "codecarbon",
        startedAt: codecarbonTime(row.timestamp),
        at: now,
        result: row,
        figures: {
          energyKWh: row.energy_consumed,
          emissionsKg: row.emissions,
          lowKg: null,
          highKg: null,
          marketKg: null,
        },
        facilityKWh: row.energy_consumed * pue,
      });
      runs.push({ key: row.run_id, created: saved.created, origin: saved.origin });
    }
    return c.json(
      { stored: runs.filter((r) => r.created).length, runs },
      runs.some((r) => r.created) ? 201 : 200,
    );
  });
  return app;
};
