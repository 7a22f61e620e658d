import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Problem } from "../errors.ts";
import type { EstimateInput } from "../types.ts";
import { durationOf } from "./duration.ts";

const run = (input: EstimateInput, numbersOk = true) => {
  const problems: Problem[] = [];
  return { duration: durationOf(input, problems, numbersOk), problems };
};

describe("durationOf: hours and device-hours", () => {
  it("hours alone: one device, device-hours equal hours", () => {
    assert.deepEqual(run({ hours: 10 }), {
      duration: { count: 1, hours: 10, deviceHours: 10, byDeviceHours: false },
      problems: [],
    });
  });

  it("hours × count = device-hours", () => {
    assert.deepEqual(run({ count: 4, hours: 2.5 }).duration, {
      count: 4,
      hours: 2.5,
      deviceHours: 10,
      byDeviceHours: false,
    });
  });

  it("device-hours ÷ count = hours, and the derivation is told device-hours were given", () => {
    assert.deepEqual(run({ count: 8, deviceHours: 800 }).duration, {
      count: 8,
      hours: 100,
      deviceHours: 800,
      byDeviceHours: true,
    });
  });

  it("device-hours keep their given value when the division is inexact", () => {
    const d = run({ count: 3, deviceHours: 1 }).duration;
    assert.equal(d?.hours, 1 / 3);
    assert.equal(d?.deviceHours, 1);
  });
});

describe("durationOf: problems", () => {
  it("both hours and device-hours: conflict on deviceHours", () => {
    assert.deepEqual(run({ hours: 1, deviceHours: 8 }), {
      duration: null,
      problems: [
        {
          code: "conflict",
          path: "deviceHours",
          message: "cannot be combined with hours; give one of the two",
          fields: ["hours"],
        },
      ],
    });
  });

  it("neither: hours required, offering both", () => {
    assert.deepEqual(run({ count: 2 }), {
      duration: null,
      problems: [
        {
          code: "required",
          path: "hours",
          message: "give hours or deviceHours (a number above 0)",
          fields: ["hours", "deviceHours"],
        },
      ],
    });
  });

  it("with bad numbers already reported, only the choice is checked and nothing is computed", () => {
    assert.deepEqual(run({ count: 0, hours: -1 }, false), { duration: null, problems: [] });
    assert.equal(run({ hours: 1, deviceHours: 1 }, false).problems[0]?.code, "conflict");
    assert.equal(run({}, false).problems[0]?.code, "required");
  });

  it("500 million device-hours is the limit: at it computes, past it refuses with the product", () => {
    assert.deepEqual(run({ count: 10_000, hours: 50_000 }).duration, {
      count: 10_000,
      hours: 50_000,
      deviceHours: 500_000_000,
      byDeviceHours: false,
    });
    assert.deepEqual(run({ count: 10_000, hours: 50_000.5 }), {
      duration: null,
      problems: [
        {
          code: "out-of-range",
          path: "hours",
          message:
            "50000.5 is not allowed; use fewer hours: 10000 devices × 50000.5 h = 500005000 device-hours is beyond 500000000",
        },
      ],
    });
  });

  it("one device is one device, not '1 devices'", () => {
    assert.equal(
      run({ hours: 500_000_001 }).problems[0]?.message,
      "500000001 is not allowed; use fewer hours: 1 device × 500000001 h = 500000001 device-hours is beyond 500000000",
    );
  });
});
