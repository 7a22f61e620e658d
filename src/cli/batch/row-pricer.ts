import { findHardware } from "../../core/dataset-index.ts";
import { devicePowerBand, tryEstimateWith } from "../../core/estimate.ts";
import { resolveLocation } from "../../core/resolve-location.ts";
import type { Dataset, EstimateInput, EstimateResult } from "../../core/types.ts";
import { messageWithColumn } from "./batch-columns.ts";

/** Figures of one priced row (full precision), the batch output columns. */
export interface PricedRow {
  energyKWh: number;
  facilityEnergyKWh: number;
  emissionsKg: number;
  lowKg: number;
  highKg: number;
  intensityGPerKWh: number;
  pue: number;
}

/**
 * Everything about a job that does not depend on count and hours, resolved once per distinct
 * combination of the other inputs: per-device power and its band, PUE and its band, intensity and its
 * band. `lean` is false when the shortcut cannot be proven identical to the engine (host CPU or memory
 * given, or the self-check failed): those rows go through the full engine.
 */
export type JobFactors =
  | {
      readonly ok: true;
      readonly lean: true;
      readonly input: EstimateInput;
      readonly powerW: number;
      readonly lowW: number;
      readonly highW: number;
      readonly pue: number;
      readonly pueLow: number;
      readonly pueHigh: number;
      readonly intensity: number;
      readonly intensityLow: number;
      readonly intensityHigh: number;
    }
  | { readonly ok: true; readonly lean: false; readonly input: EstimateInput }
  | { readonly ok: false; readonly input: EstimateInput; readonly message: string };

type LeanFactors = Extract<JobFactors, { lean: true }>;

/**
 * The engine's arithmetic for count × hours, in the engine's order of operations so that every
 * figure is bit-for-bit the one `estimate()` returns (checked per combination, and by the tests).
 */
export const priceLean = (f: LeanFactors, count: number, hours: number, out: PricedRow): void => {
  const powerW = f.powerW * count;
  const energyKWh = (powerW * hours) / 1000;
  out.energyKWh = energyKWh;
  out.facilityEnergyKWh = energyKWh * f.pue;
  out.emissionsKg = (out.facilityEnergyKWh * f.intensity) / 1000;
  out.lowKg = (((f.lowW * count * hours) / 1000) * f.pueLow * f.intensityLow) / 1000;
  out.highKg = (((f.highW * count * hours) / 1000) * f.pueHigh * f.intensityHigh) / 1000;
  out.intensityGPerKWh = f.intensity;
  out.pue = f.pue;
};

/** A priced row to fill in place. */
export const emptyPricedRow = (): PricedRow => ({
  energyKWh: 0,
  facilityEnergyKWh: 0,
  emissionsKg: 0,
  lowKg: 0,
  highKg: 0,
  intensityGPerKWh: 0,
  pue: 0,
});

/** Copies a full result into a priced row. */
export const pricedFrom = (result: EstimateResult, out: PricedRow): void => {
  out.energyKWh = result.energyKWh;
  out.facilityEnergyKWh = result.facilityEnergyKWh;
  out.emissionsKg = result.emissionsKg;
  out.lowKg = result.range.lowKg;
  out.highKg = result.range.highKg;
  out.intensityGPerKWh = result.intensityGPerKWh;
  out.pue = result.pue;
};

const same = (a: PricedRow, r: EstimateResult): boolean =>
  a.energyKWh === r.energyKWh &&
  a.facilityEnergyKWh === r.facilityEnergyKWh &&
  a.emissionsKg === r.emissionsKg &&
  a.lowKg === r.range.lowKg &&
  a.highKg === r.range.highKg &&
  a.intensityGPerKWh === r.intensityGPerKWh &&
  a.pue === r.pue;

/** Per-device power band (low, high) for units = 1: the engine's own memoised device figures. */
const deviceBand = (
  dataset: Dataset,
  input: EstimateInput,
  powerW: number,
): { lowW: number; highW: number } => {
  const entry = input.hardware === undefined ? undefined : findHardware(dataset, input.hardware);
  if (input.watts !== undefined || entry === undefined) return { lowW: powerW, highW: powerW };
  return devicePowerBand(dataset, entry, input.utilization);
};

/** PUE band of a job, as the engine chooses it: given, else the one its location implies. */
const pueBand = (
  dataset: Dataset,
  input: EstimateInput,
): { pue: number; low: number; high: number } | null => {
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
  if (!first.ok) {
    const [problem] = first.problems;
    return { ok: false, input, message: messageWithColumn(problem.path, problem.message) };
  }
  if (input.cpu !== undefined || input.memoryGB !== undefined) return { ok: true, lean: false, input };
  const where = resolveLocation(dataset, input);
  const pue = pueBand(dataset, input);
  if (!where.ok || pue === null) return { ok: true, lean: false, input };
  const powerW = first.value.job.powerPerDeviceW;
  const band = deviceBand(dataset, input, powerW);
  const factors: LeanFactors = {
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
    if (!full.ok || !same(row, full.value)) return { ok: true, lean: false, input };
  }
  return factors;
};
