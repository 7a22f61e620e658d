import type { LocationFactors } from "../resolve-location.ts";
import type { Dataset, Factor } from "../types.ts";

/** The market-based view: emissions after the provider's renewable matching, and its factor. */
export interface MarketView {
  readonly marketBasedKg: number;
  readonly factor: Factor;
}

/**
 * Stage 7: the market-based figure after the region's (else the provider's) published renewable
 * matching; null when none is published. Shown beside the location-based figure, never subtracted.
 */
export const marketViewOf = (
  dataset: Dataset,
  emissionsKg: number,
  where: LocationFactors,
): MarketView | null => {
  const match = where.region?.renewableMatch ?? where.provider?.renewableMatch;
  if (match === undefined) return null;
  return {
    marketBasedKg: emissionsKg * (1 - match.value),
    factor: {
      name: `${where.location.providerName} renewable matching`,
      value: match.value,
      unit: "share",
      kind: "published",
      source: dataset.sources.get(match.source) ?? null,
      year: match.year,
      note: "market-based view only; never subtracted from the location-based figure",
    },
  };
};
