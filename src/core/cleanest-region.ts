import type { CloudRegion } from "../data/types.ts";
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
