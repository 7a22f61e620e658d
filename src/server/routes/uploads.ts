// POST /estimates (a saved `mlco2 estimate --format json` result) and POST /codecarbon (emissions.csv
// rows): each stored as a run of its own origin, once per key.
import { createHash } from "node:crypto";
import { Hono } from "hono";
import type { AppEnv } from "../auth.ts";
import { summaryFiguresOf } from "../ingest-rows.ts";
import { conflictWith } from "../problems.ts";
import { readBody } from "../request.ts";
import { CodecarbonBodySchema, EstimateBodySchema } from "../schemas.ts";
import type { RouteDeps } from "./deps.ts";
import { ingestProject } from "./ingest.ts";

/** CodeCarbon writes local times without a zone: read as UTC (said in docs/server.md). */
const codecarbonTime = (text: string): Date => {
  const iso = text.replace(" ", "T");
  return new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
};

/** The upload routes. */
export const uploadRoutes = (deps: RouteDeps): Hono<AppEnv> => {
  const app = new Hono<AppEnv>();
  app.post("/estimates", async (c) => {
    const body = await readBody(c, EstimateBodySchema);
    const project = await ingestProject(c, deps, body.project);
    const key =
      body.key ??
      `estimate-${createHash("sha256").update(JSON.stringify(body.result)).digest("hex").slice(0, 16)}`;
    const now = deps.now();
    const saved = await deps.store.saveSingleResult({
      projectId: project.id,
      key,
      origin: "estimate",
      startedAt: body.startedAt === undefined ? now : new Date(body.startedAt),
      at: now,
      result: body.result,
      figures: summaryFiguresOf(body.result),
      facilityKWh: body.result.facilityEnergyKWh,
      user: body.user ?? null,
    });
    if (saved.origin !== "estimate")
      throw conflictWith("key", `run ${JSON.stringify(key)} exists as a ${saved.origin} run`);
    return c.json({ key, created: saved.created }, saved.created ? 201 : 200);
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
