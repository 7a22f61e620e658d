import type { EstimateResult } from "../core/types.ts";
import { MIN_NORMAL } from "./number-cell.ts";

/** Figures of one priced row (full precision), the batch output columns; filled in place. */
export interface PricedRow {
  energyKWh: number;
  facilityEnergyKWh: number;
  emissionsKg: number;
  lowKg: number;
  highKg: number;
  intensityGPerKWh: number;
  pue: number;
}

/** The factors of a job that do not depend on count and hours (see job-factors.ts). */
export interface LeanFactors {
  /** Per-device power, W, and its band. */
  readonly powerW: number;
  readonly lowW: number;
  readonly highW: number;
  /** PUE and its band. */
  readonly pue: number;
  readonly pueLow: number;
  readonly pueHigh: number;
  /** Grid intensity, g/kWh, and its band. */
  readonly intensity: number;
  readonly intensityLow: number;
  readonly intensityHigh: number;
}

/** The location and facility factors of a job: PUE and grid intensity with their bands. */
export type PlaceFactors = Pick<
  LeanFactors,
  "pue" | "pueLow" | "pueHigh" | "intensity" | "intensityLow" | "intensityHigh"
>;

/**
 * The engine's arithmetic from total power (and its band) × hours, in the engine's order of operations
 * (stage 6, core/estimate/energy.ts) so that every figure is bit-for-bit the one `estimate()` returns.
 */
export const priceBands = (
  f: PlaceFactors,
  powerW: number,
  lowW: number,
  highW: number,
  hours: number,
  out: PricedRow,
): void => {
  const energyKWh = (powerW * hours) / 1000;
  out.energyKWh = energyKWh;
  out.facilityEnergyKWh = energyKWh * f.pue;
  out.emissionsKg = (out.facilityEnergyKWh * f.intensity) / 1000;
  out.lowKg = (((lowW * hours) / 1000) * f.pueLow * f.intensityLow) / 1000;
  out.highKg = (((highW * hours) / 1000) * f.pueHigh * f.intensityHigh) / 1000;
  out.intensityGPerKWh = f.intensity;
  out.pue = f.pue;
};

/**
 * The engine's arithmetic for count × hours, in the engine's order of operations so that every
 * figure is bit-for-bit the one `estimate()` returns (checked per combination, and by the tests).
 */
export const priceLean = (f: LeanFactors, count: number, hours: number, out: PricedRow): void =>
  priceBands(f, f.powerW * count, f.lowW * count, f.highW * count, hours, out);

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

/** Whether a row's figures equal a full result's, bit for bit. */
export const sameFigures = (a: PricedRow, r: EstimateResult): boolean =>
  a.energyKWh === r.energyKWh &&
  a.facilityEnergyKWh === r.facilityEnergyKWh &&
  a.emissionsKg === r.emissionsKg &&
  a.lowKg === r.range.lowKg &&
  a.highKg === r.range.highKg &&
  a.intensityGPerKWh === r.intensityGPerKWh &&
  a.pue === r.pue;

/**
 * Whether a row's figures underflowed (energy, or emissions at a non-zero intensity, below the
 * smallest normal double): such figures have lost their precision or became 0, so the row is refused.
 */
export const underflowed = (row: PricedRow): boolean =>
  !(row.energyKWh >= MIN_NORMAL) || (row.emissionsKg < MIN_NORMAL && row.intensityGPerKWh > 0);
