import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { tryEstimateWith } from "../core/estimate.ts";
import { dataset } from "../data/index.ts";
import { jobFactorsOf } from "./job-factors.ts";
import { MIN_NORMAL } from "./number-cell.ts";
import {
  emptyPricedRow,
  type LeanFactors,
  priceBands,
  pricedFrom,
  priceLean,
  sameFigures,
  underflowed,
} from "./priced-row.ts";

/** Round factors so that every figure below is exact in binary and checked by hand. */
const FACTORS: LeanFactors = {
  powerW: 250,
  lowW: 125,
  highW: 500,
  pue: 1.5,
  pueLow: 1.25,
  pueHigh: 2,
  intensity: 400,
  intensityLow: 200,
  intensityHigh: 800,
};

describe("priceBands and priceLean", () => {
  test("energy, facility energy, emissions and the range, by hand", () => {
    const row = emptyPricedRow();
    priceLean(FACTORS, 4, 2, row);
    // 4 × 250 W × 2 h = 2 kWh; × 1.5 = 3 kWh; × 400 g/kWh = 1.2 kg.
    // Low: 4 × 125 W × 2 h = 1 kWh × 1.25 × 200 g = 0.25 kg. High: 4 kWh × 2 × 800 g = 6.4 kg.
    assert.deepEqual(row, {
      energyKWh: 2,
      facilityEnergyKWh: 3,
      emissionsKg: 1.2,
      lowKg: 0.25,
      highKg: 6.4,
      intensityGPerKWh: 400,
      pue: 1.5,
    });
  });

  test("priceLean is priceBands at count × the device band", () => {
    const a = emptyPricedRow();
    const b = emptyPricedRow();
    priceLean(FACTORS, 3, 7.25, a);
    priceBands(FACTORS, 750, 375, 1500, 7.25, b);
    assert.deepEqual(a, b);
  });

  test("the engine's figures bit for bit, for a catalog GPU in a cloud region, over many counts and hours", () => {
    const input = { hardware: "A100 SXM4 80GB", region: "gcp:us-central1" };
    const factors = jobFactorsOf(dataset, input);
    assert.ok(factors.ok && factors.lean, JSON.stringify(factors));
    const row = emptyPricedRow();
    for (const count of [1, 3, 8, 1000])
      for (const hours of [0.001, 0.1, 1, 2.5, 24, 8760]) {
        priceLean(factors, count, hours, row);
        const full = tryEstimateWith(dataset, { ...input, count, hours });
        assert.ok(full.ok);
        assert.ok(sameFigures(row, full.value), `${count} × ${hours} h`);
      }
  });
});

describe("pricedFrom and sameFigures", () => {
  test("a full result copied into a row has the same figures; any other figure differs", () => {
    const full = tryEstimateWith(dataset, { hardware: "T4", count: 2, hours: 3, country: "FR" });
    assert.ok(full.ok);
    const row = emptyPricedRow();
    pricedFrom(full.value, row);
    assert.ok(sameFigures(row, full.value));
    assert.equal(row.lowKg, full.value.range.lowKg);
    for (const key of Object.keys(row) as (keyof typeof row)[]) {
      const changed = { ...row, [key]: row[key] * (1 + Number.EPSILON * 4) };
      assert.equal(sameFigures(changed, full.value), false, key);
    }
  });
});

describe("underflowed", () => {
  const row = (energyKWh: number, emissionsKg: number, intensityGPerKWh: number) => ({
    ...emptyPricedRow(),
    energyKWh,
    emissionsKg,
    intensityGPerKWh,
  });

  test("energy below the smallest normal double, or 0, or NaN", () => {
    assert.equal(underflowed(row(MIN_NORMAL, 1, 100)), false);
    assert.equal(underflowed(row(MIN_NORMAL / 2, 1, 100)), true);
    assert.equal(underflowed(row(0, 0, 100)), true);
    assert.equal(underflowed(row(Number.NaN, 1, 100)), true);
  });

  test("emissions underflow only matter at a non-zero intensity", () => {
    assert.equal(underflowed(row(1, 0, 0)), false);
    assert.equal(underflowed(row(1, MIN_NORMAL / 4, 100)), true);
    assert.equal(underflowed(row(1, MIN_NORMAL, 100)), false);
  });
});
