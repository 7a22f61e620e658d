// The estimate, stage by stage: the checked job (numbers → hardware and instance type → duration →
// location: estimate/checked-job.ts) → power bands (job-power.ts) → PUE → energy and range → market-based
// → embodied (when asked) → the result with its alternatives and derivation (result.ts). Each stage is a
// top-level function in ./estimate/ (no closures per call: the engine runs over a million estimates a second).
import { Mlco2Error, type Outcome, type Problem } from "./errors.ts";
import { equivalenceFactorsOf } from "./estimate/alternatives.ts";
import { appendAll } from "./estimate/append-all.ts";
import { checkedJobOf } from "./estimate/checked-job.ts";
import { embodiedOf } from "./estimate/embodied.ts";
import { energyOf } from "./estimate/energy.ts";
import { heldHardwareOf, jobPowerOf } from "./estimate/job-power.ts";
import { marketViewOf } from "./estimate/market.ts";
import { pueOf } from "./estimate/pue.ts";
import { resultOf } from "./estimate/result.ts";
import { formatRatio } from "./format-number.ts";
import { failed } from "./problems.ts";
import { providerFacilityPue } from "./resolve-location.ts";
import type { Dataset, EstimateInput, EstimateResult } from "./types.ts";

export { devicePowerBand } from "./estimate/power.ts";

/**
 * Estimates the energy and emissions of a job against a dataset, returning every problem found as data
 * instead of throwing.
 *
 * @example
 * const outcome = tryEstimateWith(dataset, { hardware: "A100 SXM4 80GB", count: 8, hours: 100, region: "gcp:us-central1" });
 * if (outcome.ok) console.log(outcome.value.emissionsKg);
 */
export const tryEstimateWith = (dataset: Dataset, input: EstimateInput): Outcome<EstimateResult> => {
  const problems: Problem[] = [];
  const job = checkedJobOf(dataset, input, problems);
  if (job === null) return failed(problems);
  const { instance, where } = job;
  const power = jobPowerOf(dataset, input, job);
  const { factors, warnings } = power;
  appendAll(warnings, where.warnings);
  const pue =
    instance === null
      ? pueOf(input, where, formatRatio)
      : pueOf(input, where, formatRatio, (p) => providerFacilityPue(dataset, p), instance.type.provider);
  if (pue.warning !== null) warnings.push(pue.warning);
  const energy = energyOf(power.bands, job.duration.hours, pue, where);
  factors.push(pue.factor, where.intensityFactor);
  appendAll(factors, where.contextFactors);
  const market = marketViewOf(dataset, energy.emissionsKg, where);
  if (market !== null) factors.push(market.factor);
  appendAll(factors, equivalenceFactorsOf(dataset));
  const embodied =
    input.embodied === true
      ? embodiedOf(dataset, input, heldHardwareOf(job, power), job.duration.hours, energy, warnings)
      : null;
  return { ok: true, value: resultOf(dataset, input, job, power, { pue, energy, market, embodied }) };
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
