import { averageIntensity } from "@tgwf/co2/data";
import * as electricityMaps from "@tgwf/co2/data/electricity-maps";
import { gridDataFrom } from "./grid-from-tables.ts";
import type { GridData } from "./types.ts";

export { EMBER_YEAR } from "./grid-from-tables.ts";

/** The Electricity Maps yearly tables bundled with @tgwf/co2, ascending. */
const YEARLY = [
  [2021, electricityMaps.yearly2021],
  [2022, electricityMaps.yearly2022],
  [2023, electricityMaps.yearly2023],
  [2024, electricityMaps.yearly2024],
  [2025, electricityMaps.yearly2025],
] as const;

/** Builds the grid data from @tgwf/co2: Electricity Maps zones by year, Ember country averages. */
export const buildGridData = (): GridData => gridDataFrom(YEARLY, averageIntensity.data);
