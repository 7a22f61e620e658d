import { failWith, type PlanOutcome, type PlanProblem, planProblem, succeed } from "../problems.ts";
import { formatInstant } from "../time.ts";
import type { AnswerCache } from "./answer-cache.ts";
import type { HttpAnswer, HttpGet } from "./http-json.ts";

/** A body and when it was read. */
export interface FreshBody {
  /** JSON body. */
  readonly body: unknown;
  /** When it was read from the API, ISO 8601. */
  readonly retrievedAt: string;
  /** Set when the API failed and an older cached answer stands in (loud). */
  readonly staleBecause?: string;
}

/** How to ask. */
export interface CachedGetOptions {
  /** Which service, for messages: "Electricity Maps". */
  readonly service: string;
  /** The environment variable(s) holding the credentials, for messages. */
  readonly credentials: string;
  /** The input path to blame ("source"). */
  readonly path: string;
  /** Now, ms. */
  readonly nowMs: number;
  /** An answer younger than this is used without asking again, ms. */
  readonly maxAgeMs: number;
}

/** The problem an HTTP failure stands for. */
export const problemOfAnswer = (answer: HttpAnswer, options: CachedGetOptions, url: string): PlanProblem => {
  const { service, credentials, path } = options;
  const endpoint = url.replace(/\?.*$/, "");
  if (answer.status === 401 || answer.status === 403) {
    return planProblem(
      "api-unauthorized",
      path,
      `${service} refused the credentials (HTTP ${answer.status} at ${endpoint}): the token is expired or invalid, or the plan does not include this endpoint; renew ${credentials}`,
    );
  }
  if (answer.status === 429) {
    const wait = answer.retryAfterS === null ? "" : `; retry after ${answer.retryAfterS} s`;
    return planProblem(
      "api-rate-limited",
      path,
      `${service} rate limit reached (HTTP 429 at ${endpoint})${wait}`,
    );
  }
  return planProblem("api-error", path, `${service} answered HTTP ${answer.status} at ${endpoint}`);
};

/**
 * GETs a JSON body through the disk cache: a fresh cached answer is used as is; otherwise the API is
 * asked and a 200 answer is kept with its retrieval time. When the API fails and an older answer is
 * kept, that answer is returned marked stale; without one, the failure comes back as a problem.
 */
export const cachedGet = async (
  http: HttpGet,
  cache: AnswerCache,
  url: string,
  headers: Readonly<Record<string, string>>,
  options: CachedGetOptions,
): Promise<PlanOutcome<FreshBody>> => {
  const kept = cache.get(url);
  const keptMs = kept === null ? Number.NaN : Date.parse(kept.retrievedAt);
  if (kept !== null && options.nowMs - keptMs < options.maxAgeMs && options.nowMs >= keptMs) {
    return succeed({ body: kept.body, retrievedAt: kept.retrievedAt });
  }
  let problem: PlanProblem;
  try {
    const answer = await http(url, headers);
    if (answer.status === 200 && answer.body !== null) {
      const retrievedAt = formatInstant(options.nowMs);
      cache.put({ url, retrievedAt, body: answer.body });
      return succeed({ body: answer.body, retrievedAt });
    }
    problem =
      answer.status === 200
        ? planProblem(
            "api-bad-body",
            options.path,
            `${options.service} answered 200 without a JSON body at ${url.replace(/\?.*$/, "")}`,
          )
        : problemOfAnswer(answer, options, url);
  } catch (error) {
    const reason =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    problem = planProblem(
      "api-unreachable",
      options.path,
      `${options.service} could not be reached at ${url.replace(/\?.*$/, "")} (${reason})`,
    );
  }
  if (kept !== null) {
    return succeed({ body: kept.body, retrievedAt: kept.retrievedAt, staleBecause: problem.message });
  }
  return failWith(problem);
};
