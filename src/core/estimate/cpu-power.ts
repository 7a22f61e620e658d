// The host CPUs of a job: what they are (a catalog CPU, a TDP, or vCPUs of a part the catalog lacks),
// their power band, factors and warnings; and a CPU-only job's CPUs as its devices.
import type { HardwareEntry } from "../../data/types.ts";
import { formatQuantity } from "../format-number.ts";
import { powerModelOf } from "../power-model.ts";
import type { Dataset, EstimateInput, Factor } from "../types.ts";
import type { InstanceJob } from "./instance.ts";
import {
  type DevicePart,
  type HostPart,
  modelFactors,
  modelledBand,
  modelledKind,
  modelWarnings,
  sourceOf,
  tdpKindOf,
  utilizationFactor,
} from "./power.ts";

/** A CPU given by its TDP, as a catalog-shaped entry for the power model. */
const cpuByTdp = (tdpW: number): HardwareEntry => ({
  id: "cpu-by-tdp",
  name: "CPU",
  aliases: [],
  vendor: "",
  kind: "cpu",
  tdpW,
  source: "",
});

/** A host CPU as the power and embodied stages read it. */
export interface CpuSpec {
  /** The entry the power model reads: a catalog CPU, one made for a TDP, or one vCPU of a part not in the catalog. */
  readonly entry: HardwareEntry;
  /** How the CPU was given: a catalog name (or an instance's catalog CPU), a TDP, or vCPUs of an uncatalogued part. */
  readonly by: "catalog" | "tdp" | "vcpu";
  /** Units of `entry` counted: packages (fractional for a VM's share of one), or vCPUs. */
  readonly units: number;
  /** What they are, e.g. "2 × Intel Xeon Platinum 8275CL" or "2 vCPUs of Intel Xeon Platinum 8375C". */
  readonly label: string;
  /** Packages held, for embodied emissions (vCPUs of an uncatalogued part: their share of the host's). */
  readonly packages: number;
}

/** One vCPU of a part the catalog lacks, at Cloud Carbon Footprint's average watts per vCPU. */
const vcpuEntry = (dataset: Dataset, family: string): HardwareEntry => {
  const { idle, max } = dataset.defaults.unknownCpuWPerThread;
  return {
    id: "vcpu",
    name: family,
    aliases: [],
    vendor: "",
    kind: "cpu",
    tdpW: max.value,
    idleW: idle.value,
    source: max.source,
  };
};

/**
 * The host CPUs of a job: an instance's vCPUs (their share of its catalog CPU's packages, or vCPUs at
 * an average per-vCPU power when the catalog lacks the part), else `cpu` with `cpuCount`; null without.
 */
export const cpuSpecOf = (
  dataset: Dataset,
  input: EstimateInput,
  entry: HardwareEntry | null,
  instance: InstanceJob | null,
): CpuSpec | null => {
  if (instance !== null) {
    const vcpus = instance.type.vcpus * instance.count;
    if (instance.cpu !== null && instance.packages !== null) {
      const units = instance.packages * instance.count;
      const label = Number.isInteger(units)
        ? `${units} × ${instance.cpu.name}`
        : `${vcpus} vCPUs of ${instance.cpu.name}`;
      return { entry: instance.cpu, by: "catalog", units, label, packages: units };
    }
    const perServer = dataset.embodied.cpusPerServer.value;
    return {
      entry: vcpuEntry(dataset, instance.type.cpuFamily),
      by: "vcpu",
      units: vcpus,
      label: `${vcpus} vCPUs of ${instance.type.cpuFamily}`,
      packages: instance.hostVcpus > 0 ? (vcpus / instance.hostVcpus) * perServer : 0,
    };
  }
  if (input.cpu === undefined) return null;
  const count = input.cpuCount ?? 1;
  const device = entry ?? cpuByTdp(typeof input.cpu === "object" ? input.cpu.tdpW : 0);
  return {
    entry: device,
    by: entry === null ? "tdp" : "catalog",
    units: count,
    label: `${count} × ${device.name}`,
    packages: count,
  };
};

/** Factors and warnings of vCPUs of a part the catalog lacks (Cloud Carbon Footprint's per-vCPU watts). */
const vcpuFactors = (dataset: Dataset, cpu: CpuSpec, utilization: number | undefined) => {
  const { idle, max } = dataset.defaults.unknownCpuWPerThread;
  const sourced = (name: string, value: typeof idle): Factor => ({
    name,
    value: value.value,
    unit: "W",
    kind: "estimated",
    source: sourceOf(dataset, value.source),
    year: value.year,
    note: `${value.note === undefined ? "" : `${value.note}; `}${cpu.entry.name} is not in the catalog`,
  });
  const factors: Factor[] = [sourced("CPU power per vCPU at full load", max)];
  if (utilization !== undefined && utilization < 1) factors.push(sourced("CPU idle power per vCPU", idle));
  factors.push(utilizationFactor(dataset, utilization, "CPU"));
  const by = sourceOf(dataset, max.source)?.publisher;
  const warnings = [
    `${cpu.entry.name} is not in the catalog: its ${formatQuantity(cpu.units)} vCPUs are counted at the average ${idle.value}–${max.value} W per vCPU${by === undefined ? "" : ` of ${by}`}.`,
  ];
  if (utilization === undefined)
    warnings.push(
      `CPU utilization not given: ${dataset.defaults.defaultUtilization.value * 100} % assumed; the range starts at ${dataset.defaults.lowUtilization.value * 100} %.`,
    );
  return { factors, warnings };
};

/** Stage 4b: the host CPUs' power band, or null when no CPU was given. */
export const cpuPart = (
  dataset: Dataset,
  cpu: CpuSpec | null,
  utilization: number | undefined,
): HostPart | null => {
  if (cpu === null) return null;
  const { entry, units } = cpu;
  const model = powerModelOf(entry, dataset.defaults.idleFractionByKind);
  const band = modelledBand(dataset, model, units, utilization);
  const byVcpu = cpu.by === "vcpu";
  const { factors, warnings } = byVcpu
    ? vcpuFactors(dataset, cpu, utilization)
    : {
        factors: modelFactors(dataset, entry, model, utilization, "CPU", cpu.by === "tdp"),
        warnings: modelWarnings(
          dataset,
          entry,
          model,
          utilization,
          "CPU",
          cpu.by === "tdp" ? "the CPU" : entry.name,
        ),
      };
  const perUnit = formatQuantity(band.powerW / units);
  return {
    band: {
      label: cpu.label,
      component: "cpu",
      ...band,
      kind: byVcpu
        ? utilization === undefined
          ? "default"
          : "estimated"
        : modelledKind(model, utilization, tdpKindOf(entry, cpu.by === "tdp")),
      term: byVcpu
        ? `${formatQuantity(units)} vCPUs × ${perUnit} W`
        : `${formatQuantity(units)} × ${perUnit} W CPU`,
    },
    factors,
    warnings,
  };
};

/**
 * Stage 4a of a CPU-only job (a CPU and neither hardware nor watts, or an instance without
 * accelerators): its CPUs are the devices, with the CPU's power band (see {@link cpuPart}); `count`
 * counts them (packages, or instances).
 */
export const cpuDevicePart = (
  dataset: Dataset,
  cpu: CpuSpec,
  utilization: number | undefined,
  count: number,
): DevicePart => {
  const part = cpuPart(dataset, cpu, utilization) as HostPart;
  const perDeviceW = part.band.powerW / count;
  return {
    band: part.band,
    factors: part.factors,
    warnings: part.warnings,
    perDeviceW,
    perDeviceText: formatQuantity(perDeviceW),
  };
};
