// The server as a Hono app: API under /api/v1 and /metrics, every request authenticated by a bearer
// token, bodies capped, every failure a JSON problem. No port, no process, no files: node.ts serves it.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Dataset } from "../core/types.ts";
import { type AppEnv, authenticate } from "./auth.ts";
import { HttpProblem, internalError, notFound, problemResponse, tooLarge } from "./problems.ts";
import { createRateLimiter, type RateLimit } from "./rate-limit.ts";
import type { RouteDeps } from "./routes/deps.ts";
import { ingestRoutes } from "./routes/ingest.ts";
import { metricsRoutes } from "./routes/metrics.ts";
import { projectRoutes } from "./routes/projects.ts";
import { runRoutes } from "./routes/runs.ts";
import { tokenRoutes } from "./routes/tokens.ts";
import { uploadRoutes } from "./routes/uploads.ts";
import type { Store } from "./store/store.ts";

/** Largest request body, bytes (1 MiB). */
export const BODY_LIMIT_BYTES = 1 << 20;

/** Default per-token limit: generous for trackers that batch, low enough to stop a runaway loop. */
export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 200, burst: 400 };

/** What the app is made of. */
export interface AppOptions {
  /** The store. */
  readonly store: Store;
  /** The dataset (reports, cleanest region). */
  readonly dataset: Dataset;
  /** The clock. */
  readonly now: () => Date;
  /** Per-token rate limit (default {@link DEFAULT_RATE_LIMIT}). */
  readonly rateLimit?: RateLimit;
  /** Largest body, bytes (default {@link BODY_LIMIT_BYTES}). */
  readonly bodyLimitBytes?: number;
  /** Where server errors are logged (default: nowhere). Never given a token. */
  readonly log?: (line: string) => void;
}

/**
 * The mlco2 server app.
 *
 * @example
 * const app = createApp({ store, dataset, now: () => new Date() });
 * const res = await app.request("/api/v1/projects", { headers: { authorization: `Bearer ${token}` } });
 */
export const createApp = (options: AppOptions): Hono<AppEnv> => {
  const deps: RouteDeps = { store: options.store, dataset: options.dataset, now: options.now };
  const limiter = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, () => options.now().getTime());
  const maxSize = options.bodyLimitBytes ?? BODY_LIMIT_BYTES;
  const log = options.log ?? (() => {});
  const app = new Hono<AppEnv>();
  app.onError((error, c) =>
    error instanceof HttpProblem ? problemResponse(c, error) : internalError(c, error, log),
  );
  app.notFound((c) => problemResponse(c, notFound("", "route", `${c.req.method} ${c.req.path}`)));
  app.use("*", async (c, next) => {
    await next();
    c.header("x-content-type-options", "nosniff");
    if (c.req.path.startsWith("/api/") || c.req.path === "/metrics") c.header("cache-control", "no-store");
  });
  const guarded = [
    bodyLimit({ maxSize, onError: (c) => problemResponse(c, tooLarge(maxSize)) }),
    authenticate(options.store, limiter),
  ] as const;
  const api = new Hono<AppEnv>();
  api.use("*", ...guarded);
  for (const routes of [ingestRoutes, uploadRoutes, projectRoutes, runRoutes, tokenRoutes])
    api.route("/", routes(deps));
  app.route("/api/v1", api);
  app.use("/metrics", ...guarded);
  app.route("/", metricsRoutes(deps));
  return app;
};
