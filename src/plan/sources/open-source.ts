import type { ParsedSeriesFile } from "../formats/parsed-series.ts";
import { failWith, type PlanOutcome, type PlanProblem, planProblem, succeed } from "../problems.ts";
import { zoneSeriesOf } from "../zone-series.ts";
import { type AnswerCache, defaultCacheDir, diskCache } from "./answer-cache.ts";
import { ELECTRICITYMAPS_BASE_URL, electricityMapsClient } from "./electricity-maps.ts";
import { abortableFetchJson, fetchJson } from "./http-json.ts";
import {
  electricityMapsSource,
  fileSource,
  type IntensitySource,
  noneSource,
  type SourceName,
  wattTimeSource,
} from "./intensity-source.ts";
import { readSeriesFile } from "./series-file.ts";
import { WATTTIME_BASE_URL, wattTimeClient } from "./watttime.ts";

/** API answers younger than this are reused from the cache, s. */
export const CACHE_MAX_AGE_S = 3600;

type Env = Readonly<Record<string, string | undefined>>;

/** What opening a source needs. */
export interface SourceSetup {
  /** Which source. */
  readonly source: SourceName;
  /** Credentials and base URLs (ELECTRICITYMAPS_TOKEN, WATTTIME_USER/PASSWORD, *_BASE_URL), XDG_CACHE_HOME, HOME. */
  readonly env: Env;
  /** Where API answers are kept (default $XDG_CACHE_HOME/mlco2, else ~/.cache/mlco2). */
  readonly cacheDir?: string;
  /** The series file (source "file"). */
  readonly seriesPath?: string;
  /** The id to take from the source instead of the location's zone (a WattTime region, a file's zone). */
  readonly seriesZone?: string;
}

/** An opened source: built anew for each "now" (API clients carry it), and its zone checks. */
export interface OpenedSource {
  /** The source as of `nowMs`; `signal` aborts its requests. */
  readonly sourceAt: (nowMs: number, signal?: AbortSignal) => IntensitySource;
  /** Problems with asking it for a zone, known without asking (a file that lacks the zone, WattTime without a region). */
  readonly checkZone: (zone: string) => PlanProblem[];
}

const missing = (message: string): PlanOutcome<OpenedSource> =>
  failWith(planProblem("missing-credentials", "source", message));

const fileChecks =
  (file: ParsedSeriesFile, seriesZone: string | undefined) =>
  (zone: string): PlanProblem[] => {
    const found = zoneSeriesOf(file, seriesZone ?? zone, {
      path: seriesZone === undefined ? "series" : "seriesZone",
    });
    return found.ok ? [] : [...found.problems];
  };

/**
 * Opens the source asked for, reading nothing over the network yet: a file is read and parsed now, API
 * sources check their credentials (a missing one is a problem, not a fallback). Shared by `mlco2 plan`
 * and `mlco2 track`.
 */
export const openIntensitySource = (setup: SourceSetup): PlanOutcome<OpenedSource> => {
  const { env } = setup;
  let cache: AnswerCache | null = null;
  const cacheOf = () => {
    cache ??= diskCache(setup.cacheDir ?? defaultCacheDir(env));
    return cache;
  };
  const maxAgeMs = CACHE_MAX_AGE_S * 1000;
  const httpOf = (signal?: AbortSignal) => (signal === undefined ? fetchJson : abortableFetchJson(signal));
  switch (setup.source) {
    case "file": {
      const read = readSeriesFile(setup.seriesPath ?? "");
      if (!read.ok) return read;
      const source = fileSource(read.value);
      return succeed({ sourceAt: () => source, checkZone: fileChecks(read.value, setup.seriesZone) });
    }
    case "electricitymaps": {
      const token = env.ELECTRICITYMAPS_TOKEN;
      if (token === undefined || token === "")
        return missing("electricitymaps needs an API token in ELECTRICITYMAPS_TOKEN");
      const baseUrl = env.ELECTRICITYMAPS_BASE_URL ?? ELECTRICITYMAPS_BASE_URL;
      return succeed({
        sourceAt: (nowMs, signal) =>
          electricityMapsSource(
            electricityMapsClient({
              baseUrl,
              token,
              http: httpOf(signal),
              cache: cacheOf(),
              nowMs,
              maxAgeMs,
            }),
          ),
        checkZone: () => [],
      });
    }
    case "watttime": {
      const user = env.WATTTIME_USER;
      const password = env.WATTTIME_PASSWORD;
      if (!user || !password) return missing("watttime needs WATTTIME_USER and WATTTIME_PASSWORD");
      const baseUrl = env.WATTTIME_BASE_URL ?? WATTTIME_BASE_URL;
      return succeed({
        sourceAt: (nowMs, signal) =>
          wattTimeSource(
            wattTimeClient({
              baseUrl,
              user,
              password,
              http: httpOf(signal),
              cache: cacheOf(),
              nowMs,
              maxAgeMs,
            }),
            nowMs,
          ),
        checkZone: () =>
          setup.seriesZone === undefined
            ? [
                planProblem(
                  "required",
                  "seriesZone",
                  "WattTime needs its own region id for the location, e.g. --series-zone CAISO_NORTH",
                ),
              ]
            : [],
      });
    }
    default:
      return succeed({ sourceAt: () => noneSource, checkZone: () => [] });
  }
};
