// Stage 11: the result record, from what the earlier stages found. Key order is the JSON output's.
import type { HardwareEntry } from "../../data/types.ts";
import { equivalentsOf } from "../equivalents.ts";
import type {
  ComponentEstimate,
  Dataset,
  EmbodiedEstimate,
  EstimateInput,
  EstimateResult,
  ResolvedJob,
} from "../types.ts";
import { wattHoursToKWh } from "../units.ts";
import { cleanestAlternativeOf } from "./alternatives.ts";
import type { CheckedJob } from "./checked-job.ts";
import type { CpuSpec } from "./cpu-power.ts";
import { derivationOf } from "./derivation.ts";
import type { EnergyAndEmissions } from "./energy.ts";
import type { JobPower } from "./job-power.ts";
import type { MarketView } from "./market.ts";
import { perUnitOf } from "./per-unit.ts";
import type { PowerBand } from "./power.ts";
import type { PueChoice } from "./pue.ts";

/** What the energy stages found, beside the checked job and its power. */
export interface EnergyFindings {
  readonly pue: PueChoice;
  readonly energy: EnergyAndEmissions;
  readonly market: MarketView | null;
  readonly embodied: EmbodiedEstimate | null;
}

/**
 * Each band's power and energy over `hours`.
 *
 * @example
 * componentsOf([band400W], 10)[0].energyKWh // 4
 */
export const componentsOf = (bands: readonly PowerBand[], hours: number): ComponentEstimate[] =>
  bands.map((b) => ({
    component: b.component,
    label: b.label,
    powerW: b.powerW,
    energyKWh: wattHoursToKWh(b.powerW, hours),
    kind: b.kind,
  }));

/** The job's hardware as results name it: a catalog entry (CPUs by TDP or per vCPU are not one). */
export const hardwareOfJob = (
  entry: HardwareEntry | undefined,
  by: CpuSpec["by"] | undefined,
): ResolvedJob["hardware"] =>
  entry === undefined || by !== "catalog"
    ? null
    : { id: entry.id, name: entry.name, kind: entry.kind, tdpW: entry.tdpW };

/** The job as the result describes it (without its instance type). */
const resolvedJobOf = (
  dataset: Dataset,
  input: EstimateInput,
  job: CheckedJob,
  power: JobPower,
): ResolvedJob => {
  const { cpuOnly, duration, where } = job;
  return {
    hardware: hardwareOfJob(cpuOnly ? power.cpu?.entry : job.entry, cpuOnly ? power.cpu?.by : "catalog"),
    count: duration.count,
    hours: duration.hours,
    deviceHours: duration.deviceHours,
    powerPerDeviceW: power.devices.perDeviceW,
    utilization:
      input.watts !== undefined
        ? null
        : ((cpuOnly ? input.cpuUtilization : input.utilization) ?? dataset.defaults.defaultUtilization.value),
    year: where.year,
    location: where.location,
  };
};

/** The result: figures, factors and warnings, derivation, components, alternatives, equivalents, job. */
export const resultOf = (
  dataset: Dataset,
  input: EstimateInput,
  job: CheckedJob,
  power: JobPower,
  found: EnergyFindings,
): EstimateResult => {
  const { duration, where, instance } = job;
  const { bands, devices } = power;
  const { pue, energy, market, embodied } = found;
  const perUnit =
    input.units === undefined ? undefined : perUnitOf(input, energy.energyKWh, energy.emissionsKg);
  const result: EstimateResult = {
    energyKWh: energy.energyKWh,
    facilityEnergyKWh: energy.facilityEnergyKWh,
    emissionsKg: energy.emissionsKg,
    intensityGPerKWh: where.intensityGPerKWh,
    pue: pue.value,
    range: { lowKg: energy.lowKg, highKg: energy.highKg },
    marketBasedKg: market === null ? null : market.marketBasedKg,
    factors: power.factors,
    warnings: power.warnings,
    derivation: derivationOf(bands, devices, duration, pue, where, energy),
    components: componentsOf(bands, duration.hours),
    alternatives: { cleanestInProvider: cleanestAlternativeOf(dataset, energy.energyKWh, where) },
    equivalents: equivalentsOf(energy.emissionsKg, dataset.defaults.equivalents),
    job: resolvedJobOf(dataset, input, job, power),
    ...(perUnit === undefined ? {} : { perUnit }),
  };
  // Present only when there is something to say (the tracker's results, and older ones, have neither).
  if (instance === null && embodied === null) return result;
  const withInstance: ResolvedJob =
    instance === null
      ? result.job
      : { ...result.job, instance: { name: instance.name, count: instance.count } };
  return embodied === null ? { ...result, job: withInstance } : { ...result, job: withInstance, embodied };
};
