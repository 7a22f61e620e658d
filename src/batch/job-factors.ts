import { findHardware } from "../core/dataset-index.ts";
import { devicePowerBand, tryEstimateWith } from "../core/estimate.ts";
import { resolveLocation } from "../core/resolve-location.ts";
import type { Dataset, EstimateInput } from "../core/types.ts";
import { emptyPricedRow, type LeanFactors, priceLean, sameFigures } from "./priced-row.ts";
import { type CellProblem, fromEngineProblem } from "./row-problem.ts";

/**
 * Everything about a job that does not depend on count and hours, resolved once per distinct
 * combination of the other inputs. `lean` is false when the shortcut cannot be proven identical to
 * the engine (host CPU, memory or an instance type given, or the self-check failed): those rows go through the engine.
 */
export type JobFactors =
  | ({ readonly ok: true; readonly lean: true; readonly input: EstimateInput } & LeanFactors)
  | { readonly ok: true; readonly lean: false; readonly input: EstimateInput }
  | {
      readonly ok: false;
      /** The job's input, or null when its cells could not be read as one. */
      readonly input: EstimateInput | null;
      readonly problem: CellProblem;
    };

/** Per-device power band (low, high) for units = 1: the engine's own memoised device figures. */
const deviceBand = (dataset: Dataset, input: EstimateInput, powerW: number) => {
  const entry = input.hardware === undefined ? undefined : findHardware(dataset, input.hardware);
  if (input.watts !== undefined || entry === undefined) return { lowW: powerW, highW: powerW };
  return devicePowerBand(dataset, entry, input.utilization);
};

/** PUE band of a job, as the engine chooses it: given, else the one its location implies. */
const pueBand = (dataset: Dataset, input: EstimateInput) => {
  if (input.pue !== undefined) return { pue: input.pue, low: input.pue, high: input.pue };
  const where = resolveLocation(dataset, input);
  if (!where.ok) return null;
  const { value, low, high } = where.value.facilityPue;
  return { pue: value, low, high };
};

/** Count/hours pairs on which a combination's shortcut is checked against the full engine. */
const PROBES: readonly (readonly [number, number])[] = [
  [1, 1],
  [3, 7.77],
  [8, 123.456],
];

/**
 * Resolves the count- and hours-independent factors of a job once (validating it with the full
 * engine), and proves the shortcut on a few probes; any doubt sends the combination to the engine.
 */
export const jobFactorsOf = (dataset: Dataset, input: EstimateInput): JobFactors => {
  const first = tryEstimateWith(dataset, { ...input, count: 1, hours: 1 });
  if (!first.ok) return { ok: false, input, problem: fromEngineProblem(first.problems[0]) };
  if (input.cpu !== undefined || input.memoryGB !== undefined || input.instance !== undefined)
    return { ok: true, lean: false, input };
  const where = resolveLocation(dataset, input);
  const pue = pueBand(dataset, input);
  if (!where.ok || pue === null) return { ok: true, lean: false, input };
  const powerW = first.value.job.powerPerDeviceW;
  const band = deviceBand(dataset, input, powerW);
  const factors: JobFactors = {
    ok: true,
    lean: true,
    input,
    powerW,
    lowW: band.lowW,
    highW: band.highW,
    pue: pue.pue,
    pueLow: pue.low,
    pueHigh: pue.high,
    intensity: where.value.intensityGPerKWh,
    intensityLow: where.value.intensityLow,
    intensityHigh: where.value.intensityHigh,
  };
  const row = emptyPricedRow();
  for (const [count, hours] of PROBES) {
    const full = tryEstimateWith(dataset, { ...input, count, hours });
    priceLean(factors, count, hours, row);
    if (!full.ok || !sameFigures(row, full.value)) return { ok: true, lean: false, input };
  }
  return factors;
};
