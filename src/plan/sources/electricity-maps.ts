import { electricityMapsSeries } from "../formats/json-series.ts";
import { failWith, type PlanOutcome, succeed } from "../problems.ts";
import type { RawSeries } from "../series.ts";
import type { AnswerCache } from "./answer-cache.ts";
import { cachedGet, type FreshBody } from "./cached-get.ts";
import type { HttpGet } from "./http-json.ts";

/** The public API; tests point `baseUrl` at a fake server (ELECTRICITYMAPS_BASE_URL). */
export const ELECTRICITYMAPS_BASE_URL = "https://api.electricitymap.org";

/** What the client needs. */
export interface ElectricityMapsOptions {
  /** API root, without /v3. */
  readonly baseUrl: string;
  /** The `auth-token` (ELECTRICITYMAPS_TOKEN). */
  readonly token: string;
  /** HTTP GET. */
  readonly http: HttpGet;
  /** Answer cache. */
  readonly cache: AnswerCache;
  /** Now, ms. */
  readonly nowMs: number;
  /** Cached answers younger than this are reused, ms. */
  readonly maxAgeMs: number;
}

/** One endpoint's readings, with a warning when a stale cached answer stood in for a failed request. */
export interface ElectricityMapsAnswer {
  /** The readings. */
  readonly series: RawSeries;
  /** Loud warning, when the answer is stale. */
  readonly warning: string | null;
}

/** The three carbon-intensity endpoints for one zone. */
export interface ElectricityMapsClient {
  /** The last 24 hours, hourly. */
  readonly history: (zone: string) => Promise<PlanOutcome<ElectricityMapsAnswer>>;
  /** The latest reading. */
  readonly latest: (zone: string) => Promise<PlanOutcome<ElectricityMapsAnswer>>;
  /** The forecast (paid plans), hourly. */
  readonly forecast: (zone: string) => Promise<PlanOutcome<ElectricityMapsAnswer>>;
}

const read = (
  fresh: FreshBody,
  part: "history" | "forecast" | "latest",
  zone: string,
): PlanOutcome<ElectricityMapsAnswer> => {
  const parsed = electricityMapsSeries(
    fresh.body,
    part,
    { from: "api", retrievedAt: fresh.retrievedAt },
    "source",
  );
  if (!parsed.ok) return parsed;
  const warning =
    fresh.staleBecause === undefined
      ? null
      : `${fresh.staleBecause}; using the ${part} for ${zone} cached at ${fresh.retrievedAt}.`;
  return succeed({ series: parsed.value, warning });
};

/** A client for Electricity Maps' carbon-intensity endpoints (header `auth-token`). */
export const electricityMapsClient = (options: ElectricityMapsOptions): ElectricityMapsClient => {
  const get = async (part: "history" | "forecast" | "latest", zone: string) => {
    const url = `${options.baseUrl.replace(/\/+$/, "")}/v3/carbon-intensity/${part}?zone=${encodeURIComponent(zone)}`;
    const fresh = await cachedGet(
      options.http,
      options.cache,
      url,
      { "auth-token": options.token },
      {
        service: "Electricity Maps",
        credentials: "ELECTRICITYMAPS_TOKEN",
        path: "source",
        nowMs: options.nowMs,
        maxAgeMs: options.maxAgeMs,
      },
    );
    return fresh.ok ? read(fresh.value, part, zone) : failWith<ElectricityMapsAnswer>(fresh.problems[0]);
  };
  return {
    history: (zone) => get("history", zone),
    latest: (zone) => get("latest", zone),
    forecast: (zone) => get("forecast", zone),
  };
};
