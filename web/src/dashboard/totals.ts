// Totals as the project view shows them: periods newest first, and the whole span per origin (the sum of
// its periods; origins are never added together). Pure.

import type { Period } from "./api-schemas.ts";
import type { Origin } from "./route.ts";

/** Figures of one origin over every period shown. */
export interface OriginTotals {
  readonly origin: Origin;
  readonly energyKWh: number;
  readonly facilityEnergyKWh: number;
  readonly emissionsKg: number;
  readonly lowKg: number;
  readonly highKg: number;
  readonly unrangedKg: number;
  readonly marketBasedKg: number;
  readonly marketCoveredKg: number;
}

const ORDER: Record<Origin, number> = { tracker: 0, estimate: 1, codecarbon: 2 };

/** Periods newest first, origins in a fixed order within a period. */
export const periodsNewestFirst = (periods: readonly Period[]): Period[] =>
  [...periods].sort((a, b) => b.period.localeCompare(a.period) || ORDER[a.origin] - ORDER[b.origin]);

/**
 * Each origin's sum over the periods (runs are not summed: a run spans several periods).
 *
 * @example
 * originTotalsOf([{ origin: "tracker", energyKWh: 1, … }, { origin: "tracker", energyKWh: 2, … }])
 * // [{ origin: "tracker", energyKWh: 3, … }]
 */
export const originTotalsOf = (periods: readonly Period[]): OriginTotals[] => {
  const byOrigin = new Map<Origin, OriginTotals>();
  for (const p of periods) {
    const sum = byOrigin.get(p.origin);
    byOrigin.set(p.origin, {
      origin: p.origin,
      energyKWh: (sum?.energyKWh ?? 0) + p.energyKWh,
      facilityEnergyKWh: (sum?.facilityEnergyKWh ?? 0) + p.facilityEnergyKWh,
      emissionsKg: (sum?.emissionsKg ?? 0) + p.emissionsKg,
      lowKg: (sum?.lowKg ?? 0) + p.lowKg,
      highKg: (sum?.highKg ?? 0) + p.highKg,
      unrangedKg: (sum?.unrangedKg ?? 0) + p.unrangedKg,
      marketBasedKg: (sum?.marketBasedKg ?? 0) + p.marketBasedKg,
      marketCoveredKg: (sum?.marketCoveredKg ?? 0) + p.marketCoveredKg,
    });
  }
  return [...byOrigin.values()].sort((a, b) => ORDER[a.origin] - ORDER[b.origin]);
};
