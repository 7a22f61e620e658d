// What `mlco2 import codecarbon` prints per run: text blocks, CSV lines or JSON Lines.
import { OUTPUT_COLUMNS } from "../../batch/columns.ts";
import { formatCsvNumber } from "../../core/format-csv-number.ts";
import { formatMassKg, sig3 } from "../../core/format-number.ts";
import type { Repriced } from "../../import/index.ts";

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
  ...OUTPUT_COLUMNS,
  "ratio",
  "differences",
] as const;

const cell = (t: string): string => (/[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
const num = (n: number): string => (Number.isFinite(n) ? formatCsvNumber(n) : "");

const ratioOf = (r: Repriced): number =>
  r.run.emissionsKg > 0 ? r.ours.emissionsKg / r.run.emissionsKg : Number.NaN;

/** A run as a text block: both figures, our derivation and what differs. */
export const textBlock = (r: Repriced): string => {
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

/** A run as a CSV line of {@link IMPORT_COLUMNS}. */
export const csvLine = (r: Repriced): string =>
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

/** A run as one JSON line, with the engine input it was priced from. */
export const jsonLine = (r: Repriced): string =>
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
