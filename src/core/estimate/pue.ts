import type { FacilityPue, LocationFactors } from "../resolve-location.ts";
import type { EstimateInput } from "../types.ts";

/** The PUE used, its band, its factor, the warning when it was assumed, and its derivation text. */
export type PueChoice = FacilityPue;

/**
 * Stage 5: the user's PUE (exact), else the one the location implies (published or assumed, banded; the
 * location's own memoised object, not a copy).
 *
 * @example
 * pueOf({ pue: 1.2 }, where, formatRatio).low // 1.2
 */
export const pueOf = (
  input: EstimateInput,
  where: LocationFactors,
  format: (v: number) => string,
): PueChoice => {
  if (input.pue === undefined) return where.facilityPue;
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
