import { failWith, type PlanOutcome, type PlanProblem, planProblem, succeed } from "./problems.ts";
import { type IntensitySeries, type RawPoint, type RawSeries, whereText } from "./series.ts";
import { formatHours, formatInstant, MS_PER_HOUR } from "./time.ts";

/** Highest intensity accepted, gCO2eq/kWh (the engine's limit; lignite plants are ~1,100). */
export const MAX_G_PER_KWH = 2000;

/** A raw series' readings as columns, whichever way the source gave them. */
interface Columns {
  readonly length: number;
  readonly atMs: Float64Array;
  readonly gPerKWh: Float64Array;
  /** Where reading i came from: a line number or a path such as "history[3]". */
  readonly whereAt: (i: number) => number | string;
}

const columnsOf = (raw: RawSeries): Columns => {
  const { readings } = raw;
  if (readings !== undefined) {
    const { length, atMs, gPerKWh, line } = readings;
    return { length, atMs, gPerKWh, whereAt: (i) => line[i] as number };
  }
  const { points } = raw;
  const length = points.length;
  const atMs = new Float64Array(length);
  const gPerKWh = new Float64Array(length);
  copyPoints(points, atMs, gPerKWh);
  return { length, atMs, gPerKWh, whereAt: (i) => (points[i] as RawPoint).where };
};

/** Copies the points' times and values into columns (a plain loop: Float64Array.from is far slower). */
const copyPoints = (points: readonly RawPoint[], atMs: Float64Array, gPerKWh: Float64Array): void => {
  const length = points.length;
  for (let i = 0; i < length; i++) {
    const point = points[i] as RawPoint;
    atMs[i] = point.atMs;
    gPerKWh[i] = point.gPerKWh;
  }
};

/** "line 12 (2024-01-01T00:00:00Z)": reading i for messages. */
const whereOf = (cols: Columns, i: number): string =>
  `${whereText(cols.whereAt(i))} (${formatInstant(cols.atMs[i] as number)})`;

/** The first reading, in the source's order, with a time that is not one or a value out of range. */
const badReading = (cols: Columns, path: string): PlanProblem | null => {
  const { atMs, gPerKWh, length } = cols;
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(atMs[i])) {
      return planProblem(
        "bad-time",
        path,
        `${whereText(cols.whereAt(i))}: the time is not ISO 8601 with a zone (e.g. 2024-01-01T00:00:00Z)`,
      );
    }
    const g = gPerKWh[i] as number;
    if (!Number.isFinite(g) || g < 0 || g > MAX_G_PER_KWH) {
      return planProblem(
        "bad-value",
        path,
        `${whereOf(cols, i)}: intensity ${String(g)} g/kWh is not allowed; use a number from 0 to ${MAX_G_PER_KWH} g/kWh`,
      );
    }
  }
  return null;
};

// Hot loops below sit alone in small functions that take arrays and return locals: V8 compiles a long
// loop while it runs, before the code after it has run, and that code would then undo the compilation
// on every call.

/** 0, 1, 2, … length - 1. */
const indices = (length: number): Uint32Array => {
  const order = new Uint32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  return order;
};

/** Whether the times never go back. */
const inTimeOrder = (atMs: Float64Array, length: number): boolean => {
  for (let i = 1; i < length; i++) if ((atMs[i] as number) < (atMs[i - 1] as number)) return false;
  return true;
};

/** Reading indices in time order; readings with the same time keep the source's order. */
const timeOrder = (cols: Columns): { order: Uint32Array; wasSorted: boolean } => {
  const { atMs, length } = cols;
  const order = indices(length);
  const wasSorted = inTimeOrder(atMs, length);
  if (!wasSorted) order.sort((a, b) => (atMs[a] as number) - (atMs[b] as number) || a - b);
  return { order, wasSorted };
};

/**
 * Copies `order` into `kept` leaving out repeats (same time, same value as the reading kept for that
 * time); returns how many were kept, or -1 - k when order[k] gives the time of a kept reading another value.
 */
const keepOnce = (
  atMs: Float64Array,
  gPerKWh: Float64Array,
  order: Uint32Array,
  kept: Uint32Array,
): number => {
  const length = order.length;
  let n = 0;
  let last = -1;
  for (let k = 0; k < length; k++) {
    const i = order[k] as number;
    if (last >= 0 && atMs[last] === atMs[i]) {
      if (gPerKWh[last] !== gPerKWh[i]) return -1 - k;
      continue;
    }
    kept[n++] = i;
    last = i;
  }
  return n;
};

/** The readings in time order with repeats (same time, same value) left out; two values for one time fail. */
const keptOnce = (
  cols: Columns,
  order: Uint32Array,
  zone: string,
  path: string,
): PlanOutcome<{ kept: Uint32Array; dropped: number }> => {
  const { atMs, gPerKWh } = cols;
  const kept = new Uint32Array(order.length);
  const n = keepOnce(atMs, gPerKWh, order, kept);
  if (n < 0) {
    const k = -1 - n;
    const i = order[k] as number;
    // The reading kept for that time is the first of its time in order: the others before k repeat it.
    let j = k;
    while (j > 0 && atMs[order[j - 1] as number] === atMs[i]) j--;
    const last = order[j] as number;
    return failWith(
      planProblem(
        "duplicate-point",
        path,
        `zone ${zone} has two values for ${formatInstant(atMs[i] as number)}: ${gPerKWh[last]} (${whereText(cols.whereAt(last))}) and ${gPerKWh[i]} (${whereText(cols.whereAt(i))}); keep one`,
      ),
    );
  }
  return succeed({ kept: kept.subarray(0, n), dropped: order.length - n });
};

const addRun = (counts: Map<number, number>, diff: number, count: number): void => {
  if (count > 0) counts.set(diff, (counts.get(diff) ?? 0) + count);
};

