import type { EquivalenceFactors, Equivalents } from "./types.ts";

/**
 * Everyday equivalents of an amount of CO2eq (US EPA equivalencies and a flight comparison).
 *
 * @example
 * equivalentsOf(100, factors).carKm // ≈ 410 km
 */
export const equivalentsOf = (emissionsKg: number, factors: EquivalenceFactors): Equivalents => ({
  carKm: emissionsKg / factors.carKgPerKm.value,
  coalKg: emissionsKg / factors.coalKgPerKg.value,
  treeSeedlings10y: emissionsKg / factors.treeSeedlingKg.value,
  flights: { route: factors.flight.route, count: emissionsKg / factors.flight.value },
});
