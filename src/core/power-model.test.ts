import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CpuPowerCurve } from "../data/types.ts";
import { estimateWith } from "./estimate.ts";
import { fixtureDataset } from "./fixture-dataset.ts";
import { powerAtUtilization, powerModelOf, shapeAtUtilization } from "./power-model.ts";

const near = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

const curve: CpuPowerCurve = {
  id: "test-arch",
  idleFraction: 0.1,
  dynamicShape: [0, 0.3, 0.45, 0.55, 0.62, 0.68, 0.74, 0.8, 0.87, 0.93, 1],
  source: "model",
  year: 2026,
};

describe("power model", () => {
  it("reads a shape piecewise linearly and clamps utilization to 0–1", () => {
    near(shapeAtUtilization(curve.dynamicShape, 0.25), 0.5); // halfway between 0.45 and 0.55
    near(shapeAtUtilization(curve.dynamicShape, 0.05), 0.15);
    near(shapeAtUtilization(curve.dynamicShape, 1), 1);
    near(shapeAtUtilization(curve.dynamicShape, 1.5), 1);
    near(shapeAtUtilization(curve.dynamicShape, -1), 0);
  });

  it("without a curve stays linear, as before", () => {
    const model = powerModelOf({ tdpW: 200, kind: "cpu" }, fixtureDataset.defaults.idleFractionByKind);
    assert.deepEqual(model, { maxW: 200, idleW: 40, idleKind: "estimated" });
    near(powerAtUtilization(model, 0.5), 120); // 40 + 160 × 0.5
  });

  it("a CPU with a load curve takes its idle share and shape", () => {
    const model = powerModelOf(
      { tdpW: 200, kind: "cpu", powerCurve: curve },
      fixtureDataset.defaults.idleFractionByKind,
    );
    assert.equal(model.idleW, 20); // 0.1 × 200
    near(powerAtUtilization(model, 0.25), 110); // 20 + 180 × 0.5
    near(powerAtUtilization(model, 0), 20);
    near(powerAtUtilization(model, 1), 200);
  });

  it("a published idle power wins over the curve's idle share, the shape stays", () => {
    const model = powerModelOf(
      { tdpW: 200, idleW: 30, kind: "cpu", powerCurve: curve },
      fixtureDataset.defaults.idleFractionByKind,
    );
    assert.equal(model.idleKind, "published");
    near(powerAtUtilization(model, 0.25), 115); // 30 + 170 × 0.5
  });

  it("the estimate prices a curved CPU at its utilization", () => {
    const dataset = {
      ...fixtureDataset,
      hardware: [
        ...fixtureDataset.hardware,
        {
          id: "cpu-curve",
          name: "Curved CPU 200",
          aliases: [],
          vendor: "Intel",
          kind: "cpu" as const,
          tdpW: 200,
          source: "hw",
          powerCurve: curve,
        },
      ],
    };
    const r = estimateWith(dataset, {
      watts: 100,
      hours: 10,
      cpu: "Curved CPU 200",
      cpuCount: 2,
      cpuUtilization: 0.25,
      intensity: 100,
      pue: 1,
    });
    // 100 W + 2 × 110 W = 320 W × 10 h = 3.2 kWh
    near(r.energyKWh, 3.2);
    assert.deepEqual(
      r.components.map((c) => [c.component, c.powerW]),
      [
        ["devices", 100],
        ["cpu", 220],
      ],
    );
  });
});
