import { appendFileSync, statSync } from "node:fs";

/** CodeCarbon's emissions.csv columns, in its order (energy kWh, emissions kg, power W). */
export const CODECARBON_COLUMNS = [
  "timestamp",
  "project_name",
  "run_id",
  "experiment_id",
  "duration",
  "emissions",
  "emissions_rate",
  "cpu_power",
  "gpu_power",
  "ram_power",
  "cpu_energy",
  "gpu_energy",
  "ram_energy",
  "energy_consumed",
  "water_consumed",
  "country_name",
  "country_iso_code",
  "region",
  "cloud_provider",
  "cloud_region",
  "os",
  "python_version",
  "codecarbon_version",
  "cpu_count",
  "cpu_model",
  "gpu_count",
  "gpu_model",
  "longitude",
  "latitude",
  "ram_total_size",
  "tracking_mode",
  "cpu_utilization_percent",
  "gpu_utilization_percent",
  "ram_utilization_percent",
  "ram_used_gb",
  "on_cloud",
  "pue",
  "wue",
] as const;

/** One CodeCarbon row; missing columns are written empty. */
export type CodecarbonRow = Partial<Record<(typeof CODECARBON_COLUMNS)[number], string | number | null>>;

const cell = (value: string | number | null | undefined): string => {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The CSV text of rows, with the header when asked. */
export const codecarbonCsv = (rows: readonly CodecarbonRow[], header: boolean): string => {
  const lines = rows.map((row) => CODECARBON_COLUMNS.map((c) => cell(row[c])).join(","));
  return `${[...(header ? [CODECARBON_COLUMNS.join(",")] : []), ...lines].join("\n")}\n`;
};

/** Appends a row like CodeCarbon does (one row per run; the header when the file is new or empty). */
export const appendCodecarbonRow = (path: string, row: CodecarbonRow): void => {
  let empty = true;
  try {
    empty = statSync(path).size === 0;
  } catch {
    empty = true;
  }
  appendFileSync(path, codecarbonCsv([row], empty));
};
