import type { EmbodiedFactor } from "../data/types.ts";
import { Mlco2Error } from "./errors.ts";

const HOURS_PER_YEAR = 8760;

/** Some identical parts a job holds: how many, and the manufacturing emissions of one. */
export interface EmbodiedPart {
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
  readonly parts: readonly EmbodiedPart[];
  /** Hours the job holds them. */
  readonly hours: number;
  /** Service life of the hardware, years. */
  readonly lifeYears: number;
  /** Share of the service life the hardware is in use (0–1]; its manufacture is spread over those hours. Default 1. */
  readonly useShare?: number;
}

/** A job's share of manufacturing emissions, total and per part, with the low/high band. */
export interface EmbodiedShare {
  /** kg CO2eq, central. */
  readonly kg: number;
  readonly lowKg: number;
  readonly highKg: number;
  /** Hours over which one unit's manufacture is spread (life × 8,760 × use share). */
  readonly amortisedHours: number;
  /** Each part's share, kg CO2eq, central. */
  readonly parts: readonly { readonly label: string; readonly kg: number }[];
}

/**
 * The job's share of the manufacturing emissions of the hardware it holds, SCI-style:
 * Σ count × kg per unit × hours / (life years × 8,760 × use share). The band takes each factor's range.
 *
 * @example
 * // 384 A100s (150 kg) and 48 servers (2,500 kg) for 2,820.3 h, 6-year life used 85 % of the time
 * embodiedKgOf({ parts: [{ label: "GPUs", count: 384, factor: { value: 150, range: { low: 150, high: 318 } } },
 *   { label: "servers", count: 48, factor: { value: 2500, range: { low: 970, high: 2500 } } }],
 *   hours: 2820.3, lifeYears: 6, useShare: 0.85 }).kg // ≈ 11,211
 */
export const embodiedKgOf = (input: EmbodiedInput): EmbodiedShare => {
  const useShare = input.useShare ?? 1;
  const bad = (path: string, value: number, allowed: string) =>
    new Mlco2Error([
      { code: "out-of-range", path, message: `${path}: ${value} is not allowed; use ${allowed}` },
    ]);
  if (!(input.hours >= 0)) throw bad("hours", input.hours, "a number of hours, 0 or more");
  if (!(input.lifeYears > 0)) throw bad("lifeYears", input.lifeYears, "a number of years above 0");
  if (!(useShare > 0 && useShare <= 1)) throw bad("useShare", useShare, "a share above 0 and at most 1");
  const amortisedHours = input.lifeYears * HOURS_PER_YEAR * useShare;
  const share = input.hours / amortisedHours;
  let kg = 0;
  let lowKg = 0;
  let highKg = 0;
  const parts = input.parts.map((part) => {
    const partKg = part.count * part.factor.value * share;
    kg += partKg;
    lowKg += part.count * part.factor.range.low * share;
    highKg += part.count * part.factor.range.high * share;
    return { label: part.label, kg: partKg };
  });
  return { kg, lowKg, highKg, amortisedHours, parts };
};
