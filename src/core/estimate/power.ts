import type { HardwareEntry, Source } from "../../data/types.ts";
import { indexOf, remember } from "../dataset-index.ts";
import { formatQuantity } from "../format-number.ts";
import { type PowerModel, powerAtUtilization, powerModelOf } from "../power-model.ts";
import type { ComponentEstimate, Dataset, EstimateInput, Factor, FactorKind } from "../types.ts";

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

const idleFactor = (dataset: Dataset, entry: HardwareEntry, model: PowerModel, role: string): Factor => {
  if (model.idleKind === "published") {
    const source = sourceOf(dataset, entry.idleSource ?? entry.source);
    return {
      name: `${role} idle power (${entry.name})`,
      value: model.idleW,
      unit: "W",
      kind: "published",
      source,
      year: source?.year ?? null,
    };
  }
  const fraction = dataset.defaults.idleFractionByKind[entry.kind];
  return {
    name: `${role} idle power (${entry.name})`,
    value: model.idleW,
    unit: "W",
    kind: "estimated",
    source: sourceOf(dataset, fraction.source),
    year: fraction.year,
    note: `${fraction.value} × TDP; no published idle power`,
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

/** Factors describing a modelled device's power: TDP, idle power (below full load), utilization. */
export const modelFactors = (
  dataset: Dataset,
  entry: HardwareEntry,
  model: PowerModel,
  utilization: number | undefined,
  role: string,
): Factor[] => {
  const source = sourceOf(dataset, entry.source);
  const factors: Factor[] = [
    {
      name: `${role} TDP (${entry.name})`,
      value: entry.tdpW,
      unit: "W",
      kind: "published",
      source,
      year: source?.year ?? null,
    },
  ];
  if (utilization !== undefined && utilization < 1) factors.push(idleFactor(dataset, entry, model, role));
  factors.push(utilizationFactor(dataset, utilization, role));
  return factors;
};

/** Power of one catalog device at a utilization, with its factors and warnings (memoised: immutable). */
const devicePerUnit = (dataset: Dataset, device: HardwareEntry, utilization: number | undefined) => {
  const model = powerModelOf(device, dataset.defaults.idleFractionByKind);
  const band = modelledBand(dataset, model, 1, utilization);
  const { defaults } = dataset;
  const warnings: string[] = [];
  if (utilization === undefined) {
    warnings.push(
      `Utilization not given: ${device.name} assumed at ${defaults.defaultUtilization.value * 100} % (TDP ${device.tdpW} W); the range starts at ${defaults.lowUtilization.value * 100} %.`,
    );
  } else if (model.idleKind === "estimated" && utilization < 1) {
    warnings.push(`No published idle power for ${device.name}: idle estimated as a share of TDP.`);
  }
  const kind: FactorKind =
    utilization === undefined ? "default" : model.idleKind === "published" ? "published" : "estimated";
  return {
    ...band,
    powerText: formatQuantity(band.powerW),
    kind,
    factors: modelFactors(dataset, device, model, utilization, "device"),
    warnings,
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

/** Stage 4b: the host CPUs' power band, or null when no CPU was given. */
export const cpuPart = (
  dataset: Dataset,
  input: EstimateInput,
  entry: HardwareEntry | null,
): HostPart | null => {
  if (input.cpu === undefined) return null;
  const count = input.cpuCount ?? 1;
  const utilization = input.cpuUtilization;
  const device = entry ?? cpuByTdp(typeof input.cpu === "object" ? input.cpu.tdpW : 0);
  const model = powerModelOf(device, dataset.defaults.idleFractionByKind);
  const band = modelledBand(dataset, model, count, utilization);
  const factors =
    entry === null
      ? [
          { name: "CPU TDP", value: device.tdpW, unit: "W", kind: "user" as const, source: null, year: null },
          ...modelFactors(dataset, device, model, utilization, "CPU").slice(1),
        ]
      : modelFactors(dataset, entry, model, utilization, "CPU");
  const warnings =
    utilization === undefined
      ? [`CPU utilization not given: ${dataset.defaults.defaultUtilization.value * 100} % assumed.`]
      : [];
  return {
    band: {
      label: `${count} × ${device.name}`,
      component: "cpu",
      ...band,
      kind: utilization === undefined ? "default" : entry === null ? "user" : "estimated",
      term: `${count} × ${formatQuantity(band.powerW / count)} W CPU`,
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
      label: `${memoryGB} GB memory`,
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
 * Stage 4a of a CPU-only job (a CPU and neither hardware nor watts): its CPUs are the devices, with the
 * CPU's power band (see {@link cpuPart}); `cpuCount` counts them.
 */
export const cpuDevicePart = (
  dataset: Dataset,
  input: EstimateInput,
  entry: HardwareEntry | null,
): DevicePart => {
  const part = cpuPart(dataset, input, entry) as HostPart;
  const perDeviceW = part.band.powerW / (input.cpuCount ?? 1);
  return {
    band: part.band,
    factors: part.factors,
    warnings: part.warnings,
    perDeviceW,
    perDeviceText: formatQuantity(perDeviceW),
  };
};
