import type { Factor } from "../core/types.ts";

/** Average intensity of the grid mix, or the marginal rate of the plant that answers extra load. */
export type SignalKind = "average" | "marginal";

/** One reading as a source gives it, already in gCO2eq/kWh. */
export interface RawPoint {
  /** Start of the period the value covers, ms since the epoch (UTC). */
  readonly atMs: number;
  /** Intensity over the whole period, gCO2eq/kWh. */
  readonly gPerKWh: number;
  /** Where it came from, for messages: a file's line number, or a path such as "history[3]". */
  readonly where: number | string;
}

/** The `where` of a reading as text: "line 12" or "history[3]". */
export const whereText = (where: number | string): string =>
  typeof where === "number" ? `line ${where}` : where;

/** A factor describing where a series came from, with the time it was read when it came over the network. */
export interface SeriesFactor extends Factor {
  /** When the data was retrieved (ISO 8601), for API answers; null for files. */
  readonly retrievedAt: string | null;
  /** Time of the first reading it describes (ISO 8601). */
  readonly firstReading: string;
  /** Time of the last reading it describes (start of its period, ISO 8601). */
  readonly lastReading: string;
}

/**
 * Readings as columns, as a CSV file yields them: reading i started at `atMs[i]`, held `gPerKWh[i]` and
 * came from the file's line `line[i]`. A long series costs three arrays, not an object per reading.
 */
export interface RawReadings {
  /** How many readings. */
  readonly length: number;
  /** Start of each reading's period, ms since the epoch (UTC). */
  readonly atMs: Float64Array;
  /** Intensity over each period, gCO2eq/kWh. */
  readonly gPerKWh: Float64Array;
  /** The line each reading came from. */
  readonly line: Float64Array;
}

/** The readings of one zone from one source, before normalisation. */
export interface RawSeries {
  /** Zone id as the source spells it ("DE", "CAISO_NORTH"). */
  readonly zone: string;
  /** The readings, in any order. */
  readonly points: readonly RawPoint[];
  /** The same readings as columns, when the source read them so (CSV files); `points` is then built on first use. */
  readonly readings?: RawReadings;
  /** The period each reading covers, when the source states it (WattTime's data_point_period_seconds). */
  readonly declaredStepMs?: number;
  /** Average or marginal. */
  readonly signal: SignalKind;
  /** Provenance. */
  readonly factors: readonly SeriesFactor[];
  /** What was assumed while reading (unit, column chosen). */
  readonly notes: readonly string[];
}

/** What a raw series says besides its readings. */
export type RawSeriesInfo = Omit<RawSeries, "points" | "readings">;

/**
 * A raw series held as columns; its `points` are made from them only when something asks.
 *
 * @example
 * rawSeriesOfReadings({ zone: "DE", signal: "average", factors: [], notes: [] }, readings).points[0]
 * // { atMs: 1704067200000, gPerKWh: 300, where: 2 }
 */
export const rawSeriesOfReadings = (info: RawSeriesInfo, readings: RawReadings): RawSeries => {
  let points: RawPoint[] | undefined;
  return {
    ...info,
    readings,
    get points(): readonly RawPoint[] {
      points ??= Array.from({ length: readings.length }, (_, i) => ({
        atMs: readings.atMs[i] as number,
        gPerKWh: readings.gPerKWh[i] as number,
        where: readings.line[i] as number,
      }));
      return points;
    },
  };
};

/** The same series under another zone id and notes, keeping its columns when it has them. */
export const withZoneAndNotes = (raw: RawSeries, zone: string, notes: readonly string[]): RawSeries => {
  // Field by field: spreading `raw` would read `points` and build them.
  const info: RawSeriesInfo = {
    zone,
    ...(raw.declaredStepMs === undefined ? {} : { declaredStepMs: raw.declaredStepMs }),
    signal: raw.signal,
    factors: raw.factors,
    notes,
  };
  return raw.readings === undefined
    ? { ...info, points: raw.points }
    : rawSeriesOfReadings(info, raw.readings);
};

/**
 * One zone's intensity on a regular grid: value i holds for [startMs + i·stepMs, startMs + (i+1)·stepMs).
 * Missing periods are NaN; they are never filled in.
 */
export interface IntensitySeries {
  /** Zone id. */
  readonly zone: string;
  /** Start of the first period, ms since the epoch. */
  readonly startMs: number;
  /** Length of every period, ms. */
  readonly stepMs: number;
  /** gCO2eq/kWh per period; NaN for a gap. */
  readonly values: Float64Array;
  /** Average or marginal. */
  readonly signal: SignalKind;
  /** Provenance. */
  readonly factors: readonly SeriesFactor[];
  /** Everything assumed or repaired while normalising (sorting, dropped duplicates, gaps). */
  readonly warnings: readonly string[];
}

/** End of the last period of a series, ms. */
export const seriesEndMs = (series: IntensitySeries): number =>
  series.startMs + series.values.length * series.stepMs;
