import * as v from "valibot";
import { wattTimeSeries } from "../formats/json-series.ts";
import { failWith, type PlanOutcome, planProblem, succeed } from "../problems.ts";
import type { RawSeries } from "../series.ts";
import { formatInstant, MS_PER_HOUR } from "../time.ts";
import type { AnswerCache } from "./answer-cache.ts";
import { cachedGet, problemOfAnswer } from "./cached-get.ts";
import type { HttpGet } from "./http-json.ts";

/** The public API; tests point `baseUrl` at a fake server (WATTTIME_BASE_URL). */
export const WATTTIME_BASE_URL = "https://api.watttime.org";

/** What the client needs. */
export interface WattTimeOptions {
  /** API root (login is at /login, signals under /v3). */
  readonly baseUrl: string;
  /** WATTTIME_USER. */
  readonly user: string;
  /** WATTTIME_PASSWORD. */
  readonly password: string;
  /** HTTP GET. */
  readonly http: HttpGet;
  /** Answer cache (signals only; the token is never written to disk). */
  readonly cache: AnswerCache;
  /** Now, ms. */
  readonly nowMs: number;
  /** Cached answers younger than this are reused, ms. */
  readonly maxAgeMs: number;
}

/** A signal's readings, with a warning when a stale cached answer stood in for a failed request. */
export interface WattTimeAnswer {
  /** The readings (g/kWh, converted from lbs/MWh). */
  readonly series: RawSeries;
  /** Loud warning, when the answer is stale. */
  readonly warning: string | null;
}

/** The marginal-signal endpoints for one region. */
export interface WattTimeClient {
  /** The current co2_moer forecast (24 h, 5-minute periods). */
  readonly forecast: (region: string) => Promise<PlanOutcome<WattTimeAnswer>>;
  /** Past co2_moer readings between two instants. */
  readonly historical: (
    region: string,
    startMs: number,
    endMs: number,
  ) => Promise<PlanOutcome<WattTimeAnswer>>;
}

const LoginBody = v.object({ token: v.string() });

const OPTIONS = {
  service: "WattTime",
  credentials: "WATTTIME_USER/WATTTIME_PASSWORD",
  path: "source",
} as const;

/** A WattTime v3 client: GET /login with HTTP Basic gives a bearer token (valid 30 min), then signals. */
export const wattTimeClient = (options: WattTimeOptions): WattTimeClient => {
  const base = options.baseUrl.replace(/\/+$/, "");
  let token: string | null = null;
  const login = async (): Promise<PlanOutcome<string>> => {
    const basic = Buffer.from(`${options.user}:${options.password}`).toString("base64");
    const url = `${base}/login`;
    try {
      const answer = await options.http(url, { authorization: `Basic ${basic}` });
      if (answer.status !== 200)
        return failWith(problemOfAnswer(answer, { ...OPTIONS, nowMs: options.nowMs, maxAgeMs: 0 }, url));
      const parsed = v.safeParse(LoginBody, answer.body);
      if (!parsed.success)
        return failWith(planProblem("api-bad-body", "source", "WattTime login answered without a token"));
      token = parsed.output.token;
      return succeed(token);
    } catch (error) {
      return failWith(
        planProblem(
          "api-unreachable",
          "source",
          `WattTime could not be reached at ${url} (${(error as Error).message})`,
        ),
      );
    }
  };
  const signal = async (url: string): Promise<PlanOutcome<WattTimeAnswer>> => {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (token === null || attempt === 1) {
        const fresh = await login();
        if (!fresh.ok) return fresh;
      }
      const got = await cachedGet(
        options.http,
        options.cache,
        url,
        { authorization: `Bearer ${token}` },
        {
          ...OPTIONS,
          nowMs: options.nowMs,
          maxAgeMs: options.maxAgeMs,
        },
      );
      if (!got.ok) {
        // An expired token (401) is renewed once; anything else is final.
        if (got.problems[0].code === "api-unauthorized" && attempt === 0) continue;
        return got;
      }
      const parsed = wattTimeSeries(
        got.value.body,
        { from: "api", retrievedAt: got.value.retrievedAt },
        "source",
      );
      if (!parsed.ok) return parsed;
      const stale = got.value.staleBecause;
      return succeed({
        series: parsed.value,
        warning:
          stale === undefined ? null : `${stale}; using the answer cached at ${got.value.retrievedAt}.`,
      });
    }
    return failWith(planProblem("api-unauthorized", "source", "WattTime refused the renewed token"));
  };
  const hour = (ms: number) => formatInstant(Math.floor(ms / MS_PER_HOUR) * MS_PER_HOUR);
  return {
    forecast: (region) =>
      signal(`${base}/v3/forecast?region=${encodeURIComponent(region)}&signal_type=co2_moer`),
    historical: (region, startMs, endMs) =>
      signal(
        `${base}/v3/historical?region=${encodeURIComponent(region)}&start=${encodeURIComponent(hour(startMs))}&end=${encodeURIComponent(hour(endMs + MS_PER_HOUR - 1))}&signal_type=co2_moer`,
      ),
  };
};
