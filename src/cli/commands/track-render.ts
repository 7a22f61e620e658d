import { formatMassKg, formatRatio, sig3 } from "../../core/format-number.ts";
import { ranInCleanest } from "../../core/report/paragraph.ts";
import type { EstimateResult } from "../../core/types.ts";
import type { TrackingProgress } from "../../tracker/session.ts";
import { wrapText } from "../wrap-text.ts";

const clock = (seconds: number): string => {
  const s = Math.floor(seconds);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
};

const kWhText = (kWh: number): string => (kWh >= 1 ? `${sig3(kWh)} kWh` : `${sig3(kWh * 1000)} Wh`);

/** The live line: elapsed, power now, energy and emissions so far. */
export const renderProgressLine = (p: TrackingProgress): string =>
  `mlco2 ${clock(p.elapsedS)}  ${sig3(p.powerW)} W  ${kWhText(p.energyKWh)}  ${formatMassKg(p.emissionsKg)} CO2eq`;

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
}

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
