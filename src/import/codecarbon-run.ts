// One row of CodeCarbon's emissions.csv, read into numbers by column name (any release: a column the
// file lacks reads as empty).
import { namesHardware } from "./codecarbon-versions.ts";

/** A CodeCarbon run as its row says. NaN stands for an empty or absent number. */
export interface CodecarbonRun {
  readonly line: number;
  /** `run_id`; in 0.x/1.x files (no `run_id` column), `experiment_id`, which then held the run's UUID. */
  readonly runId: string;
  /** Whether the file names the machine (CPU/GPU columns); 0.x and 1.x files name only the place. */
  readonly hardwareNamed: boolean;
  readonly project: string;
  readonly timestamp: string;
  readonly durationS: number;
  /** kg CO2eq. */
  readonly emissionsKg: number;
  /** kWh, CodeCarbon's PUE included. */
  readonly energyKWh: number;
  readonly cpuEnergyKWh: number;
  readonly gpuEnergyKWh: number;
  readonly ramEnergyKWh: number;
  readonly cpuPowerW: number;
  readonly gpuPowerW: number;
  readonly ramPowerW: number;
  readonly countryIso3: string;
  readonly region: string;
  readonly onCloud: boolean;
  readonly cloudProvider: string;
  readonly cloudRegion: string;
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly gpuModel: string;
  readonly gpuCount: number;
  readonly ramTotalGB: number;
  /** The PUE CodeCarbon applied (1 when the column is absent: CodeCarbon's default). */
  readonly pue: number;
  readonly cpuUtilizationPercent: number;
  readonly gpuUtilizationPercent: number;
}

/** Numeric columns that must hold a number for a run to be re-priced. */
const REQUIRED_NUMBERS = ["duration", "emissions", "energy_consumed"] as const;

/** Reads a row; the column and reason when a required number is not one. */
export const readRun = (
  header: readonly string[],
  cells: readonly string[],
  line: number,
): CodecarbonRun | { readonly column: string; readonly reason: string } => {
  const at = new Map(header.map((h, i) => [h.trim(), i]));
  const text = (name: string): string => {
    const i = at.get(name);
    return i === undefined ? "" : (cells[i] ?? "").trim();
  };
  const num = (name: string): number => {
    const t = text(name);
    return t === "" ? Number.NaN : Number(t);
  };
  for (const name of REQUIRED_NUMBERS) {
    const value = num(name);
    if (!Number.isFinite(value) || value < 0)
      return { column: name, reason: `"${text(name)}" is not a number ≥ 0` };
  }
  const pue = num("pue");
  return {
    line,
    runId: at.has("run_id") ? text("run_id") : text("experiment_id"),
    hardwareNamed: namesHardware(header),
    project: text("project_name"),
    timestamp: text("timestamp"),
    durationS: num("duration"),
    emissionsKg: num("emissions"),
    energyKWh: num("energy_consumed"),
    cpuEnergyKWh: num("cpu_energy"),
    gpuEnergyKWh: num("gpu_energy"),
    ramEnergyKWh: num("ram_energy"),
    cpuPowerW: num("cpu_power"),
    gpuPowerW: num("gpu_power"),
    ramPowerW: num("ram_power"),
    countryIso3: text("country_iso_code"),
    region: text("region"),
    onCloud: text("on_cloud").toUpperCase() === "Y",
    cloudProvider: text("cloud_provider"),
    cloudRegion: text("cloud_region"),
    cpuModel: text("cpu_model"),
    cpuCount: num("cpu_count"),
    gpuModel: text("gpu_model"),
    gpuCount: num("gpu_count"),
    ramTotalGB: num("ram_total_size"),
    pue: Number.isFinite(pue) && pue >= 1 ? pue : 1,
    cpuUtilizationPercent: num("cpu_utilization_percent"),
    gpuUtilizationPercent: num("gpu_utilization_percent"),
  };
};

/** CSV records of a text (quotes, doubled quotes, CRLF), with the line each starts on. */
export const csvRecords = function* (text: string): Generator<{ cells: string[]; line: number }> {
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    for (; i < text.length; i++) {
      const c = text[i] as string;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else {
          if (c === "\n") line++;
          cell += c;
        }
      } else if (c === '"' && cell === "") quoted = true;
      else if (c === ",") {
        cells.push(cell);
        cell = "";
      } else if (c === "\n") {
        i++;
        line++;
        break;
      } else if (c !== "\r") cell += c;
    }
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === "")) yield { cells, line: start };
  }
};
