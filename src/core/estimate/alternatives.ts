import { cleanestRegionOf } from "../cleanest-region.ts";
import { indexOf, remember } from "../dataset-index.ts";
import type { LocationFactors } from "../resolve-location.ts";
import type { Alternative, Dataset, Factor } from "../types.ts";
import { emissionsKgFrom } from "../units.ts";

/**
 * Stage 8: the same IT energy in the provider's cleanest region (its own PUE and intensity), or null
 * outside the cloud or without a grid year.
 */
export const cleanestAlternativeOf = (
  dataset: Dataset,
  energyKWh: number,
  where: LocationFactors,
): Alternative | null => {
  if (where.provider === null || where.year === null) return null;
  const best = cleanestRegionOf(dataset, where.provider.id, where.year);
  if (best === null) return null;
  return {
    region: `${best.region.provider}:${best.region.id}`,
    emissionsKg: emissionsKgFrom(energyKWh * best.pue, best.intensityGPerKWh),
    intensityGPerKWh: best.intensityGPerKWh,
    pue: best.pue,
  };
};

const buildEquivalenceFactors = (dataset: Dataset): Factor[] => {
  const eq = dataset.defaults.equivalents;
  return (
    [
      ["car", eq.carKgPerKm, "kg CO2eq/km"],
      ["coal", eq.coalKgPerKg, "kg CO2/kg"],
      ["tree seedling (10 years)", eq.treeSeedlingKg, "kg CO2"],
      [`flight (${eq.flight.route})`, eq.flight, "kg CO2eq"],
    ] as const
  ).map(([name, value, unit]) => ({
    name: `equivalence: ${name}`,
    value: value.value,
    unit,
    kind: "published" as const,
    source: dataset.sources.get(value.source) ?? null,
    year: value.year,
  }));
};

/** The equivalence constants as factors (memoised: the same for every result). */
export const equivalenceFactorsOf = (dataset: Dataset): readonly Factor[] =>
  remember(indexOf(dataset).memos.constants, "equivalence", undefined, () =>
    buildEquivalenceFactors(dataset),
  );
