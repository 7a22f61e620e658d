// GET /projects (with totals), /projects/:project/totals (by week, month or user), /projects/:project/runs.
import type { Context } from "hono";
import { Hono } from "hono";
import { type AppEnv, projectFor, requireScope } from "../auth.ts";
import { notFound } from "../problems.ts";
import { readQuery } from "../request.ts";
import { RunsQuerySchema, TotalsQuerySchema } from "../schemas.ts";
import type { Project } from "../store/store.ts";
import type { RouteDeps } from "./deps.ts";

/** The project of the path, readable by the caller (403 another project's, 404 none). */
export const readableProject = async (c: Context<AppEnv>, deps: RouteDeps): Promise<Project> => {
  const name = c.req.param("project") ?? "";
  const project = await projectFor(c, deps.store, name, "read");
  if (project === null) throw notFound("project", "project", name);
  return project;
};

/** The project routes. */
export const projectRoutes = (deps: RouteDeps): Hono<AppEnv> => {
  const app = new Hono<AppEnv>();
  app.get("/projects", async (c) => {
    const token = requireScope(c, "read");
    const projects = await deps.store.listProjects(token.scope === "admin" ? null : [token.projectId]);
    return c.json({ projects: projects.map(({ id: _id, ...rest }) => rest) });
  });
  app.get("/projects/:project/totals", async (c) => {
    const project = await readableProject(c, deps);
    const query = readQuery(c, TotalsQuerySchema);
    const by = query.by ?? "month";
    const range = {
      ...(query.from === undefined ? {} : { from: query.from }),
      ...(query.to === undefined ? {} : { to: query.to }),
    };
    if (by === "user")
      return c.json({ project: project.name, by, users: await deps.store.userTotals(project.id, range) });
    const periods = await deps.store.projectTotals(project.id, by, range);
    return c.json({ project: project.name, by, periods });
  });
  app.get("/projects/:project/runs", async (c) => {
    const project = await readableProject(c, deps);
    const query = readQuery(c, RunsQuerySchema);
    const limit = query.limit ?? 100;
    const runs = await deps.store.listRuns(project.id, { ...query, limit });
    const last = runs.at(-1);
    return c.json({
      project: project.name,
      runs: runs.map(({ id: _id, ...rest }) => rest),
      next: runs.length === limit && last !== undefined ? String(last.id) : null,
    });
  });
  return app;
};
