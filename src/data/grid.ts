import { averageIntensity } from "@tgwf/co2/data";
import { gridDataWith } from "./grid-from-tables.ts";
import { gridZoneSources, gridZoneTable, gridZoneYears } from "./grid-zones.generated.ts";
import type { GridData } from "./types.ts";
import { ZoneTable } from "./zone-table.ts";

export { EMBER_YEAR } from "./grid-from-tables.ts";

/**
 * The bundled grid data: the Electricity Maps zones of @tgwf/co2's yearly tables 2021–2025 (from the
 * compact table scripts/generate-grid.mjs makes of them; each zone built on first lookup) and Ember's
 * country averages.
 *
 * @example
 * buildGridData().zones.get("FR")?.intensityGPerKWhByYear.get(2025)
 */
export const buildGridData = (): GridData =>
  gridDataWith(
    new ZoneTable(gridZoneTable, gridZoneYears, gridZoneSources),
    gridZoneYears,
    averageIntensity.data,
  );
