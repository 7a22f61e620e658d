import type { HardwareEntry, Source } from "../../data/types.ts";
import { indexOf, remember } from "../dataset-index.ts";
import { formatQuantity } from "../format-number.ts";
import { type PowerModel, powerAtUtilization, powerModelOf, shapeAtUtilization } from "../power-model.ts";
import type { ComponentEstimate, Dataset, EstimateInput, Factor, FactorKind } from "../types.ts";
import type { InstanceJob } from "./instance.ts";

/** A component's average power with its low/high band, all units together, watts. */
export interface PowerBand {
  readonly label: string;
  readonly component: ComponentEstimate["component"];
  readonly powerW: number;
  readonly lowW: number;
  readonly highW: number;
  readonly kind: FactorKind;
  /** The derivation term, e.g. "8 × 400 W". */
  readonly term: string;
}

/** A group of devices: its band, factors and warnings, and the per-device power. */
export interface DevicePart {
  readonly band: PowerBand;
  readonly factors: readonly Factor[];
  readonly warnings: readonly string[];
  readonly perDeviceW: number;
  /** `perDeviceW` as the derivation prints it. */
  readonly perDeviceText: string;
}

/** A host part (CPU or memory): its band, factors and warnings. */
export interface HostPart {
  readonly band: PowerBand;
  readonly factors: readonly Factor[];
  readonly warnings: readonly string[];
}

const sourceOf = (dataset: Dataset, id: string): Source | null => dataset.sources.get(id) ?? null;

/** Power band of a modelled device group at a given or default utilization. */
export const modelledBand = (
  dataset: Dataset,
  model: PowerModel,
  units: number,
  utilization: number | undefined,
): { powerW: number; lowW: number; highW: number } => {
  const { defaults } = dataset;
  if (utilization === undefined) {
    const u = defaults.defaultUtilization.value;
    return {
      powerW: units * powerAtUtilization(model, u),
      lowW: units * powerAtUtilization(model, defaults.lowUtilization.value),
      highW: units * powerAtUtilization(model, u),
    };
  }
  const powerW = units * powerAtUtilization(model, utilization);
  if (model.idleKind === "published" || utilization === 1) return { powerW, lowW: powerW, highW: powerW };
  const band = defaults.estimatedIdleBand.value;
  const low = { ...model, idleW: model.idleW * (1 - band) };
  const high = { ...model, idleW: Math.min(model.maxW, model.idleW * (1 + band)) };
  const a = units * powerAtUtilization(low, utilization);
  const b = units * powerAtUtilization(high, utilization);
  return { powerW, lowW: Math.min(a, b), highW: Math.max(a, b) };
};

/** Kind of a TDP: the catalog's (published unless estimated from a comparable part), or the user's. */
const tdpKindOf = (entry: HardwareEntry, byUser: boolean): FactorKind =>
  byUser ? "user" : entry.tdpKind === "estimated" ? "estimated" : "published";

/**
 * Kind of a modelled power: the default without a utilization; at full load, or with a published idle
 * power, the TDP's own kind; else estimated (the idle power is).
 */
export const modelledKind = (
  model: PowerModel,
  utilization: number | undefined,
  tdpKind: FactorKind,
): FactorKind =>
  utilization === undefined
    ? "default"
    : utilization === 1 || model.idleKind === "published"
      ? tdpKind
      : "estimated";

const percent = (share: number): string => `${formatQuantity(share * 100)} %`;

/** How an estimated idle power was found, for notes and warnings. */
const idleEstimateText = (dataset: Dataset, entry: HardwareEntry): string => {
  const curve = entry.powerCurve;
  if (curve !== undefined)
    return `${curve.idleFraction} × TDP, the idle share of the fitted ${curve.id} load curve`;
  return `${dataset.defaults.idleFractionByKind[entry.kind].value} × TDP`;
};

