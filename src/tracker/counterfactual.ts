import { cleanestZoneOf } from "../core/cleanest-region.ts";
import { formatQuantity } from "../core/format-number.ts";
import type { Counterfactual, Dataset, EstimateResult } from "../core/types.ts";
import type { BestWindow } from "./intensity-feed.ts";

/** What the run's counterfactual is computed from. */
export interface CounterfactualInput {
  /** The dataset. */
  readonly dataset: Dataset;
  /** The engine's result for 1 kWh of IT energy at the location (its alternatives are per kWh). */
  readonly perKWh: EstimateResult;
  /** The run's IT energy, kWh. */
  readonly energyKWh: number;
  /** The run's PUE. */
  readonly pue: number;
  /** The best window within ±12 h, or why there is none. */
  readonly bestWindow: BestWindow;
  /** True when no location was given (the world average stood in). */
  readonly locationMissing: boolean;
}

/** The cleanest allowed region: the provider's (cloud), else the country's grid zones. */
const cleanestOf = (
  input: CounterfactualInput,
): Pick<
  Counterfactual,
  "cleanestRegionKg" | "cleanestRegion" | "cleanestRegionScope" | "cleanestRegionNote" | "sameRegionYearlyKg"
> => {
  const { perKWh, energyKWh } = input;
  const location = perKWh.job.location;
  const year = perKWh.job.year;
  // Where it ran, at the same yearly average the alternatives use: the like-for-like baseline.
  const sameRegionYearlyKg = perKWh.emissionsKg * energyKWh;
  const none = (note: string) => ({
    sameRegionYearlyKg: null,
    cleanestRegionKg: null,
    cleanestRegion: null,
    cleanestRegionScope: null,
    cleanestRegionNote: note,
  });
  if (input.locationMissing) return none("no location given, so no region to compare");
  if (location.by === "intensity")
    return none("the location is an explicit intensity, so no region to compare");
  if (location.by === "region") {
    const alt = perKWh.alternatives.cleanestInProvider;
    const provider = location.providerName ?? location.provider ?? "the provider";
    if (alt === null) return none(`${provider} has no region with grid data for ${year ?? "the year"}`);
    const own = `${location.provider}:${location.region}` === alt.region;
    return {
      sameRegionYearlyKg,
      cleanestRegionKg: alt.emissionsKg * energyKWh,
      cleanestRegion: alt.region,
      cleanestRegionScope: "provider",
      cleanestRegionNote: `${own ? "already " : ""}the cleanest region of ${provider} (lowest PUE × intensity): ${formatQuantity(alt.intensityGPerKWh)} g/kWh, ${year} yearly average, at its published PUE ${alt.pue}`,
    };
  }
  const country = location.country;
  if (country === undefined || year === null)
    return none("the location has no country, so no zones to compare");
  const best = cleanestZoneOf(input.dataset, country, year);
  if (best === null) return none(`no grid zone of ${country} has a figure for ${year}`);
  const own = best.zone.id.toUpperCase() === location.zone?.toUpperCase();
  return {
    sameRegionYearlyKg,
    cleanestRegionKg: (energyKWh * input.pue * best.intensityGPerKWh) / 1000,
    cleanestRegion: best.zone.id,
    cleanestRegionScope: "country",
    cleanestRegionNote: `${own ? "already " : ""}the cleanest grid zone of ${country} (not a cloud region: the country's zones are compared): ${best.zone.name}, ${formatQuantity(best.intensityGPerKWh)} g/kWh, ${year} yearly average, at the run's PUE`,
  };
};

/**
 * What the same energy would have emitted at the best time within ±12 h (from the time-resolved
 * intensity, when there is one) and in the cleanest allowed region (at yearly averages); null when
 * neither can be known.
 */
export const counterfactualOf = (input: CounterfactualInput): Counterfactual | null => {
  const region = cleanestOf(input);
  if (input.bestWindow.kg === null && region.cleanestRegionKg === null) return null;
  return {
    bestWindowKg: input.bestWindow.kg,
    bestWindowStart: input.bestWindow.start,
    bestWindowNote: input.bestWindow.note,
    ...region,
  };
};

/** The best-window half when no time-resolved source was given. */
export const NO_SERIES_WINDOW: BestWindow = {
  kg: null,
  start: null,
  note: "no time-resolved intensity asked for (--source electricitymaps, watttime, or file with --series)",
};
