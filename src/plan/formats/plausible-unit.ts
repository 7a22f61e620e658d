import type { IntensityUnit } from "../intensity-units.ts";
import { type PlanProblem, planProblem } from "../problems.ts";
import type { RawPoint } from "../series.ts";

/** Below this, a whole series in g/kWh is not a real grid (the cleanest zones stay above ~5 g/kWh hourly). */
const LOWEST_PLAUSIBLE_MAX_G_PER_KWH = 5;

/**
 * Refuses a series whose values cannot be in the unit it states: every value under 5 g/kWh after
 * conversion means kg/kWh (or t/MWh) values were given as g/kWh. Never guesses the unit.
 */
export const plausibleUnit = (
  points: readonly RawPoint[],
  units: readonly IntensityUnit[],
  zone: string,
): PlanProblem | null => {
  let max = 0;
  for (const p of points) if (p.gPerKWh > max) max = p.gPerKWh;
  return plausibleHighest(max, points.length, units, zone);
};

/** plausibleUnit from the highest of `count` values (0 when none is above 0), for readings held as columns. */
export const plausibleHighest = (
  highestGPerKWh: number,
  count: number,
  units: readonly IntensityUnit[],
  zone: string,
): PlanProblem | null => {
  if (count > 0 && highestGPerKWh < LOWEST_PLAUSIBLE_MAX_G_PER_KWH) {
    return planProblem(
      "implausible-unit",
      "series",
      `${zone === "" ? "the series" : `zone ${zone}`}: every value is under ${LOWEST_PLAUSIBLE_MAX_G_PER_KWH} g/kWh once read as ${units.join(", ")} (highest ${highestGPerKWh}); if they are kg/kWh, write the column as carbon_intensity (kg/kWh) or add a unit column`,
    );
  }
  return null;
};
