import type { FactorKind, Source } from "../data/types.ts";
import type { RawPoint, SeriesFactor, SignalKind } from "./series.ts";
import { formatInstant } from "./time.ts";

/** What a factor for a run of readings says besides the numbers. */
export interface SeriesFactorInput {
  /** e.g. "grid intensity series (DE, Electricity Maps history)". */
  readonly name: string;
  /** measured / published / estimated / user. */
  readonly kind: FactorKind;
  /** The source, or null for a user's file. */
  readonly source: Source | null;
  /** When it was read from an API (ISO 8601), or null. */
  readonly retrievedAt: string | null;
  /** Average or marginal. */
  readonly signal: SignalKind;
  /** Caveat. */
  readonly note?: string;
}

/** Describes a run of readings as one factor: its mean, the year it speaks for, its span. */
export const seriesFactorOf = (points: readonly RawPoint[], input: SeriesFactorInput): SeriesFactor => {
  let sum = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    sum += p.gPerKWh;
    if (p.atMs < first) first = p.atMs;
    if (p.atMs > last) last = p.atMs;
  }
  const mean = points.length === 0 ? Number.NaN : sum / points.length;
  const signalNote =
    input.signal === "marginal" ? "marginal emission rate (MOER)" : "average intensity of the grid mix";
  return {
    name: input.name,
    value: mean,
    unit: "g/kWh",
    kind: input.kind,
    source: input.source,
    year: points.length === 0 ? null : Number(formatInstant(first).slice(0, 4)),
    note: `mean of ${points.length} readings; ${signalNote}${input.note === undefined ? "" : `; ${input.note}`}`,
    retrievedAt: input.retrievedAt,
    firstReading: points.length === 0 ? "" : formatInstant(first),
    lastReading: points.length === 0 ? "" : formatInstant(last),
  };
};
