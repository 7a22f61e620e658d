import type { EmbodiedFactor } from "../data/types.ts";
import { Mlco2Error } from "./errors.ts";
import { outOfRange } from "./problems.ts";

/** Hours in a year of service (365 days). */
export const HOURS_PER_YEAR = 8760;

/** Some identical parts a job holds: how many, and the manufacturing emissions of one. */
export interface EmbodiedPartInput {
  /** What they are, e.g. "8 × NVIDIA A100 SXM4 80GB" or "server". */
  readonly label: string;
  /** How many (devices, GB of memory, servers); may be fractional (a share of a server). */
  readonly count: number;
  /** Manufacturing emissions of one, kg CO2eq, with its range. */
  readonly factor: Pick<EmbodiedFactor, "value" | "range">;
}

/** What a job's share of its hardware's manufacturing emissions depends on. */
export interface EmbodiedInput {
  /** The parts the job holds for its whole duration. */
  readonly parts: readonly EmbodiedPartInput[];
  /** Hours the job holds them. */
  readonly hours: number;
  /** Service life of the hardware, years. */
  readonly lifeYears: number;
  /** Shortest and longest plausible life, years (default: `lifeYears` exactly); the band uses them. */
  readonly lifeYearsRange?: { readonly low: number; readonly high: number };
  /** Share of the service life the hardware is in use (0–1]; its manufacture is spread over those hours. Default 1. */
  readonly useShare?: number;
}

/** A job's share of manufacturing emissions, total and per part, with the low/high band. */
export interface EmbodiedShare {
  /** kg CO2eq, central. */
  readonly kg: number;
  /** Low end: each part's low figure over the longest life. */
  readonly lowKg: number;
  /** High end: each part's high figure over the shortest life. */
  readonly highKg: number;
  /** Hours over which one unit's manufacture is spread (life × 8,760 × use share). */
  readonly amortisedHours: number;
  /** Each part's share, kg CO2eq, central. */
  readonly parts: readonly { readonly label: string; readonly kg: number }[];
}

/**
 * The shares without checking the inputs (the engine's numbers stage has): Σ count × kg per unit ×
 * hours / (life years × 8,760 × use share).
 */
export const embodiedShareOf = (input: EmbodiedInput): EmbodiedShare => {
  const useShare = input.useShare ?? 1;
  const life = input.lifeYearsRange ?? { low: input.lifeYears, high: input.lifeYears };
  const perYear = HOURS_PER_YEAR * useShare;
  const amortisedHours = input.lifeYears * perYear;
  const share = input.hours / amortisedHours;
  const lowShare = input.hours / (life.high * perYear);
  const highShare = input.hours / (life.low * perYear);
  let kg = 0;
  let lowKg = 0;
  let highKg = 0;
  const parts = input.parts.map((part) => {
    const partKg = part.count * part.factor.value * share;
    kg += partKg;
    lowKg += part.count * part.factor.range.low * lowShare;
    highKg += part.count * part.factor.range.high * highShare;
    return { label: part.label, kg: partKg };
  });
  return { kg, lowKg, highKg, amortisedHours, parts };
};

/**
 * The job's share of the manufacturing emissions of the hardware it holds, SCI-style:
 * Σ count × kg per unit × hours / (life years × 8,760 × use share). The band takes each factor's range
 * (and the life's, when given). Throws {@link Mlco2Error} on a negative duration, a life of 0 years or
 * a use share outside (0, 1].
 *
 * @example
 * // 384 A100s (150 kg) and 48 servers (2,500 kg) for 2,820.3 h, 6-year life used 85 % of the time
 * embodiedKgOf({ parts: [{ label: "GPUs", count: 384, factor: { value: 150, range: { low: 150, high: 318 } } },
 *   { label: "servers", count: 48, factor: { value: 2500, range: { low: 970, high: 2500 } } }],
 *   hours: 2820.3, lifeYears: 6, useShare: 0.85 }).kg // ≈ 11,211
 */
export const embodiedKgOf = (input: EmbodiedInput): EmbodiedShare => {
  const useShare = input.useShare ?? 1;
  const range = input.lifeYearsRange;
  if (!(input.hours >= 0))
    throw new Mlco2Error([outOfRange("hours", input.hours, "a number of hours, 0 or more")]);
  if (!(input.lifeYears > 0))
    throw new Mlco2Error([outOfRange("lifeYears", input.lifeYears, "a number of years above 0")]);
  if (
    range !== undefined &&
    !(range.low > 0 && range.low <= input.lifeYears && input.lifeYears <= range.high)
  )
    throw new Mlco2Error([outOfRange("lifeYearsRange", range, "a range above 0 that contains lifeYears")]);
  if (!(useShare > 0 && useShare <= 1))
    throw new Mlco2Error([outOfRange("useShare", useShare, "a share above 0 and at most 1")]);
  return embodiedShareOf(input);
};
