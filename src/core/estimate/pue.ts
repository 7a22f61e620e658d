import type { LocationFactors } from "../resolve-location.ts";
import type { EstimateInput, Factor } from "../types.ts";

/** The PUE used, its band, its factor, the warning when it was assumed, and its derivation text. */
export interface PueChoice {
  readonly pue: number;
  readonly low: number;
  readonly high: number;
  readonly factor: Factor;
  readonly warning: string | null;
  readonly text: string;
}

/**
 * Stage 5: the user's PUE (exact), else the one the location implies (published or assumed, banded).
 *
 * @example
 * pueOf({ pue: 1.2 }, where).low // 1.2
 */
export const pueOf = (
  input: EstimateInput,
  where: LocationFactors,
  format: (v: number) => string,
): PueChoice => {
  if (input.pue === undefined) {
    const facility = where.facilityPue;
    return {
      pue: facility.value,
      low: facility.low,
      high: facility.high,
      factor: facility.factor,
      warning: facility.warning,
      text: facility.text,
    };
  }
  const pue = input.pue;
  return {
    pue,
    low: pue,
    high: pue,
    factor: { name: "PUE", value: pue, unit: "", kind: "user", source: null, year: null },
    warning: null,
    text: format(pue),
  };
};
