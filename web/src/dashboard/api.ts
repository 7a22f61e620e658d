// Reads the server's API with the read token in the Authorization header (never in a URL). Answers are
// validated (api-schemas.ts); failures become one ApiError with the server's own code, path and message.
import * as v from "valibot";
import { ProblemSchema } from "./api-schemas.ts";

/** Where the API is, relative to the dashboard's page (served at the server's root). */
export const API_BASE = "api/v1/";

/** A failed API call: the server's problem, a network failure, or an answer the page cannot read. */
export class ApiError extends Error {
  /** HTTP status (0: no answer). */
  readonly status: number;
  /** The server's code (`unauthorized`, `not-found`, …), or `offline` / `bad-answer`. */
  readonly code: string;
  /** The field the server named. */
  readonly path: string;
  constructor(status: number, code: string, path: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.path = path;
  }
}

/** What the views read with. */
export interface Api {
  /** GET `path` (under /api/v1/) as JSON checked against `schema`. */
  json<S extends v.GenericSchema>(path: string, schema: S): Promise<v.InferOutput<S>>;
  /** GET `path` as a Blob (reports, CSV). */
  blob(path: string): Promise<Blob>;
}

const problemOf = async (response: Response, path: string): Promise<ApiError> => {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: a proxy's page, say.
  }
  const parsed = v.safeParse(ProblemSchema, body);
  return parsed.success
    ? new ApiError(response.status, parsed.output.code, parsed.output.path, parsed.output.message)
    : new ApiError(
        response.status,
        "http",
        "",
        `GET ${path} answered ${response.status} ${response.statusText}`,
      );
};

/** An API reader for one token. `fetcher` is the browser's fetch (tests in Node pass their own). */
export const createApi = (token: string, fetcher: typeof fetch = fetch.bind(globalThis)): Api => {
  const get = async (path: string): Promise<Response> => {
    let response: Response;
    try {
      response = await fetcher(`${API_BASE}${path}`, {
        headers: { authorization: `Bearer ${token}` },
        cache: "no-store",
      });
    } catch {
      throw new ApiError(0, "offline", "", "cannot reach the server; is mlco2 serve still running?");
    }
    if (!response.ok) throw await problemOf(response, path);
    return response;
  };
  return {
    json: async (path, schema) => {
      const body: unknown = await (await get(path)).json();
      const parsed = v.safeParse(schema, body);
      if (parsed.success) return parsed.output;
      const issue = parsed.issues[0];
      const where = issue === undefined ? "" : (v.getDotPath(issue) ?? "");
      throw new ApiError(
        200,
        "bad-answer",
        where,
        `the server's answer to GET ${path} is not what this dashboard reads${where === "" ? "" : ` (at ${where})`}: ${issue?.message ?? "unknown shape"}; are the server and the dashboard the same version?`,
      );
    },
    blob: async (path) => (await get(path)).blob(),
  };
};
