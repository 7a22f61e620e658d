// Builds the grid data from Electricity Maps yearly tables and Ember country averages passed in, so a
// caller can bring a subset of the zones (the web page ships the cloud regions' zones first).
import type { ElectricityMapsYear } from "@tgwf/co2/data/electricity-maps";
import { countries } from "./countries.generated.ts";
import type { GridData, GridZone } from "./types.ts";

/** Year attributed to the Ember country averages shipped in @tgwf/co2 0.19 (latest annual values). */
export const EMBER_YEAR = 2024;

/** The fields of one year's Electricity Maps table that the grid data reads. */
export type ZoneYearTable = {
  readonly data: Readonly<
    Record<
      string,
      {
        readonly zone: Pick<ElectricityMapsYear["data"][string]["zone"], "zoneName" | "displayName">;
        readonly carbonIntensity?: { readonly value: number } | undefined;
      }
    >
  >;
};

interface ZoneDraft {
  id: string;
  name: string;
  country?: string;
  byYear: Map<number, number>;
  sources: Map<number, string>;
}

/**
 * Grid data from Electricity Maps yearly tables (`[year, table]`, ascending) and Ember's latest country
 * averages keyed by ISO alpha-3.
 *
 * @example
 * gridDataFrom([[2025, yearly2025]], averageIntensity.data).zones.get("FR")?.intensityGPerKWhByYear.get(2025)
 */
export const gridDataFrom = (
  yearly: readonly (readonly [number, ZoneYearTable])[],
  emberByAlpha3: Readonly<Record<string, number>>,
): GridData => {
  const zones = new Map<string, ZoneDraft>();
  for (const [year, table] of yearly) {
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
  return gridDataWith(
    gridZones,
    yearly.map(([year]) => year),
    emberByAlpha3,
  );
};

/**
 * Grid data around zones already built (keyed by upper-case id), with the years they cover and Ember's
 * latest country averages keyed by ISO alpha-3.
 *
 * @example
 * gridDataWith(new Map(), [2025], { WORLD: 473 }).emberByAlpha3.get("WORLD") // 473
 */
export const gridDataWith = (
  zones: ReadonlyMap<string, GridZone>,
  years: readonly number[],
  emberByAlpha3: Readonly<Record<string, number>>,
): GridData => ({
  zones,
  emberByAlpha3: new Map(Object.entries(emberByAlpha3)),
  emberSource: "ember-yearly",
  emberYear: EMBER_YEAR,
  years,
  alpha3ByAlpha2: new Map(countries.map(([a2, a3]) => [a2, a3])),
  countryNameByAlpha2: new Map(countries.map(([a2, , name]) => [a2, name])),
});
