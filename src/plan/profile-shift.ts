import type { IntensitySeries } from "./series.ts";

/** Milliseconds in a minute: the grain at which a run's energy is kept and shifted. */
export const MS_PER_MINUTE = 60_000;

/**
 * A run's facility energy minute by minute (each interval's energy in the minute of its midpoint):
 * `kWh[i]` belongs to the minute starting at `(startMinute + i) × 60 s` since the epoch.
 */
export interface EnergyProfile {
  /** First minute, whole minutes since the epoch. */
  readonly startMinute: number;
  /** Facility energy per minute, kWh. */
  readonly kWh: Float64Array;
}

/** The series' value for the period holding `ms`; NaN outside the series or in a gap. */
export const seriesValueAt = (series: IntensitySeries, ms: number): number => {
  const i = Math.floor((ms - series.startMs) / series.stepMs);
  return i < 0 || i >= series.values.length ? Number.NaN : (series.values[i] as number);
};

/** The series' period index holding `ms`, or −1 outside it. */
export const seriesIndexAt = (series: IntensitySeries, ms: number): number => {
  const i = Math.floor((ms - series.startMs) / series.stepMs);
  return i < 0 || i >= series.values.length ? -1 : i;
};

/** What pricing a profile gave: grams, and the energy priced by each origin (−1: the fallback figure). */
export interface PricedProfile {
  /** Emissions, gCO2eq. */
  readonly grams: number;
  /** kWh per origin: the `origins` value of the series period used, or −1 where the fallback stood in. */
  readonly kWhByOrigin: ReadonlyMap<number, number>;
}

/**
 * Prices each minute of a profile at the series' value for that minute (a period's value holds for the
 * whole period), or at `fallbackGPerKWh` where the series has no reading. `origins[i]` labels period i
 * (e.g. which answer it came from); without it every series period counts as origin 0.
 *
 * @example
 * // 1 kWh in the minute 00:30 of an hourly series whose 00:00 value is 200: 200 g
 * priceProfile({ startMinute: 30, kWh: Float64Array.of(1) }, { startMs: 0, stepMs: 3_600_000, values: Float64Array.of(200), … }, 400).grams // 200
 */
export const priceProfile = (
  profile: EnergyProfile,
  series: IntensitySeries | null,
  fallbackGPerKWh: number,
  origins?: Int32Array,
): PricedProfile => {
  let grams = 0;
  const kWhByOrigin = new Map<number, number>();
  const add = (origin: number, kWh: number) => kWhByOrigin.set(origin, (kWhByOrigin.get(origin) ?? 0) + kWh);
  for (let i = 0; i < profile.kWh.length; i++) {
    const kWh = profile.kWh[i] as number;
    if (kWh === 0) continue;
    const ms = (profile.startMinute + i) * MS_PER_MINUTE;
    const index = series === null ? -1 : seriesIndexAt(series, ms);
    const value = index < 0 || series === null ? Number.NaN : (series.values[index] as number);
    if (Number.isNaN(value)) {
      grams += kWh * fallbackGPerKWh;
      add(-1, kWh);
    } else {
      grams += kWh * value;
      add(origins === undefined ? 0 : (origins[index] as number), kWh);
    }
  }
  return { grams, kWhByOrigin };
};

/** The cleanest shift of a profile. */
export interface ShiftSearch {
  /** Minutes the run would have moved (negative: earlier); 0 when it already ran at the best time. */
  readonly shiftMin: number;
  /** Its emissions, gCO2eq. */
  readonly grams: number;
  /** The emissions of the run where it ran, priced the same way (null when the series does not cover it). */
  readonly unshiftedGrams: number | null;
  /** The range of shifts that the series covers for the whole run, minutes. */
  readonly fromMin: number;
  readonly toMin: number;
  /** Shifts priced. */
  readonly candidates: number;
}

const TIE = 1e-12;

/**
 * Moves the whole profile by every whole minute from −maxShiftMin to +maxShiftMin and prices it against
 * the series; returns the cheapest shift (the smallest move among equals, the earlier among those), or
 * null when no shift has readings for every minute that used energy. A per-minute table of the series
 * over the span is built once; each shift then costs one pass over the minutes that used energy.
 */
export const bestShift = (
  profile: EnergyProfile,
  series: IntensitySeries,
  maxShiftMin: number,
): ShiftSearch | null => {
  const used: number[] = [];
  const energy: number[] = [];
  for (let i = 0; i < profile.kWh.length; i++) {
    const kWh = profile.kWh[i] as number;
    if (kWh > 0) {
      used.push(i);
      energy.push(kWh);
    }
  }
  if (used.length === 0) return null;
  const span = profile.kWh.length + 2 * maxShiftMin;
  const table = new Float64Array(span);
  for (let m = 0; m < span; m++)
    table[m] = seriesValueAt(series, (profile.startMinute - maxShiftMin + m) * MS_PER_MINUTE);
  let best: { shiftMin: number; grams: number } | null = null;
  let unshiftedGrams: number | null = null;
  let fromMin = Number.POSITIVE_INFINITY;
  let toMin = Number.NEGATIVE_INFINITY;
  let candidates = 0;
  for (let shift = -maxShiftMin; shift <= maxShiftMin; shift++) {
    let grams = 0;
    for (let k = 0; k < used.length; k++) {
      grams += (energy[k] as number) * (table[(used[k] as number) + shift + maxShiftMin] as number);
    }
    if (Number.isNaN(grams)) continue;
    candidates++;
    if (shift < fromMin) fromMin = shift;
    if (shift > toMin) toMin = shift;
    if (shift === 0) unshiftedGrams = grams;
    const scale = TIE * Math.max(1, Math.abs(grams));
    if (
      best === null ||
      grams < best.grams - scale ||
      (grams <= best.grams + scale && Math.abs(shift) < Math.abs(best.shiftMin))
    ) {
      best = { shiftMin: shift, grams };
    }
  }
  if (best === null) return null;
  return { ...best, unshiftedGrams, fromMin, toMin, candidates };
};
