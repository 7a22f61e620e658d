import type { ParsedSeriesFile } from "../formats/parsed-series.ts";
import { normalizeSeries } from "../normalize-series.ts";
import { failWith, type PlanOutcome, planProblem, succeed } from "../problems.ts";
import type { IntensitySeries, RawPoint, RawSeries } from "../series.ts";
import { zoneSeriesOf } from "../zone-series.ts";
import type { ElectricityMapsClient } from "./electricity-maps.ts";
import type { WattTimeClient } from "./watttime.ts";

/** Where time-resolved intensity comes from. */
export type SourceName = "file" | "electricitymaps" | "watttime" | "none";

/** The sources, for flags and messages. */
export const SOURCE_NAMES: readonly SourceName[] = ["file", "electricitymaps", "watttime", "none"];

/** What a plan asks a source for. */
export interface SeriesRequest {
  /** The location's grid zone (Electricity Maps id), e.g. "DE". */
  readonly zone: string;
  /** The id to look up in the source instead (a WattTime region, another file zone), when given. */
  readonly seriesZone?: string;
  /** Window of interest, ms (WattTime's history is asked for the part before now). */
  readonly earliestMs: number;
  readonly deadlineMs: number;
}

/** A source's answer: a series, or none with a loud warning (the yearly average then stands). */
export interface SeriesAnswer {
  /** The normalised series, or null: use the yearly average. */
  readonly series: IntensitySeries | null;
  /** Loud warnings (API failures, stale answers). */
  readonly loud: readonly string[];
}

/**
 * Time-resolved intensity behind one interface. A problem (bad file, unknown zone) is the user's to fix;
 * an API failure is not a problem but an answer without a series and a loud warning.
 */
export interface IntensitySource {
  /** Which source. */
  readonly name: SourceName;
  /** The series for one location. */
  readonly seriesFor: (request: SeriesRequest) => Promise<PlanOutcome<SeriesAnswer>>;
}

/** No time-resolved data: every location uses its yearly average. */
export const noneSource: IntensitySource = {
  name: "none",
  seriesFor: async () => succeed({ series: null, loud: [] }),
};

const keyOf = (zone: string): string => zone.trim().toUpperCase();

/** Series from a file read once; a zone not in the file is an error naming the zones it has. */
export const fileSource = (file: ParsedSeriesFile): IntensitySource => {
  const done = new Map<string, PlanOutcome<SeriesAnswer>>();
  return {
    name: "file",
    seriesFor: async (request) => {
      const wanted = request.seriesZone ?? request.zone;
      const key = keyOf(wanted);
      const cached = done.get(key);
      if (cached !== undefined) return cached;
      const normalized = zoneSeriesOf(file, wanted, {
        path: request.seriesZone === undefined ? "series" : "seriesZone",
        mentionOthers: done.size === 0,
      });
      const answer: PlanOutcome<SeriesAnswer> = normalized.ok
        ? succeed({ series: normalized.value, loud: [] })
        : normalized;
      done.set(key, answer);
      return answer;
    },
  };
};

/** Joins readings from several answers; where two give the same time, the earlier answer wins (history over forecast). */
const merge = (parts: readonly RawSeries[]): RawSeries => {
  const seen = new Set<number>();
  const points: RawPoint[] = [];
  for (const part of parts) {
    for (const p of part.points) {
      if (seen.has(p.atMs)) continue;
      seen.add(p.atMs);
      points.push(p);
    }
  }
  const first = parts[0] as RawSeries;
  return {
    zone: first.zone,
    points,
    ...(first.declaredStepMs === undefined ? {} : { declaredStepMs: first.declaredStepMs }),
    signal: first.signal,
    factors: parts.flatMap((p) => p.factors),
    notes: parts.flatMap((p) => p.notes),
  };
};

type Fetched = PlanOutcome<{ readonly series: RawSeries; readonly warning: string | null }>;

/** Normalises what the API parts returned; any failure becomes a fallback with a loud warning. */
const fromApiParts = (
  service: string,
  zone: string,
  parts: readonly Fetched[],
  required: number,
): PlanOutcome<SeriesAnswer> => {
  const loud: string[] = [];
  const got: RawSeries[] = [];
  parts.forEach((part, i) => {
    if (part.ok) {
      got.push(part.value.series);
      if (part.value.warning !== null) loud.push(part.value.warning);
    } else if (i === required) {
      loud.push(`${part.problems[0].message}.`);
    } else {
      loud.push(`${part.problems[0].message} (only the other answers are used).`);
    }
  });
  const requiredPart = parts[required];
  if (requiredPart === undefined || !requiredPart.ok || got.length === 0) {
    loud.push(
      `${service} gave no usable data for ${zone}: its yearly average is used, so its start time cannot be planned.`,
    );
    return succeed({ series: null, loud });
  }
  const normalized = normalizeSeries(merge(got), "source");
  if (!normalized.ok) {
    loud.push(
      `${service} data for ${zone} is unusable (${normalized.problems[0].message}): its yearly average is used.`,
    );
    return succeed({ series: null, loud });
  }
  return succeed({ series: normalized.value, loud });
};

/** Electricity Maps: the last 24 h of history joined with the forecast; without a forecast, the yearly figure. */
export const electricityMapsSource = (client: ElectricityMapsClient): IntensitySource => {
  const done = new Map<string, Promise<PlanOutcome<SeriesAnswer>>>();
  return {
    name: "electricitymaps",
    seriesFor: (request) => {
      const zone = request.seriesZone ?? request.zone;
      const key = keyOf(zone);
      const known = done.get(key);
      if (known !== undefined) return known;
      const answer = Promise.all([client.history(zone), client.forecast(zone)]).then((parts) =>
        fromApiParts("Electricity Maps", zone, parts, 1),
      );
      done.set(key, answer);
      return answer;
    },
  };
};

/** WattTime: the co2_moer forecast, with history for the part of the window before now. */
export const wattTimeSource = (client: WattTimeClient, nowMs: number): IntensitySource => ({
  name: "watttime",
  seriesFor: async (request) => {
    const region = request.seriesZone;
    if (region === undefined) {
      return failWith(
        planProblem(
          "required",
          "seriesZone",
          "WattTime needs its own region id for the location, e.g. --series-zone CAISO_NORTH",
        ),
      );
    }
    // One after the other: a renewed token from the first request serves the second.
    const parts: Fetched[] = [];
    if (request.earliestMs < nowMs) parts.push(await client.historical(region, request.earliestMs, nowMs));
    parts.push(await client.forecast(region));
    return fromApiParts("WattTime", region, parts, parts.length - 1);
  },
});
