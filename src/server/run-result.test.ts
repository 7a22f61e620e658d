import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as v from "valibot";
import { EstimateResultSchema } from "../core/schemas/estimate-result.ts";
import { dataset, estimate } from "../index.ts";
import { cleanestRegionsFor } from "./cleanest.ts";
import { runResultOf } from "./run-result.ts";

describe("a run's result from its nodes", () => {
  const a = estimate({ hardware: "A100 SXM4 80GB", count: 8, hours: 10, region: "gcp:europe-west4" });
  const b = estimate({ hardware: "A100 SXM4 80GB", count: 8, hours: 12, region: "gcp:us-central1" });

  it("is the node's own result for one node", () => {
    assert.equal(runResultOf(dataset, [{ node: "h:0", result: a }]), a);
  });

  it("adds energy, emissions, ranges and devices, and stays a valid result", () => {
    const run = runResultOf(dataset, [
      { node: "h1:0", result: a },
      { node: "h2:1", result: b },
    ]);
    assert.equal(run.energyKWh, a.energyKWh + b.energyKWh);
    assert.equal(run.emissionsKg, a.emissionsKg + b.emissionsKg);
    assert.equal(run.range.lowKg, a.range.lowKg + b.range.lowKg);
    assert.equal(run.job.count, 16);
    assert.equal(run.job.hours, 12);
    assert.equal(run.job.deviceHours, 80 + 96);
    assert.equal(
      run.alternatives.cleanestInProvider?.emissionsKg,
      (a.alternatives.cleanestInProvider?.emissionsKg ?? 0) +
        (b.alternatives.cleanestInProvider?.emissionsKg ?? 0),
    );
    assert.ok(
      run.factors.some((f) => f.name.endsWith("[h2:1]")),
      "node-specific factors are named by node",
    );
    assert.ok(
      run.factors.some((f) => f.name === "device TDP (NVIDIA A100 SXM4 80GB)"),
      "shared factors once, as they are",
    );
    assert.equal(run.job.location.label, "2 locations");
    assert.ok(v.safeParse(EstimateResultSchema, run).success);
  });
});

describe("the cleanest region", () => {
  it("ranks each provider's cleanest region by the run's energy there", () => {
    const regions = cleanestRegionsFor(dataset, 100, 2023);
    assert.ok(regions.length >= 3);
    for (const r of regions)
      assert.ok(Math.abs(r.emissionsKg - (100 * r.pue * r.intensityGPerKWh) / 1000) < 1e-9);
    assert.deepEqual(
      regions.map((r) => r.emissionsKg),
      [...regions.map((r) => r.emissionsKg)].sort((x, y) => x - y),
    );
  });
});
