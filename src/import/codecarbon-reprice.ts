// Re-prices a CodeCarbon run with this dataset: the same machine (its GPUs, CPU and memory as the row
// names them), the same duration and place, through the engine; and names what CodeCarbon assumed.
// CodeCarbon's rules, as read in its source (docs/hpc.md, "CodeCarbon's figures"): it geolocates by IP
// and falls back to Canada/Quebec; it applies PUE 1 unless told; it models RAM (3 W per 8 GB in 2.x,
// about 5 W per DIMM with a 10 W floor in 3.x); without RAPL it takes half the CPU's TDP, and 85 W as
// the TDP of a CPU it does not know; a GPU NVML cannot read counts 0 W.
import { findHardware } from "../core/dataset-index.ts";
import type { Problem } from "../core/errors.ts";
import { tryEstimateWith } from "../core/estimate.ts";
import { formatQuantity } from "../core/format-number.ts";
import type { Dataset, EstimateInput, EstimateResult } from "../core/types.ts";
import type { CodecarbonRun } from "./codecarbon-run.ts";

/** Location flags that replace every row's location. */
export interface LocationOverride {
  readonly region?: string;
  readonly country?: string;
  readonly zone?: string;
  readonly intensity?: number;
  readonly year?: number;
  readonly pue?: number;
}

/** A re-priced run: our estimate, the engine input it came from, and what differs. */
export interface Repriced {
  readonly run: CodecarbonRun;
  readonly input: EstimateInput;
  readonly ours: EstimateResult;
  /** CodeCarbon's intensity: its emissions ÷ its energy, g/kWh (NaN when its energy is 0). */
  readonly theirIntensity: number;
  /** What differs, one short sentence each. */
  readonly differences: readonly string[];
}

/** CodeCarbon's fallback CPU power: 85 W TDP × 50 % (constant mode, CPU unknown). */
const FALLBACK_CPU_W = 42.5;

/** "4 x NVIDIA A100-SXM4-80GB" → name and count (CodeCarbon's gpu_model). */
const gpuOf = (model: string, count: number): { name: string; count: number } | null => {
  const parts = model
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length !== 1) return null;
  const m = /^(\d+)\s*x\s*(.+)$/.exec(parts[0] as string);
  return m === null ? { name: parts[0] as string, count } : { name: m[2] as string, count: Number(m[1]) };
};

const w = (x: number) => `${formatQuantity(x)} W`;

/** The most one device may draw in the engine: a larger measured power is spread over more devices. */
const MAX_DEVICE_W = 10_000;

/**
 * A 0.x/1.x row names no machine: CodeCarbon's measured energy (its PUE taken out) as the power of one
 * device over the run, so that only the place and the PUE are re-priced.
 */
const measuredEnergyOf = (run: CodecarbonRun, notes: string[]): Record<string, unknown> | Problem => {
  const hours = run.durationS / 3600;
  const powerW = (run.energyKWh * 1000) / run.pue / hours;
  if (!(hours > 0) || !(powerW > 0))
    return {
      code: "out-of-range",
      path: hours > 0 ? "energy_consumed" : "duration",
      message: `${hours > 0 ? run.energyKWh : run.durationS} is not allowed; a file without hardware columns is re-priced from its measured energy, which needs a duration and an energy above 0`,
    };
  const count = Math.ceil(powerW / MAX_DEVICE_W);
  notes.push(
    "no hardware columns (CodeCarbon 0.x/1.x): its measured energy is kept; only the place and the PUE are re-priced",
  );
  return { hours, watts: powerW / count, wattsKind: "measured", count };
};

/** The GPUs, CPU and memory a row names, as engine input; the problem when it cannot say what ran. */
const machineOf = (
  dataset: Dataset,
  run: CodecarbonRun,
  notes: string[],
): Record<string, unknown> | Problem => {
  const hours = run.durationS / 3600;
  const parts: Record<string, unknown> = { hours };
  const gpuCount = Number.isFinite(run.gpuCount) ? run.gpuCount : 0;
  if (gpuCount > 0) {
    const gpu = gpuOf(run.gpuModel, gpuCount);
    const entry = gpu === null ? undefined : findHardware(dataset, gpu.name);
    if (gpu !== null && entry !== undefined) {
      parts.hardware = entry.name;
      parts.count = gpu.count;
      if (run.gpuUtilizationPercent > 0) parts.utilization = Math.min(1, run.gpuUtilizationPercent / 100);
    } else if (run.gpuEnergyKWh > 0 && hours > 0) {
      parts.watts = (run.gpuEnergyKWh * 1000) / run.pue / hours / gpuCount;
      parts.wattsKind = "measured";
      parts.count = gpuCount;
      notes.push(`GPU "${run.gpuModel}" is not in the catalog: CodeCarbon's measured GPU energy is kept`);
    } else
      return {
        code: "unknown-hardware",
        path: "gpu_model",
        message: `"${run.gpuModel}" is not in the catalog and CodeCarbon read no GPU energy; nothing to price the GPUs with`,
      };
  }
  const cpu = run.cpuModel === "" ? undefined : findHardware(dataset, run.cpuModel);
  if (cpu !== undefined && (cpu.kind === "cpu" || cpu.kind === "soc")) {
    parts.cpu = cpu.name;
    const perPackage = cpu.threads ?? cpu.cores;
    parts.cpuCount =
      perPackage !== undefined && run.cpuCount > 0 ? Math.max(1, Math.round(run.cpuCount / perPackage)) : 1;
  } else if (run.cpuCount > 0) {
    const perThread = dataset.defaults.unknownCpuWPerThread.max.value;
    parts.cpu = { tdpW: perThread * run.cpuCount };
    notes.push(
      `CPU "${run.cpuModel}" is not in the catalog: ours takes ${w(perThread)} per thread (CCF) × ${run.cpuCount}`,
    );
  } else return { code: "required", path: "cpu_model", message: "names no CPU we know and no cpu_count" };
  if (run.cpuUtilizationPercent > 0) parts.cpuUtilization = Math.min(1, run.cpuUtilizationPercent / 100);
  if (run.ramTotalGB > 0) parts.memoryGB = run.ramTotalGB;
  return parts;
};

