/** Unit conversions, in one place. Names carry their units. */

/** Watts sustained for hours → kilowatt-hours. */
export const wattHoursToKWh = (powerW: number, durationH: number): number => (powerW * durationH) / 1000;

/** Energy (kWh) × intensity (gCO2eq/kWh) → kilograms CO2eq. */
export const emissionsKgFrom = (energyKWh: number, intensityGPerKWh: number): number =>
  (energyKWh * intensityGPerKWh) / 1000;

/** Kilograms → grams. */
export const kgToG = (kg: number): number => kg * 1000;

/** Metric tonnes → kilograms. */
export const tonnesToKg = (t: number): number => t * 1000;

/** Statute miles → kilometres. */
export const KM_PER_MILE = 1.609344;

/** Avoirdupois pounds → kilograms. */
export const KG_PER_POUND = 0.45359237;

/** Seconds → hours. */
export const secondsToHours = (durationS: number): number => durationS / 3600;

/** Joules → kilowatt-hours. */
export const joulesToKWh = (energyJ: number): number => energyJ / 3.6e6;
