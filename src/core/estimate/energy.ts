import type { LocationFactors } from "../resolve-location.ts";
import { emissionsKgFrom, wattHoursToKWh } from "../units.ts";
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
 * Stage 6: power × hours = IT energy × PUE = facility energy × intensity = emissions; the range takes
 * the low ends of power, PUE and intensity together, and the high ends together.
 *
 * @example
 * energyOf({ powerW: 400, lowW: 400, highW: 400 }, 10, pue, where).energyKWh // 4
 */
export const energyOf = (
  power: { readonly powerW: number; readonly lowW: number; readonly highW: number },
  hours: number,
  pue: PueChoice,
  where: LocationFactors,
): EnergyAndEmissions => {
  const energyKWh = wattHoursToKWh(power.powerW, hours);
  const facilityEnergyKWh = energyKWh * pue.pue;
  return {
    energyKWh,
    facilityEnergyKWh,
    emissionsKg: emissionsKgFrom(facilityEnergyKWh, where.intensityGPerKWh),
    lowKg: emissionsKgFrom(wattHoursToKWh(power.lowW, hours) * pue.low, where.intensityLow),
    highKg: emissionsKgFrom(wattHoursToKWh(power.highW, hours) * pue.high, where.intensityHigh),
  };
};