const idleFactor = (dataset: Dataset, entry: HardwareEntry, model: PowerModel, role: string): Factor => {
  const name = `${role} idle power (${entry.name})`;
  if (model.idleKind === "published") {
    const source = sourceOf(dataset, entry.idleSource ?? entry.source);
    return { name, value: model.idleW, unit: "W", kind: "published", source, year: source?.year ?? null };
  }
  const curve = entry.powerCurve;
  if (curve !== undefined) {
    return {
      name,
      value: model.idleW,
      unit: "W",
      kind: "estimated",
      source: sourceOf(dataset, curve.source),
      year: curve.year,
      note: `${idleEstimateText(dataset, entry)}; no published idle power`,
    };
  }
  const fraction = dataset.defaults.idleFractionByKind[entry.kind];
  return {
    name,
    value: model.idleW,
    unit: "W",
    kind: "estimated",
    source: sourceOf(dataset, fraction.source),
    year: fraction.year,
    note: `${fraction.value} × TDP; no published idle power`,
  };
};

/** The load curve a CPU's power follows, as a factor: the share of its idle-to-TDP range at the utilization. */
const curveFactor = (
  dataset: Dataset,
  entry: HardwareEntry,
  model: PowerModel,
  utilization: number | undefined,
  role: string,
): Factor | null => {
  const curve = entry.powerCurve;
  if (curve === undefined || model.shape === undefined || utilization === 1) return null;
  const at = utilization ?? dataset.defaults.lowUtilization.value;
  const share = shapeAtUtilization(model.shape, at);
  const where =
    utilization === undefined
      ? `the range's low end, ${percent(at)} utilization`
      : `${percent(at)} utilization`;
  return {
    name: `${role} load curve (${curve.id})`,
    value: share,
    unit: "share",
    kind: "estimated",
    source: sourceOf(dataset, curve.source),
    year: curve.year,
    note: `share of the idle-to-TDP range drawn at ${where}${curve.note === undefined ? "" : `; ${curve.note}`}`,
  };
};

const utilizationFactor = (dataset: Dataset, utilization: number | undefined, role: string): Factor => {
  const { defaults } = dataset;
  if (utilization !== undefined) {
    return {
      name: `${role} utilization`,
      value: utilization,
      unit: "share",
      kind: "user",
      source: null,
      year: null,
    };
  }
  return {
    name: `${role} utilization`,
    value: defaults.defaultUtilization.value,
    unit: "share",
    kind: "default",
    source: sourceOf(dataset, defaults.defaultUtilization.source),
    year: defaults.defaultUtilization.year,
    note: `not given; range uses ${defaults.lowUtilization.value}–${defaults.defaultUtilization.value}`,
  };
};

/**
 * Factors describing a modelled device's power: TDP (its kind from `tdpKind`, or user-given), idle
 * power (below full load), the load curve (CPUs with one, below full load or for the default's range),
 * utilization.
 */
export const modelFactors = (
  dataset: Dataset,
  entry: HardwareEntry,
  model: PowerModel,
  utilization: number | undefined,
  role: string,
  tdpByUser = false,
): Factor[] => {
  const source = tdpByUser ? null : sourceOf(dataset, entry.source);
  const tdpKind = tdpKindOf(entry, tdpByUser);
  const factors: Factor[] = [
    tdpByUser
      ? { name: `${role} TDP`, value: entry.tdpW, unit: "W", kind: tdpKind, source: null, year: null }
      : {
          name: `${role} TDP (${entry.name})`,
          value: entry.tdpW,
          unit: "W",
          kind: tdpKind,
          source,
          year: source?.year ?? null,
          ...(tdpKind === "estimated"
            ? { note: "not published: estimated from a comparable part (mlco2 hardware shows which)" }
            : {}),
        },
  ];
  if (utilization !== undefined && utilization < 1) factors.push(idleFactor(dataset, entry, model, role));
  const curve = curveFactor(dataset, entry, model, utilization, role);
  if (curve !== null) factors.push(curve);
  factors.push(utilizationFactor(dataset, utilization, role));
  return factors;
};

/** Warnings of a modelled device: utilization assumed, idle power estimated. */
const modelWarnings = (
  dataset: Dataset,
  entry: HardwareEntry,
  model: PowerModel,
  utilization: number | undefined,
  role: "device" | "CPU",
  name: string,
): string[] => {
  const { defaults } = dataset;
  if (utilization === undefined) {
    const lead = role === "CPU" ? "CPU utilization not given" : "Utilization not given";
    return [
      `${lead}: ${name} assumed at ${defaults.defaultUtilization.value * 100} % (TDP ${formatQuantity(entry.tdpW)} W); the range starts at ${defaults.lowUtilization.value * 100} %.`,
    ];
  }
  if (model.idleKind === "estimated" && utilization < 1)
    return [
      `No published idle power for ${name}: idle estimated as ${entry.powerCurve === undefined ? "a share of TDP" : idleEstimateText(dataset, entry)}.`,
    ];
  return [];
};

