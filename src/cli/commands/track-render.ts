import { formatMassKg, formatRatio, sig3 } from "../../core/format-number.ts";
import { ranInCleanest } from "../../core/report/paragraph.ts";
import { perUnitText } from "../../core/report/per-unit-text.ts";
import type { EstimateResult } from "../../core/types.ts";
import type { AllocationIdleSummary } from "../../tracker/allocation-idle.ts";
import type { LaunchContext } from "../../tracker/launcher.ts";
import type { Prediction } from "../../tracker/prediction.ts";
import type { TrackingProgress } from "../../tracker/session.ts";
import { wrapText } from "../wrap-text.ts";

const clock = (seconds: number): string => {
  const s = Math.floor(seconds);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
};

const kWhText = (kWh: number): string => (kWh >= 1 ? `${sig3(kWh)} kWh` : `${sig3(kWh * 1000)} Wh`);

/** The whole job predicted, in a few words: "whole job ≈ 1.2 kWh (1.1–1.3), 410 g CO2eq at 45/100". */
export const predictionText = (p: Prediction): string =>
  `whole job ≈ ${kWhText(p.energyKWh)} (${kWhText(p.lowKWh)}–${kWhText(p.highKWh)}), ${formatMassKg(p.emissionsKg)} CO2eq (${formatMassKg(p.lowKg)}–${formatMassKg(p.highKg)}) at ${sig3(p.done)}/${sig3(p.total)}`;

/** The live line: elapsed, power now, energy and emissions so far, and the whole job predicted. */
export const renderProgressLine = (p: TrackingProgress): string =>
  `mlco2 ${clock(p.elapsedS)}  ${sig3(p.powerW)} W  ${kWhText(p.energyKWh)}  ${formatMassKg(p.emissionsKg)} CO2eq${
    p.prediction == null
      ? ""
      : `  → ${kWhText(p.prediction.energyKWh)} (${kWhText(p.prediction.lowKWh)}–${kWhText(p.prediction.highKWh)}), ${formatMassKg(p.prediction.emissionsKg)} at ${sig3(p.prediction.done)}/${sig3(p.prediction.total)}`
  }`;

/** What the summary shows. */
export interface TrackSummaryInput {
  /** The command. */
  readonly command: readonly string[];
  /** How it ended. */
  readonly exit: { readonly code: number | null; readonly signal: string | null };
  /** The result. */
  readonly result: EstimateResult;
  /** Log paths. */
  readonly logPath: string | null;
  readonly csvPath: string | null;
  /** Why the log or the CSV row is incomplete or missing (a write error), if it is. */
  readonly logProblem?: string | null;
  readonly csvProblem?: string | null;
  /** Where this tracker sat in its run. */
  readonly launch?: LaunchContext | null;
  /** The node's energy no process owns, when this tracker reports it. */
  readonly allocationIdle?: AllocationIdleSummary | null;
  /** The whole job predicted from its progress. */
  readonly prediction?: Prediction | null;
}

/** "slurm:4242.0 on gpu002, rank 11 of 16 (node 1, local rank 3)". */
const taskText = (launch: LaunchContext): string => {
  const parts = [`${launch.runKey ?? "no run key"} on ${launch.host}`];
  if (launch.rank !== null)
    parts.push(`rank ${launch.rank}${launch.worldSize === null ? "" : ` of ${launch.worldSize}`}`);
  const where = [
    launch.nodeIndex === null ? null : `node ${launch.nodeIndex}`,
    launch.localRank === null ? null : `local rank ${launch.localRank}`,
  ].filter((p) => p !== null);
  return `${parts.join(", ")}${where.length === 0 ? "" : ` (${where.join(", ")})`}`;
};

/** The lines for the allocation's idle energy and "my allocation" = job + idle. */
const idleLines = (result: EstimateResult, idle: AllocationIdleSummary): string[] => {
  if (!idle.reported || idle.energyKWh <= 0) return [];
  const what = idle.components.map((c) => c.label).join("; ");
  return [
    wrapText(
      `  allocation idle  ${kWhText(idle.energyKWh)}, ${formatMassKg(idle.emissionsKg)} CO2eq (${what}); not in the total above`,
      100,
      19,
    ),
    wrapText(
      `  my allocation    ${kWhText(result.energyKWh + idle.energyKWh)}, ${formatMassKg(result.emissionsKg + idle.emissionsKg)} CO2eq (job + allocation idle)`,
      100,
      19,
    ),
  ];
};

