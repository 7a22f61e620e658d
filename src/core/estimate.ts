// The estimate, stage by stage: numbers → hardware (and instance type) → duration → location → power
// bands → PUE → energy and range → market-based → alternatives → derivation → embodied (when asked). Each stage is a top-level function in
// ./estimate/ (no closures per call: the engine runs over a million estimates a second).
import type { HardwareEntry } from "../data/types.ts";
import { equivalentsOf } from "./equivalents.ts";
import { Mlco2Error, type Outcome, type Problem } from "./errors.ts";
import { cleanestAlternativeOf, equivalenceFactorsOf } from "./estimate/alternatives.ts";
import { type CpuSpec, cpuDevicePart, cpuPart, cpuSpecOf } from "./estimate/cpu-power.ts";
import { derivationOf } from "./estimate/derivation.ts";
import { durationOf } from "./estimate/duration.ts";
import { embodiedOf, embodiedProblems } from "./estimate/embodied.ts";
import { energyOf } from "./estimate/energy.ts";
import { hardwareOf, isCpuOnly } from "./estimate/hardware.ts";
import type { InstanceJob } from "./estimate/instance.ts";
import { marketViewOf } from "./estimate/market.ts";
import { numberProblems } from "./estimate/numbers.ts";
import { perUnitOf, unitProblems } from "./estimate/per-unit.ts";
import { devicePart, type HostPart, memoryPart, type PowerBand } from "./estimate/power.ts";
import { pueOf } from "./estimate/pue.ts";
import { formatRatio } from "./format-number.ts";
import { failed } from "./problems.ts";
import { providerFacilityPue, resolveLocation } from "./resolve-location.ts";
import type {
  ComponentEstimate,
  Dataset,
  EstimateInput,
  EstimateResult,
  Factor,
  ResolvedJob,
} from "./types.ts";
import { wattHoursToKWh } from "./units.ts";

export { devicePowerBand } from "./estimate/power.ts";

/** Pushes every item of `from` onto `to` (an indexed loop: this runs on the hot path). */
const appendAll = <T>(to: T[], from: readonly T[]): void => {
  for (let i = 0; i < from.length; i++) to.push(from[i] as T);
};

const addHost = (part: HostPart | null, bands: PowerBand[], factors: Factor[], warnings: string[]): void => {
  if (part === null) return;
  bands.push(part.band);
  appendAll(factors, part.factors);
  appendAll(warnings, part.warnings);
};

const componentsOf = (bands: readonly PowerBand[], hours: number): ComponentEstimate[] =>
  bands.map((b) => ({
    component: b.component,
    label: b.label,
    powerW: b.powerW,
    energyKWh: wattHoursToKWh(b.powerW, hours),
    kind: b.kind,
  }));

/** The job's hardware as results name it: a catalog entry (CPUs by TDP or per vCPU are not one). */
const hardwareOfJob = (
  entry: HardwareEntry | undefined,
  by: CpuSpec["by"] | undefined,
): ResolvedJob["hardware"] =>
  entry === undefined || by !== "catalog"
    ? null
    : { id: entry.id, name: entry.name, kind: entry.kind, tdpW: entry.tdpW };

/** The devices' count: instances' accelerators (or instances of CPUs), a CPU-only job's CPUs, else `count`. */
const deviceCountOf = (input: EstimateInput, instance: InstanceJob | null, cpuOnly: boolean): number =>
  instance !== null
    ? instance.count * Math.max(1, instance.accelerators)
    : cpuOnly
      ? (input.cpuCount ?? 1)
      : (input.count ?? 1);

/** A catalog CPU named as the device (`hardware`), as the embodied stage counts it. */
const cpuAsDevices = (entry: HardwareEntry, count: number): CpuSpec => ({
  entry,
  by: "catalog",
  units: count,
  label: `${count} × ${entry.name}`,
  packages: count,
});

/**
 * Estimates the energy and emissions of a job against a dataset, returning every problem found as data
 * instead of throwing.
 *
 * @example
 * const outcome = tryEstimateWith(dataset, { hardware: "A100 SXM4 80GB", count: 8, hours: 100, region: "gcp:us-central1" });
 * if (outcome.ok) console.log(outcome.value.emissionsKg);
 */
