// A run's power over time, one line per node and component (uPlot on a canvas): colour by component,
// dash pattern by node. The canvas is an image labelled by its caption; the legend under it gives each
// line's method, latest and peak power in words. New polls update the lines in place.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Power } from "./api-schemas.ts";
import { durationText, powerText, utcText } from "./format.ts";
import { type PowerLine, powerColumnsOf } from "./power-data.ts";

const HEIGHT = 260;
/** Performance mark set when a run's chart is first drawn. */
export const CHART_MARK = "mlco2:dashboard-chart";
/** Dash patterns per node (solid first), CSS px. */
const DASHES: readonly (readonly number[])[] = [[], [8, 4], [2, 3], [10, 3, 2, 3]];
const COMPONENT_COLOURS = ["gpu", "cpu", "memory"];

const colourVar = (component: string) =>
  `--power-${COMPONENT_COLOURS.includes(component) ? component : "other"}`;

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

const dashOf = (lines: readonly PowerLine[], line: PowerLine): number[] => {
  const nodes = [...new Set(lines.map((l) => l.node))];
  return [...(DASHES[nodes.indexOf(line.node) % DASHES.length] ?? [])];
};

const Swatch = ({ lines, line }: { lines: readonly PowerLine[]; line: PowerLine }) => (
  <svg class="swatch" width="28" height="10" aria-hidden="true">
    <line
      x1="0"
      y1="5"
      x2="28"
      y2="5"
      style={{ stroke: `var(${colourVar(line.component)})` }}
      stroke-width="3"
      stroke-dasharray={dashOf(lines, line).join(" ") || undefined}
    />
  </svg>
);

/** Props of the chart. */
export interface PowerChartProps {
  readonly power: Power;
}

/** The chart, its caption and its legend. */
export const PowerChart = ({ power }: PowerChartProps) => {
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const scheme = useScheme();
  const data = useMemo(() => powerColumnsOf(power), [power]);
  const shape = `${scheme}\u0000${data.lines.map((l) => l.label).join("\u0000")}`;
  useEffect(() => {
    const node = holder.current;
    if (node === null || data.lines.length === 0) return;
    const style = getComputedStyle(node);
    const read = (name: string) => style.getPropertyValue(name).trim();
    const axis = {
      stroke: read("--muted"),
      grid: { stroke: read("--line"), width: 1 },
      ticks: { stroke: read("--line"), width: 1 },
    };
    const created = new uPlot(
      {
        width: Math.max(200, node.clientWidth),
        height: HEIGHT,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        series: [
          { label: "Time (UTC)" },
          ...data.lines.map((line) => ({
            label: line.label,
            stroke: read(colourVar(line.component)),
            width: 2,
            dash: dashOf(data.lines, line),
            spanGaps: false,
            points: { show: false },
          })),
        ],
        axes: [axis, { ...axis, label: "W", size: 56 }],
        legend: { show: false },
      },
      data.columns,
      node,
    );
    plot.current = created;
    // The bench's "chart drawn" (uPlot draws synchronously on creation), once per page load.
    if (performance.getEntriesByName(CHART_MARK).length === 0) performance.mark(CHART_MARK);
    const resize = new ResizeObserver(() =>
      created.setSize({ width: Math.max(200, node.clientWidth), height: HEIGHT }),
    );
    resize.observe(node);
    return () => {
      resize.disconnect();
      created.destroy();
      plot.current = null;
    };
    // Recreated when the lines or the scheme change; new points go through setData below.
  }, [shape]);
  useEffect(() => {
    plot.current?.setData(data.columns);
  }, [data]);
  if (data.lines.length === 0)
    return (
      <p class="hint" data-testid="power-empty">
        No power samples: only tracker runs are measured over time.
      </p>
    );
  const bucket =
    power.bucketS === null
      ? ""
      : ` per ${durationText(power.bucketS)}${power.source === "hours" ? " (from hourly totals)" : ""}`;
  return (
    <figure
      class="power-chart"
      data-testid="power-chart"
      data-points={String(data.columns[0].length)}
      data-lines={String(data.lines.length)}
    >
      <figcaption id="power-caption">
        Average power{bucket}, per node and component, from {utcText(data.fromMs)} to {utcText(data.toMs)}:
        latest {powerText(data.latestTotalW)} in all.
      </figcaption>
      <div ref={holder} class="power-plot" role="img" aria-labelledby="power-caption" />
      <ul class="power-legend" data-testid="power-legend">
        {data.lines.map((line) => (
          <li key={line.label}>
            <Swatch lines={data.lines} line={line} /> <span class="legend-name">{line.label}</span>{" "}
            <span class="note">
              ({line.method}) latest {powerText(line.latestW)}, peak {powerText(line.peakW)}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
};
