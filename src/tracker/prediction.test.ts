import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MIN_RANGE_SHARE, ProgressLog, type ProgressPoint, predictionOf } from "./prediction.ts";

const at = (done: number, energyKWh: number, elapsedS: number, total = 10): ProgressPoint => ({
  done,
  total,
  energyKWh,
  emissionsKg: energyKWh / 2, // 500 g/kWh
  elapsedS,
});

const near = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} against ${expected}`);

describe("predictionOf", () => {
  it("null before the first unit", () => {
    assert.equal(predictionOf([]), null);
    assert.equal(predictionOf([at(0, 0.05, 10)]), null);
  });

  it("start-up before the first point is not multiplied: the rate from the first point on (by hand)", () => {
    // 0.2 kWh to reach epoch 1 (0.1 of it loading data), then 0.1 kWh per epoch: 0.3 + 8 × 0.1 = 1.1 kWh.
    const p = predictionOf([at(1, 0.2, 60), at(2, 0.3, 110)]);
    assert.ok(p !== null);
    near(p.energyKWh, 1.1);
    near(p.emissionsKg, 0.55);
    near(p.durationS, 110 + 8 * 50);
    // One step seen: the range is ±10 % of the rest.
    near(p.lowKWh, 0.3 + 8 * 0.1 * (1 - MIN_RANGE_SHARE));
    near(p.highKWh, 0.3 + 8 * 0.1 * (1 + MIN_RANGE_SHARE));
    near(p.lowKg, p.lowKWh / 2);
  });

  it("the range spans the per-unit rates of the steps seen", () => {
    // Steps of 0.1, 0.3, 0.2 kWh per unit: mean rate 0.2; low 0.1, high 0.3; 6 units left after 4.
    const p = predictionOf([at(1, 0.2, 10), at(2, 0.3, 20), at(3, 0.6, 30), at(4, 0.8, 40)]);
    assert.ok(p !== null);
    near(p.energyKWh, 0.8 + 6 * 0.2);
    near(p.lowKWh, 0.8 + 6 * 0.1);
    near(p.highKWh, 0.8 + 6 * 0.3);
  });

  it("one point: its energy over its units, start-up included", () => {
    const p = predictionOf([at(2, 0.5, 30, 4)]);
    near(p?.energyKWh ?? 0, 1);
  });

  it("the job done: the prediction is what was used, with no range", () => {
    const p = predictionOf([at(1, 0.2, 10, 2), at(2, 0.35, 20, 2)]);
    near(p?.energyKWh ?? 0, 0.35);
    near(p?.lowKWh ?? 0, 0.35);
    near(p?.highKWh ?? 0, 0.35);
  });
});

describe("ProgressLog", () => {
  it("a repeated figure is ignored; a counter that goes back starts a new series", () => {
    const log = new ProgressLog();
    assert.equal(log.observe(at(1, 0.2, 10)), true);
    assert.equal(log.observe(at(1, 0.25, 12)), false);
    log.observe(at(2, 0.3, 20));
    near(log.prediction()?.energyKWh ?? 0, 0.3 + 8 * 0.1);
    log.observe(at(1, 0.5, 30, 5)); // a new bar
    near(log.prediction()?.energyKWh ?? 0, 0.5 * 5);
  });

  it("keeps the first point (the baseline) and the latest ones on a long run", () => {
    const log = new ProgressLog();
    for (let done = 1; done <= 1000; done++) log.observe(at(done, 0.1 + done * 0.01, done, 2000));
    // Rate 0.01 per unit from the first point: 0.1 + 1000 × 0.01 + 1000 × 0.01.
    near(log.prediction()?.energyKWh ?? 0, 20.1);
  });
});
