import type { CloudRegion, GridZone } from "../data/types.ts";
import { indexOf, remember } from "./dataset-index.ts";
import { publishedPueOf } from "./published-pue.ts";
import { zoneIntensity } from "./resolve-location.ts";
import type { Dataset } from "./types.ts";

/** A region with the PUE and intensity an alternative would use. */
export interface RegionFactors {
  /** The region. */
  readonly region: CloudRegion;
  /** Its published PUE (region, else provider fleet, else 1). */
  readonly pue: number;
  /** Its zone's intensity for the year, gCO2eq/kWh. */
  readonly intensityGPerKWh: number;
}

/** PUE × intensity inputs for every region of a provider that has data for the year. */
export const regionFactorsOf = (dataset: Dataset, providerId: string, year: number): RegionFactors[] => {
  const index = indexOf(dataset);
  const out: RegionFactors[] = [];
  for (const region of index.regionsByProvider.get(providerId) ?? []) {
    const zone = index.zoneById.get(region.gridZone.toUpperCase());
    const intensity = zone === undefined ? undefined : zoneIntensity(zone, year);
    if (intensity === undefined) continue;
    const pue = publishedPueOf(dataset, region)?.value.value ?? dataset.defaults.unknownFacilityPue.value;
    out.push({ region, pue, intensityGPerKWh: intensity });
  }
  return out;
};

/** The provider's region with the lowest PUE × intensity for the year (memoised per dataset). */
export const cleanestRegionOf = (
  dataset: Dataset,
  providerId: string,
  year: number,
): RegionFactors | null => {
  return remember(indexOf(dataset).memos.cleanest, providerId, year, () => {
    let best: RegionFactors | null = null;
    for (const candidate of regionFactorsOf(dataset, providerId, year)) {
      if (best === null || candidate.pue * candidate.intensityGPerKWh < best.pue * best.intensityGPerKWh) {
        best = candidate;
      }
    }
    return best;
  });
};

/**
 * The grid zone of a country (ISO alpha-2) with the lowest yearly intensity for the year, among the
 * zones that have a figure that year; null when none has.
 *
 * @example
 * cleanestZoneOf(dataset, "US", 2024) // { zone: { id: "US-NW-…", … }, intensityGPerKWh: … }
 */
export const cleanestZoneOf = (
  dataset: Dataset,
  country: string,
  year: number,
): { readonly zone: GridZone; readonly intensityGPerKWh: number } | null => {
  const wanted = country.toUpperCase();
  let best: { zone: GridZone; intensityGPerKWh: number } | null = null;
  for (const zone of dataset.grid.zones.values()) {
    if (zone.country?.toUpperCase() !== wanted) continue;
    const intensity = zoneIntensity(zone, year);
    if (intensity === undefined) continue;
    if (best === null || intensity < best.intensityGPerKWh) best = { zone, intensityGPerKWh: intensity };
  }
  return best;
};
