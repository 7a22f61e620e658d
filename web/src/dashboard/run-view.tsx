// One run: its figures, power over time per node and component, nodes and methods, factors, reports
// and files, and where it would have emitted least. Read again every 2.5 s while it runs (every 30 s
// once a tracker run finished, in case another node joins); changes are announced politely.
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { FactorTable } from "../factor-table.tsx";
import { MethodText } from "../method-text.tsx";
import { type RunPulse, runAnnouncement } from "./announce.ts";
import { CleanestSchema, PowerSchema, type RunDetail, RunDetailSchema } from "./api-schemas.ts";
import { CleanestSection } from "./cleanest-section.tsx";
import { clockText, energyText, massText, ORIGIN_LABEL, utcText } from "./format.ts";
import type { PowerChartProps } from "./power-chart.tsx";
import { Problem } from "./problem.tsx";
import { hrefOf, runPath } from "./route.ts";
import { MethodsTable, NodesTable } from "./run-nodes.tsx";
import { RunFiles, RunReports } from "./run-reports.tsx";
import { StatusBadge } from "./runs-table.tsx";
import { useSession } from "./session.ts";
import { usePolled } from "./use-polled.ts";

/** Poll intervals, ms: a running run, and a finished tracker run. */
export const RUNNING_EVERY_MS = 2_500;
export const FINISHED_EVERY_MS = 30_000;
/** Where the factor table's "how it is computed" points: the calculator's method section. */
const METHOD_HREF = "calculator/#method";

/** The chart's module (uPlot): loaded when a run is first opened, so the projects and runs lists never wait for it. */
type ChartComponent = (props: PowerChartProps) => JSX.Element;
let chartModule: Promise<ChartComponent> | null = null;
const loadChart = (): Promise<ChartComponent> => {
  chartModule ??= import("./power-chart.tsx").then((m) => m.PowerChart);
  return chartModule;
};

