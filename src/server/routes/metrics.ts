// GET /metrics: Prometheus text of the caller's project (a read token) or of every project (admin).
import { Hono } from "hono";
import { type AppEnv, requireScope } from "../auth.ts";
import { metricsText, PROMETHEUS_CONTENT_TYPE } from "../metrics.ts";
import type { RouteDeps } from "./deps.ts";

/** Power is reported for series that sent a sample within this long. */
export const POWER_RECENT_MS = 5 * 60_000;

/** The metrics route. */
export const metricsRoutes = (deps: RouteDeps): Hono<AppEnv> => {
  const app = new Hono<AppEnv>();
  app.get("/metrics", async (c) => {
    const token = requireScope(c, "read");
    const rows = await deps.store.metricRows(
      token.scope === "admin" ? null : [token.projectId],
      new Date(deps.now().getTime() - POWER_RECENT_MS),
    );
    return c.body(await metricsText(rows), 200, { "content-type": PROMETHEUS_CONTENT_TYPE });
  });
  return app;
};
