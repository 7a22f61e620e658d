// What the intensity chart draws, as plain arrays: period starts and values over the window, gaps as
// null (never drawn as zero), with a closing point so the last period shows its whole width.
import type { IntensitySeries } from "../../../src/plan/series.ts";

/** uPlot's columns: x in seconds since the epoch, y in g/kWh or null for a gap. */
export type ChartColumns = [xs: number[], ys: (number | null)[]];

/** The chart's columns over [fromMs, toMs), and the lowest and highest value shown. */
export interface ChartData {
  readonly columns: ChartColumns;
  /** Lowest and highest intensity in the window, g/kWh (NaN when every period is a gap). */
  readonly lowGPerKWh: number;
  readonly highGPerKWh: number;
  /** Periods in the window without a reading. */
  readonly gaps: number;
}

/**
 * The series' periods that overlap [fromMs, toMs), as step-chart columns: each x is where a period
 * starts (the window's start for the first), each y holds until the next x.
 *
 * @example
 * chartDataOf(series, Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)).columns[0].length // 25
 */
export const chartDataOf = (series: IntensitySeries, fromMs: number, toMs: number): ChartData => {
  const { startMs, stepMs, values } = series;
  const first = Math.max(0, Math.floor((fromMs - startMs) / stepMs));
  const last = Math.min(values.length - 1, Math.ceil((toMs - startMs) / stepMs) - 1);
  const xs: number[] = [];
  const ys: (number | null)[] = [];
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  let gaps = 0;
  for (let i = first; i <= last; i++) {
    const value = values[i] as number;
    xs.push(Math.max(startMs + i * stepMs, fromMs) / 1000);
    if (Number.isNaN(value)) {
      ys.push(null);
      gaps++;
    } else {
      ys.push(value);
      if (value < low) low = value;
      if (value > high) high = value;
    }
  }
  if (xs.length > 0) {
    xs.push(Math.min(startMs + (last + 1) * stepMs, toMs) / 1000);
    ys.push(ys[ys.length - 1] ?? null);
  }
  const known = Number.isFinite(low);
  return {
    columns: [xs, ys],
    lowGPerKWh: known ? low : Number.NaN,
    highGPerKWh: known ? high : Number.NaN,
    gaps,
  };
};
