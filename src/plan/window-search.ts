import { type IntensitySeries, seriesEndMs } from "./series.ts";
import { MS_PER_HOUR } from "./time.ts";

/** A series with its running sums, built once so that any window's integral costs O(1). */
export interface SeriesIndex {
  /** The series. */
  readonly series: IntensitySeries;
  /** prefix[i] = sum of values[0..i-1] (gaps count 0). */
  readonly prefix: Float64Array;
  /** gaps[i] = number of gaps among values[0..i-1]. */
  readonly gaps: Int32Array;
}

/** One start time and what a job starting then integrates. */
export interface WindowCost {
  /** Start of the job, ms since the epoch. */
  readonly startMs: number;
  /** ∫ intensity dt over the job, (gCO2eq/kWh)·h: multiply by facility power in kW and divide by 1000 for kg. */
  readonly gramHoursPerKWh: number;
}

/** The outcome of a search over allowed start times. */
export interface WindowSearch {
  /** The cleanest start (the earliest one among equals). */
  readonly best: WindowCost;
  /** The dirtiest start (the earliest one among equals). */
  readonly worst: WindowCost;
  /** The first start that could be assessed (the earliest allowed one when the data covers it). */
  readonly first: WindowCost;
  /** How many start times were priced. */
  readonly candidates: number;
}

/** Builds the running sums of a series (one pass). */
export const indexSeries = (series: IntensitySeries): SeriesIndex => {
  const n = series.values.length;
  const prefix = new Float64Array(n + 1);
  const gaps = new Int32Array(n + 1);
  let sum = 0;
  let gapCount = 0;
  for (let i = 0; i < n; i++) {
    const v = series.values[i] as number;
    if (Number.isNaN(v)) gapCount++;
    else sum += v;
    prefix[i + 1] = sum;
    gaps[i + 1] = gapCount;
  }
  return { series, prefix, gaps };
};

/** ∫ intensity from the series start to t, in value·ms; t must lie within the series. */
const cumulative = (index: SeriesIndex, offsetMs: number): number => {
  const { stepMs, values } = index.series;
  const i = Math.floor(offsetMs / stepMs);
  const remMs = offsetMs - i * stepMs;
  const whole = (index.prefix[i] as number) * stepMs;
  return remMs === 0 ? whole : whole + (values[i] as number) * remMs;
};

/**
 * ∫ intensity over [startMs, startMs + durationMs] in (gCO2eq/kWh)·h, each value holding for its whole
 * period (a 6.5 h job starting on the hour takes half of the seventh hour). NaN when the window leaves
 * the data or touches a gap.
 */
export const windowIntegral = (index: SeriesIndex, startMs: number, durationMs: number): number => {
  const { series } = index;
  const from = startMs - series.startMs;
  const to = from + durationMs;
  if (from < 0 || startMs + durationMs > seriesEndMs(series) || durationMs <= 0) return Number.NaN;
  const firstStep = Math.floor(from / series.stepMs);
  const endStep = Math.ceil(to / series.stepMs);
  if ((index.gaps[endStep] as number) - (index.gaps[firstStep] as number) !== 0) return Number.NaN;
  return (cumulative(index, to) - cumulative(index, from)) / MS_PER_HOUR;
};

const TIE = 1e-12;

/**
 * Prices every start time that can be optimal within [earliestMs, latestStartMs]: with values constant
 * per period, the integral is piecewise linear in the start, so its extremes lie where the start or the
 * end of the job meets a period boundary, or at the ends of the allowed range. Each is priced in O(1)
 * from running sums, so a year of hourly data costs two passes, not a rescan per start.
 * Returns null when no allowed start has data for the whole job.
 */
export const searchWindows = (
  index: SeriesIndex,
  durationMs: number,
  earliestMs: number,
  latestStartMs: number,
): WindowSearch | null => {
  const { series } = index;
  const { startMs, stepMs } = series;
  const a = Math.max(earliestMs, startMs);
  const b = Math.min(latestStartMs, seriesEndMs(series) - durationMs);
  if (!(a <= b)) return null;
  let best: WindowCost | null = null;
  let worst: WindowCost | null = null;
  let first: WindowCost | null = null;
  let candidates = 0;
  const consider = (s: number) => {
    const cost = windowIntegral(index, s, durationMs);
    if (Number.isNaN(cost)) return;
    candidates++;
    const scale = TIE * Math.max(1, Math.abs(cost));
    if (
      best === null ||
      cost < best.gramHoursPerKWh - scale ||
      (cost <= best.gramHoursPerKWh + scale && s < best.startMs)
    ) {
      best = { startMs: s, gramHoursPerKWh: cost };
    }
    if (
      worst === null ||
      cost > worst.gramHoursPerKWh + scale ||
      (cost >= worst.gramHoursPerKWh - scale && s < worst.startMs)
    ) {
      worst = { startMs: s, gramHoursPerKWh: cost };
    }
    if (first === null || s < first.startMs) first = { startMs: s, gramHoursPerKWh: cost };
  };
  consider(a);
  for (let k = Math.ceil((a - startMs) / stepMs), end = Math.floor((b - startMs) / stepMs); k <= end; k++) {
    const s = startMs + k * stepMs;
    if (s > a && s < b) consider(s);
  }
  for (
    let k = Math.ceil((a + durationMs - startMs) / stepMs),
      end = Math.floor((b + durationMs - startMs) / stepMs);
    k <= end;
    k++
  ) {
    const s = startMs + k * stepMs - durationMs;
    if (s > a && s < b && (s - startMs) % stepMs !== 0) consider(s);
  }
  if (b > a) consider(b);
  if (best === null || worst === null || first === null) return null;
  return { best, worst, first, candidates };
};