/** The chart once its module is in (loading alongside the run's data). */
const useChart = (): ChartComponent | null => {
  const [chart, setChart] = useState<ChartComponent | null>(null);
  useEffect(() => {
    let live = true;
    loadChart().then(
      (component) => live && setChart(() => component),
      () => {
        // A failed chunk load (the server went away): the next open tries again.
        chartModule = null;
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return chart;
};

/** Props of the run view. */
export interface RunViewProps {
  readonly project: string;
  readonly run: string;
}

const pulseOf = (detail: RunDetail): RunPulse => ({
  key: detail.run.key,
  status: detail.run.status,
  nodes: detail.run.nodes,
  energyKWh: detail.run.energyKWh,
  emissionsKg: detail.run.emissionsKg,
});

const Figures = ({ detail }: { detail: RunDetail }) => {
  const { run, result } = detail;
  const soFar = run.status === "running" ? " so far" : "";
  return (
    <div class="figures run-figures">
      <div class="figure main">
        <span class="figure-label">Emissions (location-based){soFar}</span>
        <span class="value" data-testid="run-emissions" data-value={String(run.emissionsKg)}>
          {massText(run.emissionsKg)}
        </span>
        {result === null ? null : (
          <span class="figure-sub" data-testid="run-range">
            likely between {massText(result.range.lowKg)} and {massText(result.range.highKg)}
          </span>
        )}
      </div>
      <div class="figure">
        <span class="figure-label">Energy (IT){soFar}</span>
        <span class="value" data-testid="run-energy" data-value={String(run.energyKWh)}>
          {energyText(run.energyKWh)}
        </span>
        {result === null ? null : (
          <span class="figure-sub">{energyText(result.facilityEnergyKWh)} with PUE</span>
        )}
      </div>
      {result === null || result.marketBasedKg === null ? null : (
        <div class="figure market">
          <span class="figure-label">Market-based</span>
          <span class="value" data-testid="run-market" data-value={String(result.marketBasedKg)}>
            {massText(result.marketBasedKg)}
          </span>
          <span class="figure-sub">for comparison; not subtracted</span>
        </div>
      )}
    </div>
  );
};

const CodecarbonRow = ({ row }: { row: unknown }) => {
  if (row === null || typeof row !== "object") return null;
  const entries = Object.entries(row as Record<string, unknown>).filter(
    ([, value]) => typeof value === "string" || typeof value === "number",
  );
  return (
    <details>
      <summary>The CodeCarbon row ({entries.length} columns)</summary>
      <dl class="codecarbon" data-testid="codecarbon">
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{String(value)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
};

/** The run view. */
export const RunView = ({ project, run }: RunViewProps) => {
  const { api, announce } = useSession();
  const Chart = useChart();
  const base = runPath(project, run);
  const polled = usePolled(
    base,
    async () => {
      const [detail, power, cleanest] = await Promise.all([
        api.json(base, RunDetailSchema),
        api.json(`${base}/power`, PowerSchema),
        api.json(`${base}/cleanest`, CleanestSchema),
      ]);
      return { detail, power, cleanest };
    },
    (data) =>
      data === null
        ? null
        : data.detail.run.status === "running"
          ? RUNNING_EVERY_MS
          : data.detail.run.origin === "tracker"
            ? FINISHED_EVERY_MS
            : null,
  );
  const detail = polled.data?.detail ?? null;
  const seen = useRef<{ pulse: RunPulse; announcedAt: number } | null>(null);
  useEffect(() => {
    if (detail === null) return;
    const pulse = pulseOf(detail);
    const now = Date.now();
    const text = runAnnouncement(
      seen.current?.pulse ?? null,
      pulse,
      now - (seen.current?.announcedAt ?? now),
    );
    if (text !== null) announce(text);
    seen.current = {
      pulse,
      announcedAt: text !== null || seen.current === null ? now : seen.current.announcedAt,
    };
  }, [detail, announce]);
  const data = polled.data;
  const r = detail?.run;
  const finishedLogs =
    detail?.nodes.flatMap((n) => n.logs.filter((l) => l.finished).map((l) => l.logId)) ?? [];
  return (
    <section aria-labelledby="view-title" data-testid="run-view">
      <p class="crumbs">
        <a href="#/">Projects</a> /{" "}
        <a href={hrefOf({ kind: "project", project, filters: {} })} data-testid="crumb-project">
          {project}
        </a>{" "}
        /
      </p>
      <h2 id="view-title" tabIndex={-1} data-testid="run-key">
        {run}
      </h2>
      <Problem error={polled.error} stale={data !== null} retry={polled.reload} />
      {data === null || detail === null || r === undefined ? (
        polled.error === null ? (
          <p class="hint">Loading…</p>
        ) : null
      ) : (
        <>
          <p class="run-meta" data-testid="run-meta">
            <StatusBadge status={r.status} /> · {ORIGIN_LABEL[r.origin]} ·{" "}
            <span data-testid="run-nodes" data-value={String(r.nodes)}>
              {r.nodes} node{r.nodes === 1 ? "" : "s"}
            </span>{" "}
            · started {utcText(r.startedAt ?? r.createdAt)} · last sample {utcText(r.lastTime)}
            {polled.updatedAt === null ? null : (
              <span class="updated"> · updated {clockText(polled.updatedAt)}</span>
            )}
          </p>
          <Figures detail={detail} />
          {detail.result === null || detail.result.warnings.length === 0 ? null : (
            <ul class="warnings" aria-label="Assumptions and notes">
              {detail.result.warnings.map((w) => (
                <li key={w}>
                  <MethodText text={w} href={METHOD_HREF} />
                </li>
              ))}
            </ul>
          )}
          <section class="panel" aria-labelledby="power-title">
            <h3 id="power-title">Power over time</h3>
            {Chart === null ? <p class="hint">Loading the chart…</p> : <Chart power={data.power} />}
          </section>
          {detail.nodes.length === 0 ? null : (
            <section class="panel" aria-labelledby="nodes-title">
              <h3 id="nodes-title">Nodes</h3>
              <NodesTable nodes={detail.nodes} />
              <h4>How each component was read</h4>
              <MethodsTable methods={detail.methods} />
            </section>
          )}
          <section class="panel" aria-labelledby="factors-title">
            <h3 id="factors-title">Factors</h3>
            {detail.result === null ? (
              <p class="hint" data-testid="result-missing">
                No factors yet: {detail.resultMissing}.
              </p>
            ) : (
              <>
                <p class="derivation">
                  <code data-testid="derivation">{detail.result.derivation}</code>
                </p>
                <FactorTable factors={detail.result.factors} methodHref={METHOD_HREF} open />
              </>
            )}
            {r.origin === "codecarbon" ? <CodecarbonRow row={detail.codecarbon} /> : null}
          </section>
          <section class="panel" aria-labelledby="reports-title">
            <h3 id="reports-title">Reports and files</h3>
            <RunFiles
              base={base}
              runKey={r.key}
              samples={r.origin === "tracker"}
              result={detail.result !== null}
            />
            {detail.result === null ? (
              <p class="hint" data-testid="reports-missing">
                No reports yet: {detail.resultMissing}.
              </p>
            ) : (
              <RunReports base={base} version={`${finishedLogs.join(",")} ${detail.result.emissionsKg}`} />
            )}
          </section>
          <section class="panel" aria-labelledby="cleanest-title">
            <h3 id="cleanest-title">Where it would have emitted least</h3>
            <CleanestSection
              cleanest={data.cleanest}
              emissionsKg={r.emissionsKg}
              running={r.status === "running"}
            />
          </section>
        </>
      )}
    </section>
  );
};
