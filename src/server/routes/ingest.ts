// POST /ingest (a batch of one tracker log) and GET /ingest/ack (what the server holds of a log, so a
// client resumes after it).
import type { Context } from "hono";
import { Hono } from "hono";
import { type AppEnv, requireScope } from "../auth.ts";
import { batchRowsOf } from "../ingest-rows.ts";
import { badProblems, conflictWith, forbidden } from "../problems.ts";
import { readBody, readQuery } from "../request.ts";
import { AckQuerySchema, IngestBodySchema } from "../schemas.ts";
import { RunOriginConflict } from "../store/sql-ingest.ts";
import type { Project } from "../store/store.ts";
import type { RouteDeps } from "./deps.ts";

/**
 * The project an ingest-scoped request writes to: the token's own; an admin token writes to the named one,
 * or to its own when none is named (`default` for the admin token of the first start), so that the token
 * `mlco2 serve` prints works as it is with `mlco2 track --server`.
 */
export const ingestProject = async (
  c: Context<AppEnv>,
  deps: RouteDeps,
  named: string | undefined,
): Promise<Project> => {
  const token = requireScope(c, "ingest");
  if (token.scope === "admin") {
    return deps.store.ensureProject(named ?? token.projectName, deps.now());
  }
  if (named !== undefined && named !== token.projectName)
    throw forbidden("this ingest token belongs to another project", "project");
  return { id: token.projectId, name: token.projectName };
};

/** The ingest routes. */
export const ingestRoutes = (deps: RouteDeps): Hono<AppEnv> => {
  const app = new Hono<AppEnv>();
  app.post("/ingest", async (c) => {
    requireScope(c, "ingest");
    const body = await readBody(c, IngestBodySchema);
    const project = await ingestProject(c, deps, body.project);
    const now = deps.now();
    const rows = batchRowsOf(body, now.getTime());
    if (!rows.ok) throw badProblems(rows.problems);
    try {
      const outcome = await deps.store.ingest({
        node: { projectId: project.id, runKey: body.runKey, ...body.node, logId: body.logId },
        at: now,
        startedAt: body.start?.startedAt ?? null,
        start: body.start ?? null,
        user: body.start?.user ?? null,
        summary: rows.value.summary === null ? null : { line: body.summary, figures: rows.value.summary },
        rows: rows.value.rows,
        contiguous: rows.value.contiguous,
      });
      return c.json({ ...outcome, summary: body.summary !== undefined });
    } catch (error) {
      if (error instanceof RunOriginConflict)
        throw conflictWith("runKey", `${error.message}; use another --run-id for tracker samples`);
      throw error;
    }
  });
  app.get("/ingest/ack", async (c) => {
    requireScope(c, "ingest");
    const query = readQuery(c, AckQuerySchema);
    const project = await ingestProject(c, deps, query.project);
    const ack = await deps.store.ackOf({
      projectId: project.id,
      runKey: query.runKey,
      hostname: query.hostname,
      rank: query.rank,
      logId: query.logId,
    });
    return c.json(ack);
  });
  return app;
};
