// A run's power chart as uPlot reads it: one x column (bucket starts, seconds) shared by every line, a
// column per node and component with null where that line has no point (a gap, never a made-up zero),
// and the figures its caption gives in words. Pure.
import type { Power } from "./api-schemas.ts";

/** One line of the chart. */
export interface PowerLine {
  /** `hostname:rank component`, the legend's label. */
  readonly label: string;
  /** `hostname:rank`. */
  readonly node: string;
  /** cpu, gpu or memory. */
  readonly component: string;
  /** measured or estimated. */
  readonly method: string;
  /** Average power of the last bucket, W. */
  readonly latestW: number;
  /** Highest bucket average, W. */
  readonly peakW: number;
}

/** The chart's data. */
export interface PowerColumns {
  /** x (epoch seconds), then one column per line. */
  readonly columns: [number[], ...(number | null)[][]];
  /** The lines, in column order. */
  readonly lines: readonly PowerLine[];
  /** First and last bucket, epoch ms (NaN when empty). */
  readonly fromMs: number;
  readonly toMs: number;
  /** Sum of the lines' latest values, W. */
  readonly latestTotalW: number;
}

/**
 * The chart's columns: series sorted by node, then component; x the union of their bucket starts.
 *
 * @example
 * powerColumnsOf({ series: [{ node: "a:0", component: "gpu", points: [[0, 300], [10000, 310]], … }], … })
 * // columns: [[0, 10], [300, 310]]
 */
export const powerColumnsOf = (power: Power): PowerColumns => {
  const series = [...power.series].sort(
    (a, b) =>
      a.hostname.localeCompare(b.hostname) || a.rank - b.rank || a.component.localeCompare(b.component),
  );
  const times = [...new Set(series.flatMap((s) => s.points.map(([t]) => t)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const lines: PowerLine[] = [];
  const ys: (number | null)[][] = [];
  for (const s of series) {
    const column: (number | null)[] = times.map(() => null);
    let peakW = 0;
    for (const [t, w] of s.points) {
      column[index.get(t) as number] = w;
      peakW = Math.max(peakW, w);
    }
    ys.push(column);
    lines.push({
      label: `${s.node} ${s.component}`,
      node: s.node,
      component: s.component,
      method: s.method,
      latestW: s.points.at(-1)?.[1] ?? 0,
      peakW,
    });
  }
  return {
    columns: [times.map((t) => t / 1000), ...ys],
    lines,
    fromMs: times[0] ?? Number.NaN,
    toMs: times.at(-1) ?? Number.NaN,
    latestTotalW: lines.reduce((sum, l) => sum + l.latestW, 0),
  };
};
