// A merged run's breakdown (per node, per rank, per component) as text, Markdown and JSON. Pure.
import { formatMassKg, sig3 } from "../format-number.ts";
import { renderJson } from "./json.ts";
import { escapeMarkdown } from "./markdown.ts";
import type { ComponentRow, MergeBreakdown, MergedRun } from "./merge-runs.ts";

const kWh = (value: number): string => (value >= 1 ? `${sig3(value)} kWh` : `${sig3(value * 1000)} Wh`);

const COMPONENT_LABELS: Readonly<Record<ComponentRow["component"], string>> = {
  devices: "GPUs",
  cpu: "CPU",
  memory: "memory",
  "allocation idle": "allocation idle (no process's: idle GPUs, idle CPU share)",
};

/** "1 run, 16 logs merged, 1 left out". */
const countsText = (m: MergeBreakdown): string =>
  `${m.runs.length === 1 ? `run ${m.runs[0]}` : `${m.runs.length} runs (${m.runs.join(", ")})`}: ${m.logs.merged} log${m.logs.merged === 1 ? "" : "s"} merged${m.logs.leftOut.length === 0 ? "" : `, ${m.logs.leftOut.length} left out`}`;

/** Columns padded to their widest cell; the first column left-aligned, the others right-aligned. */
const table = (rows: readonly (readonly string[])[]): string[] => {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map(
    (row) =>
      `  ${row
        .map((cell, i) =>
          i === 0 || i === row.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
        )
        .join("  ")
        .trimEnd()}`,
  );
};

const index = (value: number | null): string => (value === null ? "-" : String(value));

/**
 * The breakdown as plain text for a terminal: the runs and logs counted, the logs left out with why,
 * then per node, per rank, per component, and "my job" against "my allocation".
 */
export const renderBreakdownText = (m: MergeBreakdown): string => {
  const out = [`Merged ${countsText(m)}`];
  for (const left of m.logs.leftOut) out.push(`  left out: ${left.name}: ${left.reason}`);
  out.push("", "Per node");
  out.push(
    ...table([
      ["host", "node", "ranks", "energy", "CO2eq", "allocation idle"],
      ...m.nodes.map((n) => [
        n.host,
        index(n.node),
        String(n.ranks),
        kWh(n.energyKWh),
        formatMassKg(n.emissionsKg),
        kWh(n.allocationIdleKWh),
      ]),
    ]),
  );
  out.push("", "Per rank");
  out.push(
    ...table([
      ["rank", "host", "local", "hours", "energy", "CO2eq", "log"],
      ...m.ranks.map((r) => [
        index(r.rank),
        r.host,
        index(r.localRank),
        sig3(r.hours),
        kWh(r.energyKWh),
        formatMassKg(r.emissionsKg),
        r.log,
      ]),
    ]),
  );
  out.push("", "Per component");
  out.push(
    ...table([
      ["component", "energy", "CO2eq"],
      ...m.components.map((c) => [
        COMPONENT_LABELS[c.component],
        kWh(c.energyKWh),
        formatMassKg(c.emissionsKg),
      ]),
    ]),
  );
  out.push(
    "",
    `My job ${kWh(m.allocation.energyKWh - m.allocationIdle.energyKWh)}; my allocation (job + allocation idle) ${kWh(m.allocation.energyKWh)}, ${formatMassKg(m.allocation.emissionsKg)} CO2eq`,
  );
  return `${out.join("\n")}\n`;
};

const mdRow = (cells: readonly string[]): string => `| ${cells.map((c) => escapeMarkdown(c)).join(" | ")} |`;

const mdTable = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  mdRow(header),
  `| ${header.map(() => "---").join(" | ")} |`,
  ...rows.map(mdRow),
];

/** The breakdown as Markdown tables (after the run's Markdown report). */
export const renderBreakdownMarkdown = (m: MergeBreakdown): string => {
  const lines = ["### Breakdown", "", `Merged ${escapeMarkdown(countsText(m))}.`, ""];
  if (m.logs.leftOut.length > 0) {
    for (const left of m.logs.leftOut)
      lines.push(`- Left out: ${escapeMarkdown(`${left.name}: ${left.reason}`)}`);
    lines.push("");
  }
  lines.push(
    ...mdTable(
      ["Node", "Index", "Ranks", "Energy", "CO2eq", "Allocation idle"],
      m.nodes.map((n) => [
        n.host,
        index(n.node),
        String(n.ranks),
        kWh(n.energyKWh),
        formatMassKg(n.emissionsKg),
        kWh(n.allocationIdleKWh),
      ]),
    ),
    "",
    ...mdTable(
      ["Rank", "Host", "Local rank", "Hours", "Energy", "CO2eq", "Log"],
      m.ranks.map((r) => [
        index(r.rank),
        r.host,
        index(r.localRank),
        sig3(r.hours),
        kWh(r.energyKWh),
        formatMassKg(r.emissionsKg),
        r.log,
      ]),
    ),
    "",
    ...mdTable(
      ["Component", "Energy", "CO2eq"],
      m.components.map((c) => [COMPONENT_LABELS[c.component], kWh(c.energyKWh), formatMassKg(c.emissionsKg)]),
    ),
    "",
    `My allocation (job + allocation idle): ${kWh(m.allocation.energyKWh)}, ${formatMassKg(m.allocation.emissionsKg)} CO₂eq.`,
    "",
  );
  return lines.join("\n");
};

/**
 * The merged run as JSON: the result's fields (so `mlco2 report` reads it back as a saved estimate)
 * and a `merged` object with the runs, the logs and the breakdown.
 */
export const renderMergedJson = (run: MergedRun): string =>
  renderJson({ ...run.result, merged: run.merged } as MergedRun["result"]);
