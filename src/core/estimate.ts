import type { HardwareEntry, Source } from "../data/types.ts";
import { cleanestRegionOf } from "./cleanest-region.ts";
import { findHardware, indexOf, remember } from "./dataset-index.ts";
import { equivalentsOf } from "./equivalents.ts";
import { Mlco2Error, type Outcome, type Problem } from "./errors.ts";
import { formatQuantity, formatRatio } from "./format-number.ts";
import { allowedText, type LimitedField, withinLimits } from "./input-limits.ts";
import { type PowerModel, powerAtUtilization, powerModelOf } from "./power-model.ts";
import { resolveLocation } from "./resolve-location.ts";
import { closestNames } from "./suggest.ts";
import type {
  ComponentEstimate,
  Dataset,
  EstimateInput,
  EstimateResult,
  Factor,
  FactorKind,
} from "./types.ts";
import { emissionsKgFrom, wattHoursToKWh } from "./units.ts";

/** A component's average power with its low/high band, all units together, watts. */
interface PowerBand {
  readonly label: string;
  readonly component: ComponentEstimate["component"];
  readonly powerW: number;
  readonly lowW: number;
  readonly highW: number;
  readonly kind: FactorKind;
  /** The derivation term, e.g. "8 × 400 W". */
  readonly term: string;
}

const outOfRange = (field: LimitedField, path: string, value: unknown): Problem => ({
  code: typeof value === "number" && !Number.isNaN(value) ? "out-of-range" : "not-a-number",
  path,
  message: `${path}: ${String(value)} is not allowed; use ${allowedText(field)}`,
});

/** Pushes a problem when a numeric input is present and out of its bounds. */
const checkNumber = (
  problems: Problem[],
  field: LimitedField,
  value: number | undefined,
  path: string = field,
): void => {
  if (value !== undefined && (typeof value !== "number" || !withinLimits(field, value))) {
    problems.push(outOfRange(field, path, value));
  }
};

/** Checks every numeric input against its bounds. */
const checkNumbers = (input: EstimateInput): Problem[] => {
  const problems: Problem[] = [];
  checkNumber(problems, "count", input.count);
  checkNumber(problems, "hours", input.hours);
  checkNumber(problems, "deviceHours", input.deviceHours);
  checkNumber(problems, "watts", input.watts);
  checkNumber(problems, "utilization", input.utilization);
  checkNumber(problems, "pue", input.pue);
  checkNumber(problems, "cpuCount", input.cpuCount);
  checkNumber(problems, "utilization", input.cpuUtilization, "cpuUtilization");
  checkNumber(problems, "memoryGB", input.memoryGB);
  if (typeof input.cpu === "object") checkNumber(problems, "cpuTdpW", input.cpu.tdpW, "cpu");
  if (input.year !== undefined && !Number.isInteger(input.year)) {
    problems.push({
      code: "not-a-number",
      path: "year",
      message: `year: ${String(input.year)} is not a year`,
    });
  }
  return problems;
};

