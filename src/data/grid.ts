import { averageIntensity } from "@tgwf/co2/data";
import * as electricityMaps from "@tgwf/co2/data/electricity-maps";
import { countries } from "./countries.generated.ts";
import type { GridData, GridZone } from "./types.ts";

const YEARLY = [
  [2021, electricityMaps.yearly2021],
  [2022, electricityMaps.yearly2022],
  [2023, electricityMaps.yearly2023],
  [2024, electricityMaps.yearly2024],
  [2025, electricityMaps.yearly2025],
] as const;

/** Year attributed to the Ember country averages shipped in @tgwf/co2 0.19 (latest annual values). */
export const EMBER_YEAR = 2024;

/** Builds the grid data from @tgwf/co2: Electricity Maps zones by year, Ember country averages. */
export const buildGridData = (): GridData => {
  const zones = new Map<
    string,
    { id: string; name: string; country?: string; byYear: Map<number, number>; sources: Map<number, string> }
  >();
  for (const [year, table] of YEARLY) {
    for (const [id, record] of Object.entries(table.data)) {
      let zone = zones.get(id.toUpperCase());
      if (zone === undefined) {
        const prefix = id.split("-")[0] ?? id;
        zone = {
          id,
          name: record.zone.displayName ?? record.zone.zoneName,
          ...(prefix.length === 2 ? { country: prefix } : {}),
          byYear: new Map(),
          sources: new Map(),
        };
        zones.set(id.toUpperCase(), zone);
      }
      const value = record.carbonIntensity?.value;
      if (typeof value === "number" && value > 0) {
        zone.byYear.set(year, value);
        zone.sources.set(year, `electricity-maps-yearly-${year}`);
      }
    }
  }
  const gridZones = new Map<string, GridZone>();
  for (const [key, zone] of zones) {
    gridZones.set(key, {
      id: zone.id,
      name: zone.name,
      ...(zone.country === undefined ? {} : { country: zone.country }),
      intensityGPerKWhByYear: zone.byYear,
      sourceByYear: zone.sources,
    });
  }
  return {
    zones: gridZones,
    emberByAlpha3: new Map(Object.entries(averageIntensity.data)),
    emberSource: "ember-yearly",
    emberYear: EMBER_YEAR,
    years: YEARLY.map(([year]) => year),
    alpha3ByAlpha2: new Map(countries.map(([a2, a3]) => [a2, a3])),
    countryNameByAlpha2: new Map(countries.map(([a2, , name]) => [a2, name])),
  };
};
