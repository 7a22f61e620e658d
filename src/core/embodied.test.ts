import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { embodiedKgOf } from "./embodied.ts";
import { Mlco2Error } from "./errors.ts";

const near = (actual: number, expected: number, tolerance = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected}`);

describe("embodiedKgOf", () => {
  it("one 150 kg GPU held a year of a 6-year life: 150 / 6 = 25 kg (range 10–53)", () => {
    const r = embodiedKgOf({
      parts: [{ label: "GPU", count: 1, factor: { value: 150, range: { low: 60, high: 318 } } }],
      hours: 8760,
      lifeYears: 6,
    });
    near(r.kg, 25);
    near(r.lowKg, 10);
    near(r.highKg, 53);
    near(r.amortisedHours, 52_560);
  });

  it("BLOOM: 384 A100s and 48 servers for 1,082,990 GPU-hours give 11.2 t (3.64 t GPUs, 7.58 t servers)", () => {
    // 1,082,990 GPU-h / 384 GPUs = 2,820.29 h; life 6 y × 8,760 h × 0.85 = 44,676 h; share 0.063128.
    const r = embodiedKgOf({
      parts: [
        { label: "384 × A100", count: 384, factor: { value: 150, range: { low: 150, high: 318 } } },
        {
          label: "48 × HPE Apollo 6500",
          count: 48,
          factor: { value: 2500, range: { low: 970, high: 2500 } },
        },
      ],
      hours: 1_082_990 / 384,
      lifeYears: 6,
      useShare: 0.85,
    });
    near(r.amortisedHours, 44_676, 1e-6);
    near(r.parts[0]?.kg ?? 0, (384 * 150 * 2820.2865) / 44_676, 0.01); // 3,636.1 kg
    near(r.parts[1]?.kg ?? 0, (48 * 2500 * 2820.2865) / 44_676, 0.01); // 7,575.3 kg
    near(r.kg, 11_211.4, 0.1);
    // The published total composes: 24.7 t dynamic + 14.6 t idle + 11.2 t embodied = 50.5 t.
    near(Math.round((24.7 + 14.6 + r.kg / 1000) * 10) / 10, 50.5);
  });

  it("a fractional count is a share (one GPU of an eight-GPU server)", () => {
    const r = embodiedKgOf({
      parts: [
        { label: "1/8 server", count: 1 / 8, factor: { value: 2500, range: { low: 2500, high: 2500 } } },
      ],
      hours: 52_560,
      lifeYears: 6,
    });
    near(r.kg, 312.5);
  });

  it("refuses a life of 0 years and a use share above 1", () => {
    const parts = [{ label: "GPU", count: 1, factor: { value: 150, range: { low: 150, high: 150 } } }];
    assert.throws(() => embodiedKgOf({ parts, hours: 1, lifeYears: 0 }), Mlco2Error);
    assert.throws(
      () => embodiedKgOf({ parts, hours: 1, lifeYears: 6, useShare: 1.5 }),
      /useShare: 1.5 is not allowed/,
    );
  });
});
