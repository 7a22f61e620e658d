// A fake Electricity Maps / WattTime server on 127.0.0.1 for tests: routes answer recorded JSON from
// fixtures/, every request is logged (path, query, headers) so tests can assert what was sent.
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One logged request. */
export interface LoggedRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

/** What a route answers: a status, a JSON body, extra headers. */
export interface FakeAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A route: answers a request (may look at the log so far to change its answer, e.g. an expired token). */
export type FakeRoute = (request: LoggedRequest, log: readonly LoggedRequest[]) => FakeAnswer;

/** A running fake server. */
export interface FakeApi {
  /** http://127.0.0.1:PORT */
  readonly baseUrl: string;
  /** Every request received, in order. */
  readonly log: LoggedRequest[];
  /** Stops the server. */
  readonly close: () => Promise<void>;
}

/** Reads a fixture answer body. */
export const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A recorded body moved in time by `shiftMs`: every ISO 8601 instant in it (datetime, point_time,
 * updatedAt…) shifted, so that a test running now can be served answers recorded for another "now".
 */
export const redated = (body: unknown, shiftMs: number): unknown => {
  if (typeof body === "string" && INSTANT.test(body))
    return new Date(Date.parse(body) + shiftMs).toISOString();
  if (Array.isArray(body)) return body.map((item) => redated(item, shiftMs));
  if (typeof body === "object" && body !== null)
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, redated(v, shiftMs)]));
  return body;
};

/** Starts the fake server with routes keyed by path ("/v3/carbon-intensity/history"); unknown paths answer 404. */
export const startFakeApi = async (routes: Readonly<Record<string, FakeRoute>>): Promise<FakeApi> => {
  const log: LoggedRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const request: LoggedRequest = { path: url.pathname, query: url.searchParams, headers: req.headers };
    log.push(request);
    const route = routes[url.pathname];
    const answer =
      route === undefined ? { status: 404, body: { message: "not found" } } : route(request, log);
    res.writeHead(answer.status, { "content-type": "application/json", ...(answer.headers ?? {}) });
    res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/**
 * The recorded Electricity Maps answers for zone DE, checking the auth-token header; `shiftMs` moves
 * their times (see {@link redated}).
 */
export const electricityMapsRoutes = (token: string, shiftMs = 0): Record<string, FakeRoute> => {
  const guarded =
    (name: string): FakeRoute =>
    (request) =>
      request.headers["auth-token"] !== token
        ? { status: 401, body: fixture("electricitymaps/error-401.json") }
        : request.query.get("zone") === "DE"
          ? { status: 200, body: redated(fixture(`electricitymaps/${name}-DE.json`), shiftMs) }
          : {
              status: 404,
              body: { status: "error", message: `Zone '${request.query.get("zone")}' does not exist.` },
            };
  return {
    "/v3/carbon-intensity/history": guarded("history"),
    "/v3/carbon-intensity/forecast": guarded("forecast"),
    "/v3/carbon-intensity/latest": guarded("latest"),
  };
};
