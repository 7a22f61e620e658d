// Admin: POST /tokens (the new token is in the answer, once), GET /tokens, DELETE /tokens/:id (revoke).
import { Hono } from "hono";
import { type AppEnv, requireScope } from "../auth.ts";
import { notFound } from "../problems.ts";
import { readBody } from "../request.ts";
import { TokenBodySchema } from "../schemas.ts";
import type { TokenRecord } from "../store/store.ts";
import { makeToken } from "../tokens.ts";
import type { RouteDeps } from "./deps.ts";

/** A token as listed: never its hash. */
export const tokenView = (t: TokenRecord) => ({
  id: t.id,
  project: t.projectName,
  scope: t.scope,
  label: t.label,
  createdAt: t.createdAt.toISOString(),
  revokedAt: t.revokedAt === null ? null : t.revokedAt.toISOString(),
});

/** The token routes. */
export const tokenRoutes = (deps: RouteDeps): Hono<AppEnv> => {
  const app = new Hono<AppEnv>();
  app.post("/tokens", async (c) => {
    requireScope(c, "admin");
    const body = await readBody(c, TokenBodySchema);
    const made = makeToken();
    const record = await deps.store.createToken({
      id: made.id,
      hash: made.hash,
      projectName: body.project,
      scope: body.scope,
      label: body.label ?? null,
      at: deps.now(),
    });
    c.header("cache-control", "no-store");
    return c.json({ token: made.token, ...tokenView(record) }, 201);
  });
  app.get("/tokens", async (c) => {
    requireScope(c, "admin");
    return c.json({ tokens: (await deps.store.listTokens()).map(tokenView) });
  });
  app.delete("/tokens/:id", async (c) => {
    requireScope(c, "admin");
    const id = c.req.param("id");
    if (!(await deps.store.revokeToken(id, deps.now()))) throw notFound("id", "valid token with id", id);
    return c.json({ id, revoked: true });
  });
  return app;
};
