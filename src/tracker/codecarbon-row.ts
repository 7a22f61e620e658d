import type { Dataset, EstimateResult } from "../core/types.ts";
import { joulesToKWh } from "../core/units.ts";
import type { CodecarbonRow } from "./log-csv.ts";
import type { SamplerTotals } from "./sampler.ts";
import type { HostInfo } from "./sensors/host.ts";
import type { TrackLocation } from "./summary.ts";

/** What a CodeCarbon row is made from. */
export interface RowInput {
  /** The tracker's result. */
  readonly result: EstimateResult;
  /** Run id. */
  readonly runId: string;
  /** When the run ended. */
  readonly endedAt: Date;
  /** Seconds tracked. */
  readonly durationS: number;
  /** Project name. */
  readonly project: string;
  /** Host facts. */
  readonly host: HostInfo;
  /** Sampler totals (per component energy and utilization). */
  readonly totals: SamplerTotals;
  /** Location flags. */
  readonly location: TrackLocation;
  /** Dataset (country names and codes). */
  readonly dataset: Dataset;
}

/**
 * The model in a GPU reading's label: "GPU 0 NVIDIA A100-SXM4-80GB (75 % of it, …)" → "NVIDIA
 * A100-SXM4-80GB"; the AMD sensor knows no model ("AMD GPU 1" → "AMD GPU").
 */
const gpuModelOf = (label: string): string => {
  const bare = label.replace(/ \(.*\)$/, "");
  if (/^AMD GPU \S+$/.test(bare)) return "AMD GPU";
  return bare.replace(/^GPU \S+ ?/, "") || "GPU";
};

/** CodeCarbon's gpu_model: "2 x NVIDIA A100-SXM4-80GB, 1 x NVIDIA T4", counted by model. */
const gpuModelsOf = (labels: readonly string[]): string => {
  const counts = new Map<string, number>();
  for (const label of labels) {
    const model = gpuModelOf(label);
    counts.set(model, (counts.get(model) ?? 0) + 1);
  }
  return [...counts].map(([model, count]) => `${count} x ${model}`).join(", ");
};

/**
 * One CodeCarbon-compatible row: energies are IT energy in kWh per component (`energy_consumed` their
 * sum), `emissions` is kg CO2eq including PUE (given in `pue`), powers are averages in W.
 */
export const codecarbonRowOf = (input: RowInput): CodecarbonRow => {
  const { result, totals, host } = input;
  const energyOf = (component: "cpu" | "gpu" | "memory") =>
    [...totals.components.values()]
      .filter((c) => c.component === component)
      .reduce((sum, c) => sum + joulesToKWh(c.energyJ), 0);
  const utilizationOf = (component: "cpu" | "gpu") => {
    const list = [...totals.components.values()].filter(
      (c) => c.component === component && c.utilizationCoveredS > 0,
    );
    return list.length === 0
      ? null
      : (list.reduce((sum, c) => sum + c.utilizationS / c.utilizationCoveredS, 0) / list.length) * 100;
  };
  const hours = Math.max(input.durationS, 1e-9) / 3600;
  const powerOf = (kWh: number) => (kWh * 1000) / hours;
  const gpus = [...totals.components.values()].filter((c) => c.component === "gpu");
  const loc = result.job.location;
  const alpha2 = loc.country;
  const alpha3 = alpha2 === undefined ? "" : (input.dataset.grid.alpha3ByAlpha2.get(alpha2) ?? "");
  const memory = result.components.find((c) => c.component === "memory" && c.kind === "estimated");
  const memoryUsedGB = memory === undefined ? null : memory.powerW;
  const perGB = input.dataset.defaults.memoryWPerGB.value;
  const cpuEnergy = energyOf("cpu");
  const gpuEnergy = energyOf("gpu");
  const ramEnergy = energyOf("memory");
  return {
    timestamp: input.endedAt.toISOString().replace(/\.\d+Z$/, ""),
    project_name: input.project,
    run_id: input.runId,
    experiment_id: "",
    duration: input.durationS,
    emissions: result.emissionsKg,
    emissions_rate: input.durationS > 0 ? result.emissionsKg / input.durationS : 0,
    cpu_power: powerOf(cpuEnergy),
    gpu_power: powerOf(gpuEnergy),
    ram_power: powerOf(ramEnergy),
    cpu_energy: cpuEnergy,
    gpu_energy: gpuEnergy,
    ram_energy: ramEnergy,
    energy_consumed: result.energyKWh,
    water_consumed: 0,
    country_name: alpha2 === undefined ? "" : (input.dataset.grid.countryNameByAlpha2.get(alpha2) ?? ""),
    country_iso_code: alpha3,
    region: loc.zone ?? "",
    cloud_provider: loc.provider ?? "",
    cloud_region: loc.region ?? "",
    os: `${process.platform}`,
    python_version: "",
    codecarbon_version: "",
    cpu_count: host.logicalCpus,
    cpu_model: host.cpuModel,
    gpu_count: gpus.length,
    gpu_model: gpuModelsOf(gpus.map((g) => g.label)),
    longitude: "",
    latitude: "",
    ram_total_size: host.memoryTotalGB,
    tracking_mode: "process",
    cpu_utilization_percent: utilizationOf("cpu"),
    gpu_utilization_percent: utilizationOf("gpu"),
    ram_utilization_percent:
      memoryUsedGB === null || host.memoryTotalGB <= 0
        ? null
        : (memoryUsedGB / perGB / host.memoryTotalGB) * 100,
    ram_used_gb: memoryUsedGB === null ? null : memoryUsedGB / perGB,
    on_cloud: loc.provider === undefined ? "N" : "Y",
    pue: result.pue,
    wue: 0,
  };
};