const NAMES = { devices: "GPU", cpu: "CPU", memory: "memory" } as const;

/** The end-of-run summary for stderr: each component with its method, the arithmetic, location, logs, warnings. */
export const renderTrackSummary = ({
  command,
  exit,
  result,
  logPath,
  csvPath,
  logProblem = null,
  csvProblem = null,
  launch = null,
  allocationIdle = null,
  prediction = null,
}: TrackSummaryInput): string => {
  const out: string[] = [];
  const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? "?"}`;
  out.push(wrapText(`mlco2 track: \`${command.join(" ")}\` ${how} after ${sig3(result.job.hours * 3600)} s`));
  for (const c of result.components) {
    out.push(
      wrapText(
        `  ${NAMES[c.component].padEnd(7)} ${`${sig3(c.powerW)} W`.padStart(9)}  ${kWhText(c.energyKWh).padStart(10)}  ${c.kind.padEnd(9)}  ${c.label}`,
        100,
        40,
      ),
    );
  }
  const varying = result.factors.some((f) => f.name.includes("energy-weighted")) ? " (time-varying)" : "";
  out.push(
    wrapText(
      `  total   ${kWhText(result.energyKWh)} × PUE ${formatRatio(result.pue)} × ${sig3(result.intensityGPerKWh)} g/kWh${varying} = ${formatMassKg(result.emissionsKg)} CO2eq (range ${formatMassKg(result.range.lowKg)}–${formatMassKg(result.range.highKg)})`,
      100,
      10,
    ),
  );
  if (allocationIdle !== null) out.push(...idleLines(result, allocationIdle));
  if (result.perUnit !== undefined) out.push(wrapText(`  per unit ${perUnitText(result.perUnit)}`, 100, 10));
  if (prediction !== null) out.push(wrapText(`  predicted ${predictionText(prediction)}`, 100, 10));
  if (launch !== null && (launch.launcher !== "none" || launch.runKey !== null))
    out.push(wrapText(`  task    ${taskText(launch)}`, 100, 10));
  out.push(
    wrapText(
      `  where   ${result.job.location.label}${result.job.year === null ? "" : `, grid year ${result.job.year}`}`,
      100,
      10,
    ),
  );
  out.push(...counterfactualLines(result));
  if (logPath !== null)
    out.push(
      wrapText(`  log     ${logPath}${logProblem === null ? "" : ` (incomplete: ${logProblem})`}`, 100, 10),
    );
  if (csvPath !== null)
    out.push(
      wrapText(`  csv     ${csvPath}${csvProblem === null ? "" : ` (no row added: ${csvProblem})`}`, 100, 10),
    );
  for (const warning of result.warnings) out.push(wrapText(`  warning: ${warning}`, 100, 4));
  return `${out.join("\n")}\n`;
};

/** What the same energy would have emitted at the best start within ±12 h and in the cleanest region. */
const counterfactualLines = (result: EstimateResult): string[] => {
  const c = result.counterfactual;
  if (c === undefined) return [];
  if (c === null)
    return [
      wrapText(
        "  instead nothing to compare: no time-resolved intensity (--source) and no region or zone to compare with",
        100,
        10,
      ),
    ];
  const versus = (kg: number, baseline: number) => {
    const saving = baseline - kg;
    return saving > 0 && baseline > 0
      ? `, ${formatMassKg(saving)} (${sig3((saving / baseline) * 100)} %) less`
      : ", no less";
  };
  const lines: string[] = [];
  lines.push(
    c.bestWindowKg === null || c.bestWindowStart === null
      ? `  instead best start within ±12 h: unknown (${c.bestWindowNote})`
      : `  instead starting ${c.bestWindowStart}: ${formatMassKg(c.bestWindowKg)} CO2eq${versus(c.bestWindowKg, result.emissionsKg)} (${c.bestWindowNote})`,
  );
  lines.push(
    c.cleanestRegionKg === null || c.cleanestRegion === null
      ? `  instead cleanest region: unknown (${c.cleanestRegionNote})`
      : ranInCleanest(result)
        ? `  instead ${c.cleanestRegion} is ${c.cleanestRegionNote}`
        : `  instead in ${c.cleanestRegion}: ${formatMassKg(c.cleanestRegionKg)} CO2eq${versus(c.cleanestRegionKg, c.sameRegionYearlyKg ?? result.emissionsKg)} than here, both at yearly averages (${c.cleanestRegionNote})`,
  );
  return lines.map((line) => wrapText(line, 100, 10));
};
