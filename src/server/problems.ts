// The server's failures, in the repo's one Problem shape: every error response is
// `{ code, path, message, problems }` (the first problem's fields, then all of them), built here.
import type { Context } from "hono";
import type { BaseIssue } from "valibot";
import type { Problem, ProblemCode } from "../core/errors.ts";
import { invalid, notJson, shownValue } from "../core/problems.ts";
import { issuesToProblems } from "../core/schemas/issues.ts";

/** Codes the server adds to the engine's. */
export type ServerProblemCode =
  | ProblemCode
  /** No token, a malformed token, an unknown or revoked token (401). */
  | "unauthorized"
  /** A valid token that may not do this (another project, the wrong scope) (403). */
  | "forbidden"
  /** No such project, run or route (404). */
  | "not-found"
  /** A run key taken by a run of another origin, or a run with nothing to report yet (409). */
  | "conflict"
  /** A body over the size limit (413). */
  | "too-large"
  /** A body that is not JSON by its content type (415). */
  | "unsupported-media-type"
  /** Too many requests for this token (429). */
  | "rate-limited"
  /** The server failed (500); details are in its log, not in the answer. */
  | "internal";

/** A server problem. */
export type ServerProblem = Problem<ServerProblemCode>;

/** An HTTP failure carrying its status and problems; the app's onError turns it into JSON. */
export class HttpProblem extends Error {
  /** HTTP status. */
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500;
  /** Every problem (at least one). */
  readonly problems: readonly [ServerProblem, ...ServerProblem[]];
  /** Extra response headers (Retry-After, WWW-Authenticate). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: HttpProblem["status"],
    problems: readonly [ServerProblem, ...ServerProblem[]],
    headers: Readonly<Record<string, string>> = {},
    options?: { cause?: unknown },
  ) {
    super(problems.map((p) => `${p.path === "" ? "" : `${p.path}: `}${p.message}`).join("\n"), options);
    this.name = "HttpProblem";
    this.status = status;
    this.problems = problems;
    this.headers = headers;
  }
}

const one = (code: ServerProblemCode, path: string, message: string): [ServerProblem] => [
  { code, path, message },
];

/** 401: no usable token. The message says what was wrong, never the token. */
export const unauthorized = (message: string): HttpProblem =>
  new HttpProblem(401, one("unauthorized", "authorization", message), {
    "www-authenticate": 'Bearer realm="mlco2"',
  });

/** 403: the token may not do this. */
export const forbidden = (message: string, path = "authorization"): HttpProblem =>
  new HttpProblem(403, one("forbidden", path, message));

/** 404: no such thing. */
export const notFound = (path: string, what: string, value: string): HttpProblem =>
  new HttpProblem(404, one("not-found", path, `no ${what} ${shownValue(value)}`));

/** 409: in conflict with what is stored. */
export const conflictWith = (path: string, message: string): HttpProblem =>
  new HttpProblem(409, one("conflict", path, message));

/** 413: body too large. */
export const tooLarge = (limitBytes: number): HttpProblem =>
  new HttpProblem(
    413,
    one(
      "too-large",
      "",
      `the body is larger than ${limitBytes.toLocaleString("en-US")} bytes; send smaller batches`,
    ),
  );

/** 429: rate limited. */
export const rateLimited = (retryAfterS: number, perSecond: number): HttpProblem =>
  new HttpProblem(
    429,
    one(
      "rate-limited",
      "authorization",
      `too many requests for this token (at most ${perSecond} a second); retry after ${retryAfterS} s`,
    ),
    { "retry-after": String(retryAfterS) },
  );

/** 400 from schema issues (valibot), paths prefixed with `prefix` ("" for the body). */
export const badInput = (issues: readonly [BaseIssue<unknown>, ...BaseIssue<unknown>[]], prefix = "") =>
  new HttpProblem(400, issuesToProblems(issues, prefix));

/** 400 from problems built elsewhere. */
export const badProblems = (problems: readonly [Problem, ...Problem[]]): HttpProblem =>
  new HttpProblem(400, problems);

/** 400: a body that is not JSON. */
export const badJson = (reason: string): HttpProblem =>
  new HttpProblem(400, [notJson("", `the body is not JSON (${reason})`)]);

/** 400: one invalid value. */
export const badValue = (path: string, message: string): HttpProblem =>
  new HttpProblem(400, [invalid(path, message)]);

/** The JSON body of a failure: the first problem's fields, then all of them. */
export const problemBody = (problems: readonly [ServerProblem, ...ServerProblem[]]) => ({
  code: problems[0].code,
  path: problems[0].path,
  message: problems[0].message,
  problems: problems.map((p) => ({
    code: p.code,
    path: p.path,
    message: p.message,
    ...(p.suggestions === undefined ? {} : { suggestions: p.suggestions }),
  })),
});

/** Writes an HttpProblem as the response. */
export const problemResponse = (c: Context, error: HttpProblem): Response => {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json(problemBody(error.problems), error.status);
};

/** What the app's onError answers for anything that is not an HttpProblem: a bare 500, logged by `log`. */
export const internalError = (c: Context, error: unknown, log: (line: string) => void): Response => {
  const reason = error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : String(error);
  log(`internal error on ${c.req.method} ${c.req.path}: ${reason}`);
  return c.json(
    problemBody(one("internal", "", "the server failed to answer; the reason is in its log")),
    500,
  );
};
