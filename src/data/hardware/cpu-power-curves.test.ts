// The fitted CPU load curves: well formed, attached to every CPU, and the engine's figures for two real
// CPUs recomputed by hand from the generated table.
import assert from "node:assert/strict";
import { test } from "node:test";
import { findHardware } from "../../core/dataset-index.ts";
import { estimateWith } from "../../core/estimate.ts";
import { powerAtUtilization, powerModelOf } from "../../core/power-model.ts";
import { allHardware, dataset } from "../index.ts";
import { cpuPowerCurves } from "./cpu-power-curves.generated.ts";
import { cpuPowerCurveOf } from "./cpu-power-curves.ts";

const near = (actual: number, expected: number, tolerance = 1e-9) =>
  assert.ok(Math.abs(actual - expected) < tolerance, `${actual} ≠ ${expected}`);

test("a curve for every architecture of the catalog and a generic one, each rising from 0 to 1", () => {
  const ids = new Set(cpuPowerCurves.map((c) => c.id));
  assert.ok(ids.has("generic"));
  for (const entry of allHardware()) {
    if (entry.architecture !== undefined)
      assert.ok(ids.has(entry.architecture), `${entry.id}: ${entry.architecture}`);
  }
  for (const curve of cpuPowerCurves) {
    const shape = curve.dynamicShape;
    assert.equal(shape.length, 11, curve.id);
    assert.equal(shape[0], 0, curve.id);
    assert.equal(shape[10], 1, curve.id);
    for (let i = 1; i < 11; i++)
      assert.ok((shape[i] ?? 0) >= (shape[i - 1] ?? 0), `${curve.id} falls at ${i}`);
    assert.ok(
      curve.idleFraction > 0.02 && curve.idleFraction < 0.5,
      `${curve.id}: idle ${curve.idleFraction}`,
    );
    assert.ok(dataset.sources.has(curve.source), `${curve.id}: source ${curve.source}`);
  }
});

test("every CPU of the catalog carries its architecture's curve", () => {
  for (const entry of allHardware()) {
    if (entry.kind !== "cpu") continue;
    assert.equal(entry.powerCurve, cpuPowerCurveOf(entry.architecture), entry.id);
  }
  assert.equal(cpuPowerCurveOf("no-such-architecture").id, "generic");
});

test("Xeon E5-2620 v3 at 50 %: 85 × 0.094 + 0.409 × (85 − 7.99) = 39.49 W (linear 0.21 gave 51.43 W)", () => {
  const entry = findHardware(dataset, "Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz");
  assert.ok(entry);
  assert.equal(entry.architecture, "intel-haswell");
  const model = powerModelOf(entry, dataset.defaults.idleFractionByKind);
  near(model.idleW, 7.99);
  near(powerAtUtilization(model, 0.5), 7.99 + 0.409 * 77.01, 1e-9);
  const r = estimateWith(dataset, {
    watts: 100,
    hours: 10,
    cpu: "Intel Xeon E5-2620 v3",
    cpuUtilization: 0.5,
    intensity: 100,
    pue: 1,
  });
  near(r.energyKWh, 1.39487, 1e-6); // (100 W device + 39.487 W CPU) × 10 h
});

test("EPYC 7763 at 25 %: 280 × 0.218 + 0.323 × (280 − 61.04) = 131.76 W", () => {
  const entry = findHardware(dataset, "AMD EPYC 7763 64-Core Processor");
  assert.ok(entry);
  const model = powerModelOf(entry, dataset.defaults.idleFractionByKind);
  near(powerAtUtilization(model, 0.25), 61.04 + 0.323 * 218.96, 1e-9);
});
