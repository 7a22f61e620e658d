// Where the same IT energy would have emitted least: each provider's cleanest region (PUE × intensity)
// for the grid year, ranked. Pure over the dataset.
import { cleanestRegionOf } from "../core/cleanest-region.ts";
import type { Dataset } from "../core/types.ts";
import { emissionsKgFrom } from "../core/units.ts";

/** One provider's cleanest region for the run. */
export interface RegionChoice {
  /** `provider:region`. */
  readonly region: string;
  /** The provider's name for it. */
  readonly name: string;
  /** Its PUE (published, else the default). */
  readonly pue: number;
  /** Its grid intensity for the year, gCO2eq/kWh. */
  readonly intensityGPerKWh: number;
  /** The run's IT energy there, kg CO2eq. */
  readonly emissionsKg: number;
}

/**
 * Each provider's cleanest region for `energyKWh` in `year` (default: the latest grid year), lowest
 * emissions first.
 *
 * @example
 * cleanestRegionsFor(dataset, 120, 2024)[0] // { region: "gcp:…", emissionsKg: … }
 */
export const cleanestRegionsFor = (
  dataset: Dataset,
  energyKWh: number,
  year: number | null,
): RegionChoice[] => {
  const gridYear = year ?? dataset.grid.years.at(-1) ?? null;
  if (gridYear === null) return [];
  const choices: RegionChoice[] = [];
  for (const provider of dataset.providers) {
    const best = cleanestRegionOf(dataset, provider.id, gridYear);
    if (best === null) continue;
    choices.push({
      region: `${best.region.provider}:${best.region.id}`,
      name: best.region.name,
      pue: best.pue,
      intensityGPerKWh: best.intensityGPerKWh,
      emissionsKg: emissionsKgFrom(energyKWh * best.pue, best.intensityGPerKWh),
    });
  }
  return choices.sort((a, b) => a.emissionsKg - b.emissionsKg);
};
