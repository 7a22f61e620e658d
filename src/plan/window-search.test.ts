import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { IntensitySeries } from "./series.ts";
import { MS_PER_HOUR } from "./time.ts";
import { indexSeries, searchWindows, windowIntegral } from "./window-search.ts";

const T0 = Date.UTC(2024, 0, 1);
const H = MS_PER_HOUR;
const hourly = (values: number[], startMs = T0): IntensitySeries => ({
  zone: "X",
  startMs,
  stepMs: H,
  values: Float64Array.from(values),
  signal: "average",
  factors: [],
  warnings: [],
});

describe("windowIntegral", () => {
  it("integrates whole and partial periods (each value holds for its whole hour)", () => {
    const index = indexSeries(hourly([400, 100, 100, 400]));
    assert.equal(windowIntegral(index, T0, 2 * H), 500);
    // 1.5 h from 00:30: half of 400 + all of 100 = 300 (g/kWh)·h
    assert.equal(windowIntegral(index, T0 + 0.5 * H, 1.5 * H), 300);
    assert.ok(Number.isNaN(windowIntegral(index, T0 + 3 * H, 2 * H)), "runs past the data");
    assert.ok(Number.isNaN(windowIntegral(index, T0 - H, 2 * H)), "starts before the data");
  });
});

describe("searchWindows", () => {
  it("finds best, worst and first of a 2 h job over [100, 200, 300, 400] by hand", () => {
    const found = searchWindows(indexSeries(hourly([100, 200, 300, 400])), 2 * H, T0, T0 + 2 * H);
    assert.deepEqual(found?.best, { startMs: T0, gramHoursPerKWh: 300 });
    assert.deepEqual(found?.worst, { startMs: T0 + 2 * H, gramHoursPerKWh: 700 });
    assert.deepEqual(found?.first, { startMs: T0, gramHoursPerKWh: 300 });
  });

  it("prices half-hour starts for a 1.5 h job: [400,100,100,400] → best 150 at 01:00 (earliest of equals)", () => {
    // Starts 0, 0.5, 1, 1.5, 2, 2.5 h give 450, 300, 150, 150, 300, 450.
    const found = searchWindows(indexSeries(hourly([400, 100, 100, 400])), 1.5 * H, T0, T0 + 10 * H);
    assert.equal(found?.best.startMs, T0 + H);
    assert.equal(found?.best.gramHoursPerKWh, 150);
    assert.equal(found?.worst.startMs, T0);
    assert.equal(found?.worst.gramHoursPerKWh, 450);
    assert.equal(found?.candidates, 6);
  });

  it("a 6.5 h job takes half of its seventh hour; the best start may fall on a half hour", () => {
    // 8 hours: cheap hours 1–6 and 7 is dear, hour 0 dearer. Start 00:30: 0.5·900 + 6·100 + 0 = 1050;
    // start 01:00: 6·100 + 0.5·500 = 850; start 00:00: 900 + 5·100 + 0.5·100 ... computed below.
    const values = [900, 100, 100, 100, 100, 100, 100, 500];
    const found = searchWindows(indexSeries(hourly(values)), 6.5 * H, T0, T0 + 24 * H);
    // Only starts in [0, 1.5 h] fit: 0 → 900+5·100+0.5·100 = 1450; 0.5 → 450+600 = 1050;
    // 1 → 600+250 = 850; 1.5 → 550+500 = 1050.
    assert.equal(found?.best.startMs, T0 + H);
    assert.equal(found?.best.gramHoursPerKWh, 850);
    assert.equal(found?.worst.gramHoursPerKWh, 1450);
  });

  it("skips windows that touch a gap, and says which start came first", () => {
    const found = searchWindows(indexSeries(hourly([100, Number.NaN, 100, 100, 100])), 2 * H, T0, T0 + 3 * H);
    assert.deepEqual(found?.first, { startMs: T0 + 2 * H, gramHoursPerKWh: 200 });
    assert.equal(found?.candidates, 2);
  });

  it("honours the allowed range and returns null when nothing fits", () => {
    const index = indexSeries(hourly([100, 200, 300, 400]));
    const found = searchWindows(index, H, T0 + 0.25 * H, T0 + 1.25 * H);
    assert.equal(found?.best.startMs, T0 + 0.25 * H);
    assert.equal(found?.best.gramHoursPerKWh, 125); // 0.75 h of 100 + 0.25 h of 200
    assert.equal(searchWindows(index, 5 * H, T0, T0 + 10 * H), null);
    assert.equal(searchWindows(index, H, T0 + 10 * H, T0 + 20 * H), null);
  });

  it("agrees with a brute-force scan at one-minute resolution on random series", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let trial = 0; trial < 20; trial++) {
      const values = Array.from({ length: 30 }, () => Math.round(50 + random() * 500));
      const index = indexSeries(hourly(values));
      const duration = Math.round((0.5 + random() * 8) * 60) * 60_000;
      const earliest = T0 + Math.round(random() * 5 * 60) * 60_000;
      const latest = earliest + Math.round(random() * 15 * 60) * 60_000;
      const found = searchWindows(index, duration, earliest, latest);
      let brute = Number.POSITIVE_INFINITY;
      for (let s = earliest; s <= latest; s += 60_000) {
        const v = windowIntegral(index, s, duration);
        if (!Number.isNaN(v) && v < brute) brute = v;
      }
      if (brute === Number.POSITIVE_INFINITY) assert.equal(found, null);
      else assert.ok(Math.abs((found?.best.gramHoursPerKWh ?? 0) - brute) < 1e-6, `trial ${trial}`);
    }
  });
});
