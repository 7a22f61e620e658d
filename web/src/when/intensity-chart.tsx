// Intensity over the window as a step chart (a reading holds for its whole period), the best window
// highlighted, drawn by uPlot on a canvas; the figure's caption says the same in words.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { sig3 } from "../../../src/core/format-number.ts";
import type { IntensitySeries } from "../../../src/plan/series.ts";
import { formatHours, MS_PER_HOUR } from "../../../src/plan/time.ts";
import { chartDataOf } from "./chart-data.ts";
import { utcTime } from "./local-time.ts";

/** Props of the chart. */
export interface IntensityChartProps {
  readonly series: IntensitySeries;
  /** The window drawn, ms. */
  readonly fromMs: number;
  readonly toMs: number;
  /** The best window, highlighted, ms. */
  readonly bestStartMs: number;
  readonly bestEndMs: number;
}

const HEIGHT = 240;
const stepped = uPlot.paths.stepped;

/** The page's colours (they follow the light or dark scheme). */
const colours = (node: Element) => {
  const style = getComputedStyle(node);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    line: read("--chart-line"),
    best: read("--chart-best"),
    bestFill: read("--chart-best-fill"),
    text: read("--muted"),
    grid: read("--line"),
  };
};

/** Follows the colour scheme, so the canvas is redrawn when it changes. */
const useScheme = (): string => {
  const [scheme, setScheme] = useState(() =>
    matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light",
  );
  useEffect(() => {
    const query = matchMedia("(prefers-color-scheme: dark)");
    const change = () => setScheme(query.matches ? "dark" : "light");
    query.addEventListener("change", change);
    return () => query.removeEventListener("change", change);
  }, []);
  return scheme;
};

/** The chart: uPlot in a figure whose caption gives the range and the best window in words. */
export const IntensityChart = ({ series, fromMs, toMs, bestStartMs, bestEndMs }: IntensityChartProps) => {
  const holder = useRef<HTMLDivElement>(null);
  const scheme = useScheme();
  const data = useMemo(() => chartDataOf(series, fromMs, toMs), [series, fromMs, toMs]);
  useEffect(() => {
    const node = holder.current;
    if (node === null) return;
    const c = colours(node);
    const highlight = (u: uPlot) => {
      const left = u.valToPos(bestStartMs / 1000, "x", true);
      const right = u.valToPos(bestEndMs / 1000, "x", true);
      const { top, height } = u.bbox;
      const ctx = u.ctx;
      ctx.save();
      ctx.fillStyle = c.bestFill;
      ctx.fillRect(left, top, right - left, height);
      ctx.strokeStyle = c.best;
      ctx.lineWidth = 2 * devicePixelRatio;
      ctx.beginPath();
      ctx.moveTo(left, top);
      ctx.lineTo(left, top + height);
      ctx.moveTo(right, top);
      ctx.lineTo(right, top + height);
      ctx.stroke();
      ctx.restore();
    };
    const axis = { stroke: c.text, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 } };
    const plot = new uPlot(
      {
        width: Math.max(200, node.clientWidth),
        height: HEIGHT,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
        scales: { x: { time: true } },
        series: [
          { label: "Time (UTC)" },
          {
            label: "Intensity",
            stroke: c.line,
            width: 2,
            // A reading holds for its whole period: steps, never lines between readings.
            ...(stepped === undefined ? {} : { paths: stepped({ align: 1 }) }),
            value: (u, v) => (u.cursor.idx == null ? "–" : v === null ? "no data" : `${sig3(v)} g/kWh`),
            spanGaps: false,
            points: { show: false },
          },
        ],
        axes: [axis, { ...axis, label: "g/kWh", size: 56 }],
        hooks: { drawClear: [highlight] },
        legend: { live: true },
      },
      data.columns,
      node,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(200, node.clientWidth), height: HEIGHT }),
    );
    resize.observe(node);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, bestStartMs, bestEndMs, scheme]);
  const jobH = (bestEndMs - bestStartMs) / MS_PER_HOUR;
  return (
    <figure class="when-chart" data-testid="when-chart">
      <figcaption id="when-chart-caption">
        Intensity of {series.zone} from {utcTime(fromMs)} to {utcTime(toMs)}
        {Number.isNaN(data.lowGPerKWh) ? "" : `, ${sig3(data.lowGPerKWh)} to ${sig3(data.highGPerKWh)} g/kWh`}
        {data.gaps > 0 ? ` (${data.gaps} period(s) without data, left blank)` : ""}; the best{" "}
        {formatHours(jobH)} window, highlighted, runs from {utcTime(bestStartMs)} to {utcTime(bestEndMs)}.
      </figcaption>
      <div ref={holder} class="when-plot" role="img" aria-labelledby="when-chart-caption" />
    </figure>
  );
};
