// Hand-computed: an hourly series from the epoch, 300, 100, 50, (gap), 400 g/kWh; a run that used 1 kWh
// in the minute 00:30 and 2 kWh in the minute 01:30.
import assert from "node:assert/strict";
import { test } from "node:test";
import { bestShift, priceProfile, seriesValueAt } from "./profile-shift.ts";
import type { IntensitySeries } from "./series.ts";

const H = 3_600_000;
const series: IntensitySeries = {
  zone: "XX",
  startMs: 0,
  stepMs: H,
  values: Float64Array.of(300, 100, 50, Number.NaN, 400),
  signal: "average",
  factors: [],
  warnings: [],
};
const kWh = new Float64Array(61);
kWh[0] = 1;
kWh[60] = 2;
const profile = { startMinute: 30, kWh };

test("a period's value holds for the whole period; outside the series and in a gap, NaN", () => {
  assert.equal(seriesValueAt(series, 0), 300);
  assert.equal(seriesValueAt(series, H - 1), 300);
  assert.equal(seriesValueAt(series, 2.5 * H), 50);
  assert.ok(Number.isNaN(seriesValueAt(series, 3.5 * H)));
  assert.ok(Number.isNaN(seriesValueAt(series, -1)));
  assert.ok(Number.isNaN(seriesValueAt(series, 5 * H)));
});

test("pricing: 1 kWh × 300 + 2 kWh × 100 = 500 g; a minute in the gap takes the fallback", () => {
  const priced = priceProfile(profile, series, 999);
  assert.equal(priced.grams, 500);
  assert.deepEqual([...priced.kWhByOrigin], [[0, 3]]);
  const inGap = priceProfile({ startMinute: 210, kWh: Float64Array.of(1) }, series, 350);
  assert.equal(inGap.grams, 350);
  assert.deepEqual([...inGap.kWhByOrigin], [[-1, 1]]);
  assert.equal(priceProfile(profile, null, 400).grams, 1200);
});

test("pricing labels each minute with its period's origin", () => {
  const priced = priceProfile(profile, series, 999, Int32Array.of(7, 8, 9, -1, 9));
  assert.deepEqual(
    [...priced.kWhByOrigin].sort((a, b) => a[0] - b[0]),
    [
      [7, 1],
      [8, 2],
    ],
  );
});

test("the best shift within ±2 h: +30 min puts both minutes an hour later, 1 × 100 + 2 × 50 = 200 g", () => {
  const search = bestShift(profile, series, 120);
  // Shifts from −30 (the 00:30 minute reaches the series' start) to +89 (the 01:30 minute reaches the gap).
  assert.deepEqual(search, {
    shiftMin: 30,
    grams: 200,
    unshiftedGrams: 500,
    fromMin: -30,
    toMin: 89,
    candidates: 120,
  });
});

test("no shift covered: null; an empty profile: null", () => {
  assert.equal(bestShift({ startMinute: 600, kWh: Float64Array.of(1) }, series, 60), null);
  assert.equal(bestShift({ startMinute: 30, kWh: new Float64Array(3) }, series, 60), null);
});

test("ties go to the smallest move, then the earlier one", () => {
  const flat: IntensitySeries = { ...series, values: Float64Array.of(100, 100, 100, 100, 100) };
  assert.equal(bestShift(profile, flat, 60)?.shiftMin, 0);
  const hourly: IntensitySeries = { ...series, values: Float64Array.of(50, 300, 50, 300, 300) };
  // One kWh at 01:30: the 00:00 hour is 31 minutes back (00:59), the 02:00 hour 30 minutes ahead.
  assert.equal(bestShift({ startMinute: 90, kWh: Float64Array.of(1) }, hourly, 60)?.shiftMin, 30);
  const minutely: IntensitySeries = {
    ...series,
    stepMs: 60_000,
    values: Float64Array.of(50, 300, 300, 300, 50),
  };
  // One kWh in minute 2: minutes 0 and 4 are both 2 minutes away; the earlier move wins.
  assert.equal(bestShift({ startMinute: 2, kWh: Float64Array.of(1) }, minutely, 2)?.shiftMin, -2);
});
