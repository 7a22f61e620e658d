import type { LocationFactors } from "../resolve-location.ts";
import { emissionsKgFrom, wattHoursToKWh } from "../units.ts";
import type { PowerBand } from "./power.ts";
import type { PueChoice } from "./pue.ts";

/** IT and facility energy, emissions and their range. */
export interface EnergyAndEmissions {
  readonly energyKWh: number;
  readonly facilityEnergyKWh: number;
  readonly emissionsKg: number;
  readonly lowKg: number;
  readonly highKg: number;
}

/**
 * Stage 6: the bands' power × hours = IT energy × PUE = facility energy × intensity = emissions; the
 * range takes the low ends of power, PUE and intensity together, and the high ends together.
 *
 * @example
 * energyOf([band400W], 10, pue, where).energyKWh // 4
 */
export const energyOf = (
  bands: readonly PowerBand[],
  hours: number,
  pue: PueChoice,
  where: LocationFactors,
): EnergyAndEmissions => {
  let powerW = 0;
  let lowW = 0;
  let highW = 0;
  for (let i = 0; i < bands.length; i++) {
    const band = bands[i] as PowerBand;
    powerW += band.powerW;
    lowW += band.lowW;
    highW += band.highW;
  }
  const energyKWh = wattHoursToKWh(powerW, hours);
  const facilityEnergyKWh = energyKWh * pue.value;
  return {
    energyKWh,
    facilityEnergyKWh,
    emissionsKg: emissionsKgFrom(facilityEnergyKWh, where.intensityGPerKWh),
    lowKg: emissionsKgFrom(wattHoursToKWh(lowW, hours) * pue.low, where.intensityLow),
    highKg: emissionsKgFrom(wattHoursToKWh(highW, hours) * pue.high, where.intensityHigh),
  };
};
