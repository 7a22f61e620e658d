// `mlco2 import codecarbon emissions.csv`: CodeCarbon's figure and ours side by side, per run.
import { readFileSync, writeFileSync } from "node:fs";
import { formatCsvNumber } from "../../core/format-csv-number.ts";
import { formatMassKg, sig3 } from "../../core/format-number.ts";
import { formatProblem } from "../../core/problems.ts";
import {
  csvRecords,
  type LocationOverride,
  type Repriced,
  readRun,
  repriceRun,
  versionsOf,
} from "../../import/index.ts";
import { CliError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";
import { parseChoice, parseIntegerFlag, parseNumberFlag } from "../parse-values.ts";

/** Flags of `mlco2 import codecarbon`. */
export interface ImportFlags {
  region?: string;
  country?: string;
  zone?: string;
  intensity?: string;
  year?: string;
  pue?: string;
  format?: string;
  output?: string;
  strict?: boolean;
}

/** Columns of the csv output. */
export const IMPORT_COLUMNS = [
  "line",
  "run_id",
  "project_name",
  "timestamp",
  "hours",
  "codecarbon_kwh",
  "codecarbon_kg",
  "codecarbon_g_per_kwh",
  "codecarbon_pue",
  "energy_kwh",
  "facility_energy_kwh",
  "emissions_kg",
  "low_kg",
  "high_kg",
  "intensity_g_per_kwh",
  "pue",
  "ratio",
  "differences",
] as const;

const cell = (t: string): string => (/[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
const num = (n: number): string => (Number.isFinite(n) ? formatCsvNumber(n) : "");

const readText = async (file: string, io: CliIo): Promise<string> => {
  if (file === "-") {
    const stdin = io.stdin?.();
    if (stdin === undefined) throw new CliError("-: no standard input to read");
    let text = "";
    for await (const chunk of stdin)
      text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return text;
  }
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "failed";
    throw new CliError(`cannot read "${file}" (${code}); give CodeCarbon's emissions.csv`);
  }
};

const overrideOf = (f: ImportFlags): LocationOverride => {
  const o: Record<string, unknown> = {
    region: f.region,
    country: f.country,
    zone: f.zone,
    intensity:
      f.intensity === undefined
        ? undefined
        : parseNumberFlag("--intensity", f.intensity, "gCO2eq/kWh from 0 to 2000"),
    year: f.year === undefined ? undefined : parseIntegerFlag("--year", f.year, "a year such as 2024"),
    pue: f.pue === undefined ? undefined : parseNumberFlag("--pue", f.pue, "a number from 1 to 3"),
  };
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o as LocationOverride;
};

const ratioOf = (r: Repriced): number =>
  r.run.emissionsKg > 0 ? r.ours.emissionsKg / r.run.emissionsKg : Number.NaN;

const textBlock = (r: Repriced): string => {
  const ratio = ratioOf(r);
  const lines = [
    `run ${r.run.runId || "(no id)"}${r.run.project === "" ? "" : ` (${r.run.project})`}, ${sig3(r.run.durationS / 3600)} h, line ${r.run.line}`,
    `  CodeCarbon ${formatMassKg(r.run.emissionsKg)} CO2eq from ${sig3(r.run.energyKWh)} kWh at ${Number.isFinite(r.theirIntensity) ? sig3(r.theirIntensity) : "–"} g/kWh, PUE ${r.run.pue}`,
    `  ours       ${formatMassKg(r.ours.emissionsKg)} CO2eq (range ${formatMassKg(r.ours.range.lowKg)} – ${formatMassKg(r.ours.range.highKg)}) from ${sig3(r.ours.facilityEnergyKWh)} kWh at ${sig3(r.ours.intensityGPerKWh)} g/kWh, PUE ${r.ours.pue}${Number.isFinite(ratio) ? `; ours ÷ theirs ${sig3(ratio)}` : ""}`,
    `  ${r.ours.derivation}`,
    ...r.differences.map((d) => `  - ${d}`),
  ];
  return `${lines.join("\n")}\n\n`;
};

const csvLine = (r: Repriced): string =>
  `${[
    String(r.run.line),
    cell(r.run.runId),
    cell(r.run.project),
    cell(r.run.timestamp),
    num(r.run.durationS / 3600),
    num(r.run.energyKWh),
    num(r.run.emissionsKg),
    num(r.theirIntensity),
    num(r.run.pue),
    num(r.ours.energyKWh),
    num(r.ours.facilityEnergyKWh),
    num(r.ours.emissionsKg),
    num(r.ours.range.lowKg),
    num(r.ours.range.highKg),
    num(r.ours.intensityGPerKWh),
    num(r.ours.pue),
    num(ratioOf(r)),
    cell(r.differences.join("; ")),
  ].join(",")}\n`;

const jsonLine = (r: Repriced): string =>
  `${JSON.stringify({
    line: r.run.line,
    run_id: r.run.runId,
    project_name: r.run.project,
    timestamp: r.run.timestamp,
    hours: r.run.durationS / 3600,
    codecarbon: {
      energy_kwh: r.run.energyKWh,
      emissions_kg: r.run.emissionsKg,
      intensity_g_per_kwh: Number.isFinite(r.theirIntensity) ? r.theirIntensity : null,
      pue: r.run.pue,
    },
    energy_kwh: r.ours.energyKWh,
    facility_energy_kwh: r.ours.facilityEnergyKWh,
    emissions_kg: r.ours.emissionsKg,
    low_kg: r.ours.range.lowKg,
    high_kg: r.ours.range.highKg,
    intensity_g_per_kwh: r.ours.intensityGPerKWh,
    pue: r.ours.pue,
    ratio: Number.isFinite(ratioOf(r)) ? ratioOf(r) : null,
    differences: r.differences,
    input: r.input,
  })}\n`;

/** Runs `mlco2 import codecarbon`; returns 0, or 1 when rows were skipped. */
export const runImportCodecarbon = async (file: string, f: ImportFlags, io: CliIo): Promise<number> => {
  const format = parseChoice("--format", f.format ?? "text", ["text", "csv", "json"] as const);
  const override = overrideOf(f);
  const name = file === "-" ? "stdin" : file;
  const text = await readText(file, io);
  const records = csvRecords(text);
  const first = records.next();
  if (first.done) throw new CliError(`${name} is empty; expected CodeCarbon's emissions.csv with its header`);
  const header = first.value.cells;
  const version = versionsOf(header);
  if ("refused" in version) throw new CliError(`${name}:1: ${version.refused}`, { code: "invalid" });
  const { dataset } = await import("../../data/index.ts");
  let out = format === "csv" ? `${IMPORT_COLUMNS.join(",")}\n` : "";
  let runs = 0;
  let priced = 0;
  let theirs = 0;
  let ours = 0;
  for (const { cells, line } of records) {
    runs++;
    const fail = (message: string): void => {
      if (f.strict === true) throw new CliError(`${name}:${line}: ${message} (stopped: --strict)`);
      io.stderr(`mlco2: ${name}:${line}: ${message}; row skipped\n`);
    };
    if (cells.length !== header.length) {
      fail(`${cells.length} fields where the header has ${header.length}`);
      continue;
    }
    const run = readRun(header, cells, line);
    if ("column" in run) {
      fail(`${run.column}: ${run.reason}`);
      continue;
    }
    const repriced = repriceRun(dataset, run, override);
    if ("code" in repriced) {
      fail(formatProblem(repriced));
      continue;
    }
    priced++;
    theirs += run.emissionsKg;
    ours += repriced.ours.emissionsKg;
    out +=
      format === "text" ? textBlock(repriced) : format === "csv" ? csvLine(repriced) : jsonLine(repriced);
  }
  if (f.output === undefined) io.stdout(out);
  else {
    try {
      writeFileSync(f.output, out);
    } catch (error) {
      const code = error instanceof Error && "code" in error ? String(error.code) : "failed";
      throw new CliError(`--output: cannot write "${f.output}" (${code})`);
    }
  }
  const skipped = runs - priced;
  io.stderr(
    `mlco2: total ${priced.toLocaleString("en-US")} of ${runs.toLocaleString("en-US")} runs re-priced${skipped > 0 ? `, ${skipped.toLocaleString("en-US")} skipped` : ""} (CodeCarbon ${version.versions} columns): CodeCarbon ${formatMassKg(theirs)} CO2eq, ours ${formatMassKg(ours)} CO2eq\n`,
  );
  return skipped > 0 ? 1 : 0;
};
