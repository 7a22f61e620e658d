import { failWith, type PlanOutcome, type PlanProblem, planProblem, succeed } from "./problems.ts";
import { type IntensitySeries, type RawPoint, type RawSeries, whereText } from "./series.ts";
import { formatHours, formatInstant, MS_PER_HOUR } from "./time.ts";

/** Highest intensity accepted, gCO2eq/kWh (the engine's limit; lignite plants are ~1,100). */
export const MAX_G_PER_KWH = 2000;

const sortedCopy = (points: readonly RawPoint[]): { points: RawPoint[]; wasSorted: boolean } => {
  let wasSorted = true;
  for (let i = 1; i < points.length; i++) {
    if ((points[i]?.atMs ?? 0) < (points[i - 1]?.atMs ?? 0)) {
      wasSorted = false;
      break;
    }
  }
  const copy = [...points];
  if (!wasSorted) copy.sort((a, b) => a.atMs - b.atMs);
  return { points: copy, wasSorted };
};

/** The most common spacing between consecutive readings. */
const commonStep = (points: readonly RawPoint[]): number => {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (let i = 1; i < points.length; i++) {
    const diff = (points[i]?.atMs ?? 0) - (points[i - 1]?.atMs ?? 0);
    const count = (counts.get(diff) ?? 0) + 1;
    counts.set(diff, count);
    if (count > bestCount || (count === bestCount && diff < best)) {
      best = diff;
      bestCount = count;
    }
  }
  return best;
};

const stepText = (ms: number): string =>
  ms % MS_PER_HOUR === 0 ? formatHours(ms / MS_PER_HOUR) : `${ms / 60_000} min`;

/** A reading's place for messages: where it came from and its time. */
const placeOf = (point: RawPoint): string => `${whereText(point.where)} (${formatInstant(point.atMs)})`;

/** The first reading with a time that is not one, or a value outside 0–MAX_G_PER_KWH (null: none). */
const badPointProblem = (raw: RawSeries, path: string): PlanProblem | null => {
  for (const point of raw.points) {
    if (!Number.isFinite(point.atMs))
      return planProblem(
        "bad-time",
        path,
        `${whereText(point.where)}: the time is not ISO 8601 with a zone (e.g. 2024-01-01T00:00:00Z)`,
      );
    if (!Number.isFinite(point.gPerKWh) || point.gPerKWh < 0 || point.gPerKWh > MAX_G_PER_KWH)
      return planProblem(
        "bad-value",
        path,
        `${placeOf(point)}: intensity ${String(point.gPerKWh)} g/kWh is not allowed; use a number from 0 to ${MAX_G_PER_KWH} g/kWh`,
      );
  }
  return null;
};

/** Sorted readings with a time given twice kept once (same value), or the problem (two values). */
const distinctPoints = (
  zone: string,
  sorted: readonly RawPoint[],
  path: string,
): { points: RawPoint[]; dropped: number } | PlanProblem => {
  const points: RawPoint[] = [];
  let dropped = 0;
  for (const point of sorted) {
    const last = points[points.length - 1];
    if (last !== undefined && last.atMs === point.atMs) {
      if (last.gPerKWh !== point.gPerKWh)
        return planProblem(
          "duplicate-point",
          path,
          `zone ${zone} has two values for ${formatInstant(point.atMs)}: ${last.gPerKWh} (${whereText(last.where)}) and ${point.gPerKWh} (${whereText(point.where)}); keep one`,
        );
      dropped++;
      continue;
    }
    points.push(point);
  }
  return { points, dropped };
};

/** Readings on a grid of `stepMs` from the first: values (NaN in gaps), the gaps counted, the longest one. */
interface Gridded {
  readonly values: Float64Array;
  /** Missing periods. */
  readonly missing: number;
  readonly longestGapMs: number;
  /** Where the longest gap begins, ms. */
  readonly longestGapAt: number;
}

/** Distinct sorted readings on the grid, or the problem: one that is not a whole number of periods in. */
const griddedOf = (
  zone: string,
  points: readonly RawPoint[],
  stepMs: number,
  path: string,
): Gridded | PlanProblem => {
  const first = points[0] as RawPoint;
  const lastPoint = points[points.length - 1] as RawPoint;
  const values = new Float64Array(Math.round((lastPoint.atMs - first.atMs) / stepMs) + 1).fill(Number.NaN);
  let missing = 0;
  let longestGapMs = 0;
  let longestGapAt = 0;
  for (let i = 0; i < points.length; i++) {
    const point = points[i] as RawPoint;
    const offset = point.atMs - first.atMs;
    if (offset % stepMs !== 0)
      return planProblem(
        "irregular-series",
        path,
        `zone ${zone}: ${placeOf(point)} is not a whole number of ${stepText(stepMs)} periods after ${formatInstant(first.atMs)}; give evenly spaced readings`,
      );
    values[offset / stepMs] = point.gPerKWh;
    if (i === 0) continue;
    const gapMs = point.atMs - (points[i - 1] as RawPoint).atMs - stepMs;
    if (gapMs <= 0) continue;
    missing += gapMs / stepMs;
    if (gapMs > longestGapMs) {
      longestGapMs = gapMs;
      longestGapAt = (points[i - 1] as RawPoint).atMs + stepMs;
    }
  }
  return { values, missing, longestGapMs, longestGapAt };
};

/**
 * Puts one zone's readings on a regular grid, or says why it cannot:
 * - unsorted rows are sorted (a warning says so);
 * - a timestamp given twice with the same value is kept once (warning); with two values it is refused;
 * - the period is the spacing stated by the source, else the most common spacing; a spacing that is not
 *   a whole number of periods is refused;
 * - missing periods stay gaps (NaN): a window that touches one is never priced (warning);
 * - negative, non-finite or implausibly high values are refused.
 */
export const normalizeSeries = (raw: RawSeries, path = "series"): PlanOutcome<IntensitySeries> => {
  if (raw.points.length === 0)
    return failWith(planProblem("empty-series", path, `zone ${raw.zone} has no readings`));
  const bad = badPointProblem(raw, path);
  if (bad !== null) return failWith(bad);
  const warnings: string[] = [...raw.notes];
  const { points: sorted, wasSorted } = sortedCopy(raw.points);
  if (!wasSorted) warnings.push(`${raw.zone}: rows were not in time order; they were sorted.`);
  const distinct = distinctPoints(raw.zone, sorted, path);
  if ("code" in distinct) return failWith(distinct);
  const { points, dropped } = distinct;
  if (dropped > 0)
    warnings.push(`${raw.zone}: ${dropped} repeated row(s) with the same time and value were kept once.`);
  const first = points[0] as RawPoint;
  const stepMs = raw.declaredStepMs ?? commonStep(points);
  if (!(stepMs > 0))
    return failWith(
      planProblem(
        "irregular-series",
        path,
        `zone ${raw.zone} has a single reading (${placeOf(first)}): the period it covers cannot be told; give at least two consecutive periods`,
      ),
    );
  const grid = griddedOf(raw.zone, points, stepMs, path);
  if ("code" in grid) return failWith(grid);
  if (grid.missing > 0)
    warnings.push(
      `${raw.zone}: ${grid.missing} missing ${stepText(stepMs)} period(s), the longest ${stepText(grid.longestGapMs)} from ${formatInstant(grid.longestGapAt)}; start times whose job would overlap a gap are not considered.`,
    );
  const { zone, signal, factors } = raw;
  return succeed({ zone, startMs: first.atMs, stepMs, values: grid.values, signal, factors, warnings });
};
