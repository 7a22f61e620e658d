import { KG_PER_POUND } from "../core/units.ts";

/** Units a time series may state its intensity in. */
export type IntensityUnit = "g/kWh" | "kg/kWh" | "lbs/MWh";

/** Every accepted spelling of a unit (lower case, spaces removed) → the unit. */
const UNIT_BY_SPELLING: Readonly<Record<string, IntensityUnit>> = {
  "g/kwh": "g/kWh",
  "gco2/kwh": "g/kWh",
  "gco2eq/kwh": "g/kWh",
  "gco2e/kwh": "g/kWh",
  "gco₂eq/kwh": "g/kWh",
  "kg/mwh": "g/kWh",
  "kgco2/mwh": "g/kWh",
  "kgco2eq/mwh": "g/kWh",
  "kg/kwh": "kg/kWh",
  "kgco2/kwh": "kg/kWh",
  "kgco2eq/kwh": "kg/kWh",
  "t/mwh": "kg/kWh",
  "tco2/mwh": "kg/kWh",
  "lbs/mwh": "lbs/MWh",
  "lb/mwh": "lbs/MWh",
  lbs_co2_per_mwh: "lbs/MWh",
  "lbsco2/mwh": "lbs/MWh",
};

/** The accepted unit spellings, for messages. */
export const UNIT_SPELLINGS =
  "g/kWh (also gCO2eq/kWh, kg/MWh), kg/kWh (also t/MWh), lbs/MWh (WattTime's lbs_co2_per_mwh)";

/** Reads a unit spelling; undefined when it is not one we know. */
export const intensityUnitOf = (text: string): IntensityUnit | undefined =>
  UNIT_BY_SPELLING[text.trim().toLowerCase().replace(/\s+/g, "")];

/** Grams CO2eq per kWh in one unit of each. 1 lb/MWh = 453.59237 g / 1000 kWh. */
export const G_PER_KWH_PER_UNIT: Readonly<Record<IntensityUnit, number>> = {
  "g/kWh": 1,
  "kg/kWh": 1000,
  "lbs/MWh": KG_PER_POUND,
};

/** Converts an intensity to gCO2eq/kWh. */
export const toGPerKWh = (value: number, unit: IntensityUnit): number => value * G_PER_KWH_PER_UNIT[unit];
