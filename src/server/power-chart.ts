// A run's chart: how wide each time bucket is (a "nice" step giving about `points` points), whether the
// samples or the hourly rollups answer, and the points grouped per node and component. Pure.
import type { PowerPoint, RunDetail } from "./store/store.ts";

/** Bucket widths offered, seconds. */
const STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800,
];
/** Above this many stored samples a run's chart reads hourly rollups whatever the bucket. */
export const RAW_SAMPLES_MAX = 200_000;

/** What a chart query covers. */
export interface PowerWindow {
  /** Bucket width, s. */
  readonly bucketS: number;
  /** Where the points come from. */
  readonly source: "samples" | "hours";
  /** First and last sample times, ISO. */
  readonly from: string;
  readonly to: string;
}

/** The window of a run's chart (null when it has no samples). */
export const powerWindowOf = (run: RunDetail, points: number): PowerWindow | null => {
  const series = run.nodeList.flatMap((n) => n.logs.flatMap((l) => l.series));
  const firsts = series.map((s) => s.firstTime).filter((t): t is string => t !== null);
  const lasts = series.map((s) => s.lastTime).filter((t): t is string => t !== null);
  if (firsts.length === 0 || lasts.length === 0) return null;
  // ISO times in UTC sort as text.
  const from = firsts.sort()[0] as string;
  const to = lasts.sort().at(-1) as string;
  const spanS = Math.max(1, (Date.parse(to) - Date.parse(from)) / 1000);
  const wanted = spanS / points;
  const stored = series.reduce((sum, s) => sum + s.samples, 0);
  let bucketS = STEPS.find((s) => s >= wanted) ?? (STEPS.at(-1) as number);
  const source = bucketS >= 3600 || stored > RAW_SAMPLES_MAX ? "hours" : "samples";
  if (source === "hours") bucketS = Math.max(3600, Math.ceil(bucketS / 3600) * 3600);
  return { bucketS, source, from, to };
};

/** One line of the chart. */
export interface PowerSeries {
  readonly hostname: string;
  readonly rank: number;
  /** `hostname:rank`. */
  readonly node: string;
  readonly component: string;
  readonly method: string;
  /** [bucket start epoch ms, average W]. */
  readonly points: [number, number][];
}

/** Points grouped into one series per node and component. */
export const powerSeriesOf = (points: readonly PowerPoint[]): PowerSeries[] => {
  const byKey = new Map<string, PowerSeries>();
  for (const p of points) {
    const key = `${p.hostname}\u0000${p.rank}\u0000${p.component}`;
    let series = byKey.get(key);
    if (series === undefined) {
      series = {
        hostname: p.hostname,
        rank: p.rank,
        node: `${p.hostname}:${p.rank}`,
        component: p.component,
        method: p.method,
        points: [],
      };
      byKey.set(key, series);
    }
    series.points.push([p.t, p.powerW]);
  }
  return [...byKey.values()];
};
