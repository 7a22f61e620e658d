import type { FactorKind, Source } from "../data/types.ts";
import type { RawPoint, RawReadings, SeriesFactor, SignalKind } from "./series.ts";
import { formatInstant } from "./time.ts";

/** What a factor for a run of readings says besides the numbers. */
export interface SeriesFactorInput {
  /** e.g. "grid intensity series (DE, Electricity Maps history)". */
  readonly name: string;
  /** measured / published / estimated / user. */
  readonly kind: FactorKind;
  /** The source, or null for a user's file. */
  readonly source: Source | null;
  /** When it was read from an API (ISO 8601), or null. */
  readonly retrievedAt: string | null;
  /** Average or marginal. */
  readonly signal: SignalKind;
  /** Caveat. */
  readonly note?: string;
}

/** Count, sum and span of a run of readings: what a factor says about them. */
interface ReadingStats {
  readonly count: number;
  readonly sum: number;
  readonly firstMs: number;
  readonly lastMs: number;
}

/** Describes a run of readings as one factor: its mean, the year it speaks for, its span. */
export const seriesFactorOf = (points: readonly RawPoint[], input: SeriesFactorInput): SeriesFactor => {
  let sum = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    sum += p.gPerKWh;
    if (p.atMs < first) first = p.atMs;
    if (p.atMs > last) last = p.atMs;
  }
  return factorOfStats({ count: points.length, sum, firstMs: first, lastMs: last }, input);
};

/** seriesFactorOf for readings held as columns (the same figures, summed in the same order). */
export const readingsFactorOf = (readings: RawReadings, input: SeriesFactorInput): SeriesFactor =>
  factorOfStats(statsOfReadings(readings), input);

// Each loop alone in its function, returning a local: V8 compiles a long loop while it runs (OSR), and
// code after it that has not run yet (building an object) would throw that code away on every call.
const sumOf = (values: Float64Array, length: number): number => {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += values[i] as number;
  return sum;
};

const lowestOf = (values: Float64Array, length: number): number => {
  let lowest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < length; i++) if ((values[i] as number) < lowest) lowest = values[i] as number;
  return lowest;
};

const highestOf = (values: Float64Array, length: number): number => {
  let highest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < length; i++) if ((values[i] as number) > highest) highest = values[i] as number;
  return highest;
};

const statsOfReadings = (readings: RawReadings): ReadingStats => {
  const { atMs, gPerKWh, length } = readings;
  return {
    count: length,
    sum: sumOf(gPerKWh, length),
    firstMs: lowestOf(atMs, length),
    lastMs: highestOf(atMs, length),
  };
};

const factorOfStats = (stats: ReadingStats, input: SeriesFactorInput): SeriesFactor => {
  const { count, sum, firstMs, lastMs } = stats;
  const mean = count === 0 ? Number.NaN : sum / count;
  const signalNote =
    input.signal === "marginal" ? "marginal emission rate (MOER)" : "average intensity of the grid mix";
  return {
    name: input.name,
    value: mean,
    unit: "g/kWh",
    kind: input.kind,
    source: input.source,
    year: count === 0 ? null : Number(formatInstant(firstMs).slice(0, 4)),
    note: `mean of ${count} readings; ${signalNote}${input.note === undefined ? "" : `; ${input.note}`}`,
    retrievedAt: input.retrievedAt,
    firstReading: count === 0 ? "" : formatInstant(firstMs),
    lastReading: count === 0 ? "" : formatInstant(lastMs),
  };
};
