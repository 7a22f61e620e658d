import type { FacilityPue, LocationFactors } from "../resolve-location.ts";
import type { EstimateInput } from "../types.ts";

/** The PUE used, its band, its factor, the warning when it was assumed, and its derivation text. */
export type PueChoice = FacilityPue;

/**
 * Stage 5: the user's PUE (exact), else the one the location implies (published or assumed, banded; the
 * location's own memoised object, not a copy), or for an instance type located by country or zone, its
 * provider's (`facilityOf`).
 *
 * @example
 * pueOf({ pue: 1.2 }, where, formatRatio).low // 1.2
 */
export const pueOf = (
  input: EstimateInput,
  where: LocationFactors,
  format: (v: number) => string,
  facilityOf: ((provider: string) => PueChoice) | null = null,
  instanceProvider: string | null = null,
): PueChoice => {
  if (input.pue === undefined) {
    // An instance located by country or zone still runs in its provider's facility.
    if (where.provider === null && instanceProvider !== null && facilityOf !== null)
      return facilityOf(instanceProvider);
    return where.facilityPue;
  }
  const value = input.pue;
  return {
    value,
    low: value,
    high: value,
    factor: { name: "PUE", value, unit: "", kind: "user", source: null, year: null },
    warning: null,
    text: format(value),
  };
};
