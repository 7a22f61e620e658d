// Bearer tokens on every API request: who is asking (a stored token, checked in constant time), what it
// may do (scope), and for which project. Tokens are never read from URLs and never logged.
import type { Context, MiddlewareHandler } from "hono";
import { forbidden, rateLimited, unauthorized } from "./problems.ts";
import type { RateLimiter } from "./rate-limit.ts";
import type { Project, Store, TokenRecord, TokenScope } from "./store/store.ts";
import { tokenIdOf, tokenMatches } from "./tokens.ts";

/** Hono environment of authenticated routes. */
export interface AppEnv {
  Variables: {
    /** The caller's token (set by {@link authenticate}). */
    token: TokenRecord;
  };
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
const TOKEN_IN_URL = /(^|[?&])(token|access_token|api_key|apikey)=/i;

/** Checks the bearer token and the rate limit; sets `token`. 401 with the reason otherwise. */
export const authenticate =
  (store: Store, limiter: RateLimiter): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (TOKEN_IN_URL.test(new URL(c.req.url).search))
      throw unauthorized(
        "tokens are not accepted in URLs (URLs end up in logs); send the header Authorization: Bearer <token>",
      );
    const header = c.req.header("authorization");
    if (header === undefined || header.trim() === "")
      throw unauthorized("a token is required: send the header Authorization: Bearer <token>");
    const match = BEARER.exec(header);
    if (match === null) throw unauthorized('the Authorization header must read "Bearer <token>"');
    const token = match[1] as string;
    const id = tokenIdOf(token);
    if (id === null) {
      tokenMatches(token, null);
      throw unauthorized("not an mlco2 token (expected mlco2_<id>_<secret>)");
    }
    const record = await store.findToken(id);
    if (record === null || !tokenMatches(token, record.hash)) throw unauthorized("unknown token");
    if (record.revokedAt !== null) throw unauthorized("this token was revoked; ask an admin for a new one");
    const wait = limiter.take(record.id);
    if (wait > 0) throw rateLimited(wait, limiter.limit.perSecond);
    c.set("token", record);
    await next();
  };

const ACTIONS: Record<TokenScope, string> = {
  ingest: "send samples",
  read: "read",
  admin: "manage projects and tokens",
};

/** The caller's token when its scope is `scope` (admin may do everything); 403 otherwise. */
export const requireScope = (c: Context<AppEnv>, scope: TokenScope): TokenRecord => {
  const token = c.get("token");
  if (token.scope !== scope && token.scope !== "admin")
    throw forbidden(
      `this ${token.scope} token cannot ${ACTIONS[scope]}; use ${scope === "admin" ? "an" : "a"} ${scope} token`,
    );
  return token;
};

/**
 * The project named `name` for a caller of scope `scope`: its own project (403 for another one, whether
 * or not it exists), or any project for an admin (404 when missing).
 */
export const projectFor = async (
  c: Context<AppEnv>,
  store: Store,
  name: string,
  scope: "read" | "ingest",
): Promise<Project | null> => {
  const token = requireScope(c, scope);
  if (token.scope !== "admin" && token.projectName !== name)
    throw forbidden(`this ${token.scope} token belongs to another project`, "project");
  return store.findProject(name);
};