export const tryEstimateWith = (dataset: Dataset, input: EstimateInput): Outcome<EstimateResult> => {
  const problems: Problem[] = numberProblems(input);
  if (input.units !== undefined || input.unit !== undefined) appendAll(problems, unitProblems(input));
  const numbersOk = problems.length === 0;
  const { entry: named, cpuEntry, instance } = hardwareOf(dataset, input, problems);
  const entry = instance === null ? named : (instance.accelerator ?? undefined);
  // A CPU-only job (or an instance without accelerators) counts its CPUs as the devices.
  const cpuOnly = instance === null ? isCpuOnly(input) : instance.accelerators === 0;
  const count = deviceCountOf(input, instance, cpuOnly);
  const duration = durationOf(
    count === (input.count ?? 1) ? input : { ...input, count },
    problems,
    numbersOk,
  );
  if (input.embodied !== undefined || input.serviceLifeYears !== undefined || input.useShare !== undefined)
    appendAll(problems, embodiedProblems(input, entry));
  const located = resolveLocation(dataset, input);
  if (!located.ok) {
    // One problem per field: a bad year already reported by the numbers stage is not repeated.
    for (const problem of located.problems)
      if (!problems.some((p) => p.path === problem.path)) problems.push(problem);
  }
  if (problems.length > 0 || duration === null || !located.ok) return failed(problems);
  const where = located.value;

  const cpu = cpuSpecOf(dataset, input, cpuEntry, instance);
  const devices = cpuOnly
    ? cpuDevicePart(dataset, cpu as CpuSpec, input.cpuUtilization, duration.count)
    : devicePart(dataset, input, entry, duration.count);
  const bands: PowerBand[] = [devices.band];
  const factors: Factor[] = [];
  const warnings: string[] = [];
  appendAll(factors, devices.factors);
  appendAll(warnings, devices.warnings);
  if (!cpuOnly) addHost(cpuPart(dataset, cpu, input.cpuUtilization), bands, factors, warnings);
  const memoryGB = instance === null ? input.memoryGB : instance.memoryGB * instance.count;
  addHost(memoryPart(dataset, memoryGB), bands, factors, warnings);
  appendAll(warnings, where.warnings);

  const pue =
    instance === null
      ? pueOf(input, where, formatRatio)
      : pueOf(input, where, formatRatio, (p) => providerFacilityPue(dataset, p), instance.type.provider);
  if (pue.warning !== null) warnings.push(pue.warning);
  const energy = energyOf(bands, duration.hours, pue, where);
  factors.push(pue.factor, where.intensityFactor);
  appendAll(factors, where.contextFactors);
  const market = marketViewOf(dataset, energy.emissionsKg, where);
  if (market !== null) factors.push(market.factor);
  appendAll(factors, equivalenceFactorsOf(dataset));
  const embodied =
    input.embodied === true
      ? embodiedOf(
          dataset,
          input,
          {
            entry,
            count: duration.count,
            cpuDevices: cpuOnly
              ? (cpu as CpuSpec)
              : entry?.kind === "cpu"
                ? cpuAsDevices(entry, duration.count)
                : null,
            hostCpu: !cpuOnly && cpu !== null,
            memoryGB,
            instance,
          },
          duration.hours,
          energy,
          warnings,
        )
      : null;
  const perUnit =
    input.units === undefined ? undefined : perUnitOf(input, energy.energyKWh, energy.emissionsKg);

  const outcome: { readonly ok: true; readonly value: EstimateResult } = {
    ok: true,
    value: {
      energyKWh: energy.energyKWh,
      facilityEnergyKWh: energy.facilityEnergyKWh,
      emissionsKg: energy.emissionsKg,
      intensityGPerKWh: where.intensityGPerKWh,
      pue: pue.value,
      range: { lowKg: energy.lowKg, highKg: energy.highKg },
      marketBasedKg: market === null ? null : market.marketBasedKg,
      factors,
      warnings,
      derivation: derivationOf(bands, devices, duration, pue, where, energy),
      components: componentsOf(bands, duration.hours),
      alternatives: { cleanestInProvider: cleanestAlternativeOf(dataset, energy.energyKWh, where) },
      equivalents: equivalentsOf(energy.emissionsKg, dataset.defaults.equivalents),
      job: {
        hardware: hardwareOfJob(cpuOnly ? cpu?.entry : entry, cpuOnly ? cpu?.by : "catalog"),
        count: duration.count,
        hours: duration.hours,
        deviceHours: duration.deviceHours,
        powerPerDeviceW: devices.perDeviceW,
        utilization:
          input.watts !== undefined
            ? null
            : ((cpuOnly ? input.cpuUtilization : input.utilization) ??
              dataset.defaults.defaultUtilization.value),
        year: where.year,
        location: where.location,
      },
      ...(perUnit === undefined ? {} : { perUnit }),
    },
  };
  // Present only when there is something to say (the tracker's results, and older ones, have neither).
  if (instance === null && embodied === null) return outcome;
  const job: ResolvedJob =
    instance === null
      ? outcome.value.job
      : { ...outcome.value.job, instance: { name: instance.name, count: instance.count } };
  return {
    ok: true,
    value: embodied === null ? { ...outcome.value, job } : { ...outcome.value, job, embodied },
  };
};

/**
 * Estimates the energy and emissions of a job against a dataset; throws {@link Mlco2Error} with every
 * problem on bad input.
 *
 * @example
 * estimateWith(dataset, { watts: 400, deviceHours: 1_082_990, intensity: 57, pue: 1 }).emissionsKg // ≈ 24,692
 */
export const estimateWith = (dataset: Dataset, input: EstimateInput): EstimateResult => {
  const outcome = tryEstimateWith(dataset, input);
  if (!outcome.ok) throw new Mlco2Error(outcome.problems);
  return outcome.value;
};