/** Power of one catalog device at a utilization, with its factors and warnings (memoised: immutable). */
const devicePerUnit = (dataset: Dataset, device: HardwareEntry, utilization: number | undefined) => {
  const model = powerModelOf(device, dataset.defaults.idleFractionByKind);
  const band = modelledBand(dataset, model, 1, utilization);
  return {
    ...band,
    powerText: formatQuantity(band.powerW),
    kind: modelledKind(model, utilization, tdpKindOf(device, false)),
    factors: modelFactors(dataset, device, model, utilization, "device"),
    warnings: modelWarnings(dataset, device, model, utilization, "device", device.name),
  };
};

const memoisedPerUnit = (dataset: Dataset, device: HardwareEntry, utilization: number | undefined) =>
  remember(indexOf(dataset).memos.device, device, utilization, () =>
    devicePerUnit(dataset, device, utilization),
  );

/**
 * Average power of one catalog device and its low/high band at a utilization (undefined: the default),
 * exactly as `estimate` uses them.
 *
 * @example
 * devicePowerBand(dataset, entry, undefined) // { powerW: 400, lowW: 223, highW: 400 } for an A100 SXM4
 */
export const devicePowerBand = (
  dataset: Dataset,
  device: HardwareEntry,
  utilization: number | undefined,
): { readonly powerW: number; readonly lowW: number; readonly highW: number } =>
  memoisedPerUnit(dataset, device, utilization);

const givenWattsPart = (input: EstimateInput, name: string, count: number, watts: number): DevicePart => {
  const kind: FactorKind = input.wattsKind === "measured" ? "measured" : "user";
  const powerW = count * watts;
  return {
    band: {
      label: `${count} × ${name}`,
      component: "devices",
      powerW,
      lowW: powerW,
      highW: powerW,
      kind,
      term: `${count} × ${formatQuantity(watts)} W`,
    },
    factors: [
      {
        name: `device power (${name})`,
        value: watts,
        unit: "W",
        kind,
        source: null,
        year: null,
        note: "average per device",
      },
    ],
    warnings: [],
    perDeviceW: watts,
    perDeviceText: formatQuantity(watts),
  };
};

/**
 * Stage 4a: the devices' power band: the given watts, else the catalog device's model at the
 * utilization (`entry` is defined when no watts were given: checked by the hardware stage).
 */
export const devicePart = (
  dataset: Dataset,
  input: EstimateInput,
  entry: HardwareEntry | undefined,
  count: number,
): DevicePart => {
  const name = entry?.name ?? "device";
  if (input.watts !== undefined) return givenWattsPart(input, name, count, input.watts);
  const perUnit = memoisedPerUnit(dataset, entry as HardwareEntry, input.utilization);
  return {
    band: {
      label: `${count} × ${name}`,
      component: "devices",
      powerW: perUnit.powerW * count,
      lowW: perUnit.lowW * count,
      highW: perUnit.highW * count,
      kind: perUnit.kind,
      term: `${count} × ${perUnit.powerText} W`,
    },
    factors: perUnit.factors,
    warnings: perUnit.warnings,
    perDeviceW: perUnit.powerW,
    perDeviceText: perUnit.powerText,
  };
};

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

/** Stage 4c: the host memory's power band, or null when no memory was given. */
export const memoryPart = (dataset: Dataset, memoryGB: number | undefined): HostPart | null => {
  if (memoryGB === undefined) return null;
  const perGB = dataset.defaults.memoryWPerGB;
  const powerW = memoryGB * perGB.value;
  return {
    band: {
      label: `${formatQuantity(memoryGB)} GB memory`,
      component: "memory",
      powerW,
      lowW: powerW,
      highW: powerW,
      kind: "estimated",
      term: `${formatQuantity(memoryGB)} GB × ${perGB.value} W/GB`,
    },
    factors: [
      {
        name: "memory power per GB",
        value: perGB.value,
        unit: "W/GB",
        kind: "estimated",
        source: sourceOf(dataset, perGB.source),
        year: perGB.year,
      },
    ],
    warnings: [],
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
