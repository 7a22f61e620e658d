import type { HardwareEntry, Source } from "../../data/types.ts";
import { indexOf, remember } from "../dataset-index.ts";
import { formatQuantity } from "../format-number.ts";
import { type PowerModel, powerAtUtilization, powerModelOf, shapeAtUtilization } from "../power-model.ts";
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

export const sourceOf = (dataset: Dataset, id: string): Source | null => dataset.sources.get(id) ?? null;

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
export const tdpKindOf = (entry: HardwareEntry, byUser: boolean): FactorKind =>
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

export const utilizationFactor = (
  dataset: Dataset,
  utilization: number | undefined,
  role: string,
): Factor => {
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
export const modelWarnings = (
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