const unknownHardware = (dataset: Dataset, path: "hardware" | "cpu", query: string): Problem => {
  const suggestions = closestNames(query, indexOf(dataset).hardwareNames, 8)
    .map((name) => findHardware(dataset, name)?.name ?? name)
    .filter((name, i, all) => all.indexOf(name) === i)
    .slice(0, 3);
  return {
    code: "unknown-hardware",
    path,
    message: `${path}: unknown hardware "${query}"${suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(", ")}?` : ""} (list the catalog with mlco2 hardware)`,
    suggestions,
  };
};

const sourceOf = (dataset: Dataset, id: string): Source | null => dataset.sources.get(id) ?? null;

/** Power band of a modelled device group at a given or default utilization. */
const modelledBand = (
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

/** Factors describing a modelled device's power. */
const modelFactors = (
  dataset: Dataset,
  entry: HardwareEntry,
  model: PowerModel,
  utilization: number | undefined,
  role: string,
): Factor[] => {
  const { defaults } = dataset;
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
  if (utilization !== undefined && utilization < 1) {
    factors.push(
      model.idleKind === "published"
        ? {
            name: `${role} idle power (${entry.name})`,
            value: model.idleW,
            unit: "W",
            kind: "published",
            source: sourceOf(dataset, entry.idleSource ?? entry.source),
            year: sourceOf(dataset, entry.idleSource ?? entry.source)?.year ?? null,
          }
        : {
            name: `${role} idle power (${entry.name})`,
            value: model.idleW,
            unit: "W",
            kind: "estimated",
            source: sourceOf(dataset, defaults.idleFractionByKind[entry.kind].source),
            year: defaults.idleFractionByKind[entry.kind].year,
            note: `${defaults.idleFractionByKind[entry.kind].value} × TDP; no published idle power`,
          },
    );
  }
  factors.push(
    utilization === undefined
      ? {
          name: `${role} utilization`,
          value: defaults.defaultUtilization.value,
          unit: "share",
          kind: "default",
          source: sourceOf(dataset, defaults.defaultUtilization.source),
          year: defaults.defaultUtilization.year,
          note: `not given; range uses ${defaults.lowUtilization.value}–${defaults.defaultUtilization.value}`,
        }
      : {
          name: `${role} utilization`,
          value: utilization,
          unit: "share",
          kind: "user",
          source: null,
          year: null,
        },
  );
  return factors;
};

type DevicePart = {
  band: PowerBand;
  factors: readonly Factor[];
  warnings: readonly string[];
  perDeviceW: number;
  /** `perDeviceW` as the derivation prints it. */
  perDeviceText: string;
};

const devicePart = (
  dataset: Dataset,
  input: EstimateInput,
  entry: HardwareEntry | undefined,
  count: number,
): DevicePart => {
  const name = entry?.name ?? "device";
  const label = `${count} × ${name}`;
  if (input.watts !== undefined) {
    const kind: FactorKind = input.wattsKind === "measured" ? "measured" : "user";
    const powerW = count * input.watts;
    return {
      band: {
        label,
        component: "devices",
        powerW,
        lowW: powerW,
        highW: powerW,
        kind,
        term: `${count} × ${formatQuantity(input.watts)} W`,
      },
      factors: [
        {
          name: `device power (${name})`,
          value: input.watts,
          unit: "W",
          kind,
          source: null,
          year: null,
          note: "average per device",
        },
      ],
      warnings: [],
      perDeviceW: input.watts,
      perDeviceText: formatQuantity(input.watts),
    };
  }
  // entry is defined here: validated by the caller.
  const device = entry as HardwareEntry;
  const perUnit = remember(indexOf(dataset).memos.device, device, input.utilization, () =>
    devicePerUnit(dataset, device, input.utilization),
  );
  return {
    band: {
      label,
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
  remember(indexOf(dataset).memos.device, device, utilization, () =>
    devicePerUnit(dataset, device, utilization),
  );

/** Power of one catalog device at a utilization, with its factors and warnings (memoised: immutable). */
const devicePerUnit = (dataset: Dataset, device: HardwareEntry, utilization: number | undefined) => {
  const model = powerModelOf(device, dataset.defaults.idleFractionByKind);
  const band = modelledBand(dataset, model, 1, utilization);
  const warnings: string[] = [];
  if (utilization === undefined) {
    warnings.push(
      `Utilization not given: ${device.name} assumed at ${dataset.defaults.defaultUtilization.value * 100} % (TDP ${device.tdpW} W); the range starts at ${dataset.defaults.lowUtilization.value * 100} %.`,
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

const cpuPart = (
  dataset: Dataset,
  input: EstimateInput,
  entry: HardwareEntry | null,
): { band: PowerBand; factors: Factor[]; warnings: string[] } | null => {
  if (input.cpu === undefined) return null;
  const count = input.cpuCount ?? 1;
  const utilization = input.cpuUtilization;
  const device = entry ?? {
    id: "cpu-by-tdp",
    name: "CPU",
    aliases: [],
    vendor: "",
    kind: "cpu" as const,
    tdpW: typeof input.cpu === "object" ? input.cpu.tdpW : 0,
    source: "",
  };
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

const memoryPart = (
  dataset: Dataset,
  memoryGB: number | undefined,
): { band: PowerBand; factor: Factor } | null => {
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
    factor: {
      name: "memory power per GB",
      value: perGB.value,
      unit: "W/GB",
      kind: "estimated",
      source: sourceOf(dataset, perGB.source),
      year: perGB.year,
    },
  };
};

/** Pushes every item of `from` onto `to` (an indexed loop: this runs on the hot path). */
const appendAll = <T>(to: T[], from: readonly T[]): void => {
  for (let i = 0; i < from.length; i++) to.push(from[i] as T);
};

/** The equivalence constants as factors (memoised: the same for every result). */
const equivalenceFactors = (dataset: Dataset): Factor[] => {
  const eq = dataset.defaults.equivalents;
  return (
    [
      ["car", eq.carKgPerKm, "kg CO2eq/km"],
      ["coal", eq.coalKgPerKg, "kg CO2/kg"],
      ["tree seedling (10 years)", eq.treeSeedlingKg, "kg CO2"],
      [`flight (${eq.flight.route})`, eq.flight, "kg CO2eq"],
    ] as const
  ).map(([name, value, unit]) => ({
    name: `equivalence: ${name}`,
    value: value.value,
    unit,
    kind: "published" as const,
    source: sourceOf(dataset, value.source),
    year: value.year,
  }));
};

/**
 * Estimates the energy and emissions of a job, returning problems as data instead of throwing.
 *
 * @example
 * const outcome = estimateOutcome(dataset, { hardware: "A100 SXM4 80GB", count: 8, hours: 100, region: "gcp:us-central1" });
 * if (outcome.ok) console.log(outcome.value.emissionsKg);
 */
export const estimateOutcome = (dataset: Dataset, input: EstimateInput): Outcome<EstimateResult> => {
  const problems = checkNumbers(input);
  if (problems.length > 0) return { ok: false, problems: problems as [Problem, ...Problem[]] };

  // What ran.
  let entry: HardwareEntry | undefined;
  if (input.hardware !== undefined) {
    entry = findHardware(dataset, input.hardware);
    if (entry === undefined)
      return { ok: false, problems: [unknownHardware(dataset, "hardware", input.hardware)] };
  } else if (input.watts === undefined) {
    return {
      ok: false,
      problems: [
        {
          code: "required",
          path: "hardware",
          message: "hardware: give a catalog hardware name or watts per device",
        },
      ],
    };
  }
  if (input.watts !== undefined && input.utilization !== undefined) {
    return {
      ok: false,
      problems: [
        {
          code: "conflict",
          path: "utilization",
          message: "utilization: cannot be combined with watts (watts is the average power already)",
        },
      ],
    };
  }
  let cpuEntry: HardwareEntry | null = null;
  if (typeof input.cpu === "string") {
    const found = findHardware(dataset, input.cpu);
    if (found === undefined) return { ok: false, problems: [unknownHardware(dataset, "cpu", input.cpu)] };
    if (found.kind !== "cpu" && found.kind !== "soc") {
      return {
        ok: false,
        problems: [
          {
            code: "wrong-kind",
            path: "cpu",
            message: `cpu: "${input.cpu}" is a ${found.kind}, not a CPU; allowed: a CPU from the catalog or a TDP in watts`,
          },
        ],
      };
    }
    cpuEntry = found;
  } else if (
    input.cpu === undefined &&
    (input.cpuCount !== undefined || input.cpuUtilization !== undefined)
  ) {
    return {
      ok: false,
      problems: [
        {
          code: "required",
          path: "cpu",
          message: "cpu: cpu count and utilization need a cpu (catalog name or TDP)",
        },
      ],
    };
  }

  // How long.
  const count = input.count ?? 1;
  if (input.hours !== undefined && input.deviceHours !== undefined) {
    return {
      ok: false,
      problems: [
        {
          code: "conflict",
          path: "deviceHours",
          message: "deviceHours: give hours or deviceHours, not both",
        },
      ],
    };
  }
  if (input.hours === undefined && input.deviceHours === undefined) {
    return {
      ok: false,
      problems: [
        {
          code: "required",
          path: "hours",
          message: "hours: give hours per device or deviceHours (a number above 0)",
        },
      ],
    };
  }
  const hours = input.hours ?? (input.deviceHours as number) / count;
  const deviceHours = input.deviceHours ?? hours * count;
  if (deviceHours > 500_000_000) {
    return {
      ok: false,
      problems: [
        {
          code: "out-of-range",
          path: "hours",
          message: `hours: ${count} devices × ${hours} h = ${deviceHours} device-hours is beyond 500000000; check count and hours`,
        },
      ],
    };
  }

  // Where.
  const located = resolveLocation(dataset, input);
  if (!located.ok) return { ok: false, problems: [located.problem] };
  const where = located.value;

  // Power.
  const devices = devicePart(dataset, input, entry, count);
  const cpu = cpuPart(dataset, input, cpuEntry);
  const memory = memoryPart(dataset, input.memoryGB);
  const bands: PowerBand[] = [devices.band];
  if (cpu !== null) bands.push(cpu.band);
  if (memory !== null) bands.push(memory.band);
  let powerW = 0;
  let lowW = 0;
  let highW = 0;
  for (const band of bands) {
    powerW += band.powerW;
    lowW += band.lowW;
    highW += band.highW;
  }

  // PUE: the user's, else the one the location implies (published or assumed, with its warning).
  const warnings: string[] = [];
  appendAll(warnings, devices.warnings);
  if (cpu !== null) appendAll(warnings, cpu.warnings);
  appendAll(warnings, where.warnings);
  const { defaults } = dataset;
  let pue: number;
  let pueLow: number;
  let pueHigh: number;
  let pueFactor: Factor;
  if (input.pue !== undefined) {
    pue = pueLow = pueHigh = input.pue;
    pueFactor = { name: "PUE", value: pue, unit: "", kind: "user", source: null, year: null };
  } else {
    const facility = where.facilityPue;
    pue = facility.value;
    pueLow = facility.low;
    pueHigh = facility.high;
    pueFactor = facility.factor;
    if (facility.warning !== null) warnings.push(facility.warning);
  }

  // Energy and emissions.
  const energyKWh = wattHoursToKWh(powerW, hours);
  const facilityEnergyKWh = energyKWh * pue;
  const intensity = where.intensityGPerKWh;
  const emissionsKg = emissionsKgFrom(facilityEnergyKWh, intensity);
  const range = {
    lowKg: emissionsKgFrom(wattHoursToKWh(lowW, hours) * pueLow, where.intensityLow),
    highKg: emissionsKgFrom(wattHoursToKWh(highW, hours) * pueHigh, where.intensityHigh),
  };

  // Market-based view.
  const match = where.region?.renewableMatch ?? where.provider?.renewableMatch;
  let marketBasedKg: number | null = null;
  const factors: Factor[] = [];
  appendAll(factors, devices.factors);
  if (cpu !== null) appendAll(factors, cpu.factors);
  if (memory !== null) factors.push(memory.factor);
  factors.push(pueFactor, where.intensityFactor);
  appendAll(factors, where.contextFactors);
  if (match !== undefined) {
    marketBasedKg = emissionsKg * (1 - match.value);
    factors.push({
      name: `${where.location.providerName} renewable matching`,
      value: match.value,
      unit: "share",
      kind: "published",
      source: sourceOf(dataset, match.source),
      year: match.year,
      note: "market-based view only; never subtracted from the location-based figure",
    });
  }

  // Alternatives.
  let cleanestInProvider: EstimateResult["alternatives"]["cleanestInProvider"] = null;
  if (where.provider !== null && where.year !== null) {
    const best = cleanestRegionOf(dataset, where.provider.id, where.year);
    if (best !== null) {
      cleanestInProvider = {
        region: `${best.region.provider}:${best.region.id}`,
        emissionsKg: emissionsKgFrom(energyKWh * best.pue, best.intensityGPerKWh),
        intensityGPerKWh: best.intensityGPerKWh,
        pue: best.pue,
      };
    }
  }

  // Equivalents.
  const equivalents = equivalentsOf(emissionsKg, defaults.equivalents);
  appendAll(
    factors,
    remember(indexOf(dataset).memos.constants, "equivalence", undefined, () => equivalenceFactors(dataset)),
  );

  const durationTerm =
    input.deviceHours !== undefined && input.hours === undefined && count > 1
      ? `${formatQuantity(deviceHours)} device-h`
      : `${formatQuantity(hours)} h`;
  let powerTerm: string;
  if (bands.length === 1) {
    powerTerm =
      input.deviceHours !== undefined && input.hours === undefined && count > 1
        ? `${devices.perDeviceText} W`
        : devices.band.term;
  } else {
    powerTerm = `(${bands.map((b) => b.term).join(" + ")})`;
  }
  const pueText = input.pue === undefined ? where.facilityPue.text : formatRatio(pue);
  const derivation = `${powerTerm} × ${durationTerm} = ${formatQuantity(energyKWh)} kWh × PUE ${pueText} = ${formatQuantity(facilityEnergyKWh)} kWh × ${where.intensityText} g/kWh = ${formatQuantity(emissionsKg)} kg CO2eq`;

  const components: ComponentEstimate[] = bands.map((b) => ({
    component: b.component,
    label: b.label,
    powerW: b.powerW,
    energyKWh: wattHoursToKWh(b.powerW, hours),
    kind: b.kind,
  }));

  return {
    ok: true,
    value: {
      energyKWh,
      facilityEnergyKWh,
      emissionsKg,
      intensityGPerKWh: intensity,
      pue,
      range,
      marketBasedKg,
      factors,
      warnings,
      derivation,
      components,
      alternatives: { cleanestInProvider },
      equivalents,
      job: {
        hardware:
          entry === undefined ? null : { id: entry.id, name: entry.name, kind: entry.kind, tdpW: entry.tdpW },
        count,
        hours,
        deviceHours,
        powerPerDeviceW: devices.perDeviceW,
        utilization:
          input.watts !== undefined ? null : (input.utilization ?? defaults.defaultUtilization.value),
        year: where.year,
        location: where.location,
      },
    },
  };
};

/**
 * Estimates the energy and emissions of a job; throws {@link Mlco2Error} on bad input.
 *
 * @example
 * estimateWith(dataset, { watts: 400, deviceHours: 1_082_990, intensity: 57, pue: 1 }).emissionsKg // ≈ 24,692
 */
export const estimateWith = (dataset: Dataset, input: EstimateInput): EstimateResult => {
  const outcome = estimateOutcome(dataset, input);
  if (!outcome.ok) throw new Mlco2Error(outcome.problems);
  return outcome.value;
};
