import type { CloudRegion } from "../data/types.ts";
import { indexOf } from "./dataset-index.ts";
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

/** Published PUE of a region: its own, else its provider's fleet value, else undefined. */
export const publishedPueOf = (dataset: Dataset, region: CloudRegion) => {
  if (region.pue !== undefined) return { value: region.pue, scope: "region" as const };
  const provider = indexOf(dataset).providerByKey.get(region.provider);
  if (provider?.pue !== undefined) return { value: provider.pue, scope: "provider" as const };
  return undefined;
};

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
  const memo = indexOf(dataset).cleanestMemo;
  const key = `${providerId}|${year}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  let best: RegionFactors | null = null;
  for (const candidate of regionFactorsOf(dataset, providerId, year)) {
    if (best === null || candidate.pue * candidate.intensityGPerKWh < best.pue * best.intensityGPerKWh) {
      best = candidate;
    }
  }
  memo.set(key, best);
  return best;
};