/** How often each spacing between consecutive readings occurs, counted a run of one spacing at a time. */
const spacingCounts = (atMs: Float64Array, kept: Uint32Array): Map<number, number> => {
  const counts = new Map<number, number>();
  const length = kept.length;
  let runDiff = Number.NaN;
  let runCount = 0;
  // One step past the end (NaN, equal to nothing) closes the last run through the same call.
  for (let k = 1; k <= length; k++) {
    const diff =
      k < length ? (atMs[kept[k] as number] as number) - (atMs[kept[k - 1] as number] as number) : Number.NaN;
    if (diff === runDiff) runCount++;
    else {
      addRun(counts, runDiff, runCount);
      runDiff = diff;
      runCount = 1;
    }
  }
  return counts;
};

/** The most common spacing between consecutive readings; the shortest of those as common as it. */
const commonStep = (atMs: Float64Array, kept: Uint32Array): number => {
  let best = 0;
  let bestCount = 0;
  for (const [diff, count] of spacingCounts(atMs, kept)) {
    if (count > bestCount || (count === bestCount && diff < best)) {
      best = diff;
      bestCount = count;
    }
  }
  return best;
};

const stepText = (ms: number): string =>
  ms % MS_PER_HOUR === 0 ? formatHours(ms / MS_PER_HOUR) : `${ms / 60_000} min`;

/** The readings on a grid of `stepMs` periods from the first (gaps NaN), and the gaps. */
interface Grid {
  readonly values: Float64Array;
  /** Periods without a reading between the first and the last. */
  readonly missing: number;
  readonly longestGapMs: number;
  readonly longestGapAt: number;
  /** The first reading that is not a whole number of periods after the first, or -1. */
  readonly offGrid: number;
}

const gridOf = (cols: Columns, kept: Uint32Array, stepMs: number): Grid => {
  const { atMs, gPerKWh } = cols;
  const length = kept.length;
  const firstMs = atMs[kept[0] as number] as number;
  const lastMs = atMs[kept[kept.length - 1] as number] as number;
  const values = new Float64Array(Math.round((lastMs - firstMs) / stepMs) + 1).fill(Number.NaN);
  let missing = 0;
  let longestGapMs = 0;
  let longestGapAt = 0;
  let offGrid = -1;
  let previousMs = firstMs;
  for (let k = 0; k < length; k++) {
    const i = kept[k] as number;
    const offset = (atMs[i] as number) - firstMs;
    if (offset % stepMs !== 0) {
      offGrid = i;
      break;
    }
    values[offset / stepMs] = gPerKWh[i] as number;
    const gapMs = (atMs[i] as number) - previousMs - stepMs;
    if (k > 0 && gapMs > 0) {
      missing += gapMs / stepMs;
      if (gapMs > longestGapMs) {
        longestGapMs = gapMs;
        longestGapAt = previousMs + stepMs;
      }
    }
    previousMs = atMs[i] as number;
  }
  return { values, missing, longestGapMs, longestGapAt, offGrid };
};

/**
 * Puts one zone's readings on a regular grid, or says why it cannot:
 * - unsorted rows are sorted (a warning says so);
 * - a timestamp given twice with the same value is kept once (warning); with two values it is refused;
 * - the period is the spacing stated by the source, else the most common spacing; a spacing that is not
 *   a whole number of periods is refused;
 * - missing periods stay gaps (NaN): a window that touches one is never priced (warning);
 * - negative, non-finite or implausibly high values are refused.
 * Readings held as columns (`raw.readings`) are read as such, never as one object each.
 */
export const normalizeSeries = (raw: RawSeries, path = "series"): PlanOutcome<IntensitySeries> => {
  const cols = columnsOf(raw);
  if (cols.length === 0) {
    return failWith(planProblem("empty-series", path, `zone ${raw.zone} has no readings`));
  }
  const bad = badReading(cols, path);
  if (bad !== null) return failWith(bad);
  const warnings: string[] = [...raw.notes];
  const { order, wasSorted } = timeOrder(cols);
  if (!wasSorted) warnings.push(`${raw.zone}: rows were not in time order; they were sorted.`);
  const once = keptOnce(cols, order, raw.zone, path);
  if (!once.ok) return once;
  const { kept, dropped } = once.value;
  if (dropped > 0)
    warnings.push(`${raw.zone}: ${dropped} repeated row(s) with the same time and value were kept once.`);
  const stepMs = raw.declaredStepMs ?? commonStep(cols.atMs, kept);
  if (!(stepMs > 0)) {
    return failWith(
      planProblem(
        "irregular-series",
        path,
        `zone ${raw.zone} has a single reading (${whereOf(cols, kept[0] as number)}): the period it covers cannot be told; give at least two consecutive periods`,
      ),
    );
  }
  const startMs = cols.atMs[kept[0] as number] as number;
  const grid = gridOf(cols, kept, stepMs);
  if (grid.offGrid >= 0) {
    return failWith(
      planProblem(
        "irregular-series",
        path,
        `zone ${raw.zone}: ${whereOf(cols, grid.offGrid)} is not a whole number of ${stepText(stepMs)} periods after ${formatInstant(startMs)}; give evenly spaced readings`,
      ),
    );
  }
  if (grid.missing > 0) {
    warnings.push(
      `${raw.zone}: ${grid.missing} missing ${stepText(stepMs)} period(s), the longest ${stepText(grid.longestGapMs)} from ${formatInstant(grid.longestGapAt)}; start times whose job would overlap a gap are not considered.`,
    );
  }
  return succeed({
    zone: raw.zone,
    startMs,
    stepMs,
    values: grid.values,
    signal: raw.signal,
    factors: raw.factors,
    warnings,
  });
};
