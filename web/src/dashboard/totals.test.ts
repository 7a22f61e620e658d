import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Period } from "./api-schemas.ts";
import { originTotalsOf, periodsNewestFirst } from "./totals.ts";

const period = (p: string, origin: Period["origin"], kg: number, extra: Partial<Period> = {}): Period => ({
  period: p,
  origin,
  runs: 1,
  energyKWh: kg * 10,
  facilityEnergyKWh: kg * 11,
  emissionsKg: kg,
  lowKg: kg * 0.5,
  highKg: kg * 2,
  unrangedKg: 0,
  marketBasedKg: 0,
  marketCoveredKg: 0,
  ...extra,
});

describe("project totals", () => {
  it("lists periods newest first, origins in a fixed order", () => {
    const sorted = periodsNewestFirst([
      period("2026-01-01", "tracker", 1),
      period("2026-02-01", "codecarbon", 1),
      period("2026-02-01", "tracker", 1),
      period("2026-02-01", "estimate", 1),
    ]);
    assert.deepEqual(
      sorted.map((p) => `${p.period} ${p.origin}`),
      ["2026-02-01 tracker", "2026-02-01 estimate", "2026-02-01 codecarbon", "2026-01-01 tracker"],
    );
  });

  it("sums each origin over its periods and never adds origins together", () => {
    const totals = originTotalsOf([
      period("2026-01-01", "tracker", 2, { marketBasedKg: 0.5, marketCoveredKg: 2 }),
      period("2026-02-01", "tracker", 3, { unrangedKg: 3, lowKg: 3, highKg: 3 }),
      period("2026-02-01", "codecarbon", 0.5, { unrangedKg: 0.5, lowKg: 0.5, highKg: 0.5 }),
    ]);
    assert.deepEqual(totals, [
      {
        origin: "tracker",
        energyKWh: 50,
        facilityEnergyKWh: 55,
        emissionsKg: 5,
        lowKg: 1 + 3,
        highKg: 4 + 3,
        unrangedKg: 3,
        marketBasedKg: 0.5,
        marketCoveredKg: 2,
      },
      {
        origin: "codecarbon",
        energyKWh: 5,
        facilityEnergyKWh: 5.5,
        emissionsKg: 0.5,
        lowKg: 0.5,
        highKg: 0.5,
        unrangedKg: 0.5,
        marketBasedKg: 0,
        marketCoveredKg: 0,
      },
    ]);
  });
});
