import type { IntensitySeries } from "./series.ts";
import { formatHours, formatInstantShort, MS_PER_HOUR } from "./time.ts";

const BLOCKS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/** What to draw. */
export interface ChartInput {
  /** The series to draw. */
  readonly series: IntensitySeries;
  /** Window drawn, ms. */
  readonly fromMs: number;
  readonly toMs: number;
  /** The job's best window, marked under the chart. */
  readonly bestStartMs: number;
  readonly bestEndMs: number;
  /** Widest chart in columns (default 60). */
  readonly width?: number;
}

/** Mean of the values whose periods overlap [from, to); NaN when all are gaps or outside. */
const meanOver = (series: IntensitySeries, fromMs: number, toMs: number): number => {
  const first = Math.max(0, Math.floor((fromMs - series.startMs) / series.stepMs));
  const last = Math.min(series.values.length - 1, Math.ceil((toMs - series.startMs) / series.stepMs) - 1);
  let sum = 0;
  let count = 0;
  for (let i = first; i <= last; i++) {
    const v = series.values[i] as number;
    if (!Number.isNaN(v)) {
      sum += v;
      count++;
    }
  }
  return count === 0 ? Number.NaN : sum / count;
};

/**
 * A small text chart of intensity over the window: one block character per column (low ▁ to high █,
 * a space for a gap), a line of ^ under the best window, and the times at both ends.
 *
 * @example
 * renderIntensityChart({ series, fromMs, toMs, bestStartMs, bestEndMs }).join("\n")
 */
export const renderIntensityChart = (input: ChartInput): string[] => {
  const { series } = input;
  const fromMs = Math.max(input.fromMs, series.startMs);
  const toMs = Math.min(input.toMs, series.startMs + series.values.length * series.stepMs);
  if (!(toMs > fromMs)) return [];
  const periods = Math.ceil((toMs - fromMs) / series.stepMs);
  const columns = Math.max(1, Math.min(input.width ?? 60, periods));
  const spanMs = (toMs - fromMs) / columns;
  const means: number[] = [];
  for (let c = 0; c < columns; c++)
    means.push(meanOver(series, fromMs + c * spanMs, fromMs + (c + 1) * spanMs));
  const known = means.filter((m) => !Number.isNaN(m));
  if (known.length === 0) return [];
  const low = Math.min(...known);
  const high = Math.max(...known);
  const bar = means
    .map((m) => {
      if (Number.isNaN(m)) return " ";
      const level = high === low ? 3 : Math.round(((m - low) / (high - low)) * (BLOCKS.length - 1));
      return BLOCKS[level] as string;
    })
    .join("");
  const marks = means
    .map((_, c) => {
      const a = fromMs + c * spanMs;
      const b = a + spanMs;
      return a < input.bestEndMs && b > input.bestStartMs ? "^" : " ";
    })
    .join("")
    .trimEnd();
  const hoursPerColumn = spanMs / MS_PER_HOUR;
  const columnText =
    hoursPerColumn >= 48 ? `${Number((hoursPerColumn / 24).toFixed(1))} d` : formatHours(hoursPerColumn);
  const gaps = means.some((m) => Number.isNaN(m)) ? ", blank = no data" : "";
  return [
    `${series.zone} intensity, g/kWh (▁ ${Math.round(low)} … █ ${Math.round(high)}${gaps}), 1 column = ${columnText}:`,
    `  ${bar}`,
    `  ${marks}`,
    `  ${formatInstantShort(fromMs)} → ${formatInstantShort(toMs)}; ^ marks the best window`,
  ];
};