/** The engine input for a run; the problem when the row cannot say what ran or where. */
const inputOf = (
  dataset: Dataset,
  run: CodecarbonRun,
  override: LocationOverride,
  notes: string[],
): EstimateInput | Problem => {
  const parts = run.hardwareNamed ? machineOf(dataset, run, notes) : measuredEnergyOf(run, notes);
  if ("code" in parts) return parts as Problem;
  const located =
    override.region !== undefined ||
    override.country !== undefined ||
    override.zone !== undefined ||
    override.intensity !== undefined;
  if (located) Object.assign(parts, override);
  else {
    if (run.onCloud && run.cloudProvider !== "" && run.cloudRegion !== "")
      parts.region = `${run.cloudProvider}:${run.cloudRegion}`;
    else if (run.countryIso3 !== "") parts.country = run.countryIso3;
    else
      return {
        code: "required",
        path: "country_iso_code",
        message: "is empty: give the location with --country, --region or --zone",
      };
    if (override.year !== undefined) parts.year = override.year;
  }
  if (override.pue !== undefined) parts.pue = override.pue;
  else if (run.pue > 1) parts.pue = run.pue;
  return parts as EstimateInput;
};

/** What CodeCarbon assumed that we price differently. */
const differencesOf = (
  run: CodecarbonRun,
  ours: EstimateResult,
  override: LocationOverride,
  notes: string[],
): string[] => {
  const out: string[] = [];
  if (run.countryIso3 === "CAN" && run.region.toLowerCase() === "quebec")
    out.push(
      override.country === undefined &&
        override.region === undefined &&
        override.zone === undefined &&
        override.intensity === undefined
        ? "location Canada/Quebec: CodeCarbon's default when it cannot geolocate; if the run was elsewhere, give --country"
        : "location Canada/Quebec (CodeCarbon's default when it cannot geolocate) replaced by the flags",
    );
  if (run.pue === 1 && ours.pue !== 1) out.push(`PUE: CodeCarbon 1 (its default), ours ${ours.pue}`);
  else if (run.pue === 1) out.push("PUE: CodeCarbon 1 (its default); ours 1 too");
  if (run.gpuCount > 0 && !(run.gpuEnergyKWh > 0))
    out.push(`GPU: CodeCarbon read 0 W for ${run.gpuCount} GPU(s) (NVML unavailable); ours models them`);
  if (Math.abs(run.cpuPowerW - FALLBACK_CPU_W) < 0.05)
    out.push("CPU: CodeCarbon's fallback 42.5 W (85 W TDP × 50 %, CPU not recognised, no RAPL)");
  if (!run.hardwareNamed) return [...out, ...notes];
  const ourRam = ours.components.find((c) => c.component === "memory");
  if (
    Number.isFinite(run.ramPowerW) &&
    ourRam !== undefined &&
    Math.abs(run.ramPowerW - ourRam.powerW) > 0.01 * ourRam.powerW
  )
    out.push(
      `RAM: CodeCarbon ${w(run.ramPowerW)} (its RAM model: 3 W per 8 GB in 2.x, per-DIMM with a 10 W floor in 3.x), ours ${w(ourRam.powerW)} (0.3725 W/GB)`,
    );
  return [...out, ...notes];
};

/** Re-prices a run; the problem (path: the CodeCarbon column) when it cannot be. */
export const repriceRun = (
  dataset: Dataset,
  run: CodecarbonRun,
  override: LocationOverride,
): Repriced | Problem => {
  const notes: string[] = [];
  const input = inputOf(dataset, run, override, notes);
  if ("code" in input) return input;
  const outcome = tryEstimateWith(dataset, input);
  if (!outcome.ok) {
    const p = outcome.problems[0];
    const column: Record<string, string> = {
      hours: "duration",
      hardware: "gpu_model",
      cpu: "cpu_model",
      country: "country_iso_code",
      region: "cloud_region",
      memoryGB: "ram_total_size",
      watts: "energy_consumed",
    };
    return { ...p, path: column[p.path] ?? p.path };
  }
  return {
    run,
    input,
    ours: outcome.value,
    theirIntensity: run.energyKWh > 0 ? (run.emissionsKg * 1000) / run.energyKWh : Number.NaN,
    differences: differencesOf(run, outcome.value, override, notes),
  };
};
