import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Problem } from "../errors.ts";
import { tryEstimateWith } from "../estimate.ts";
import { fixtureDataset as data } from "../fixture-dataset.ts";
import type { EstimateInput } from "../types.ts";
import { instanceJobOf } from "./instance.ts";

const run = (input: EstimateInput) => {
  const problems: Problem[] = [];
  return { job: instanceJobOf(data, input, problems), problems };
};
const near = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);

describe("instanceJobOf: what an instance type is made of", () => {
  it("no instance: null, nothing reported", () =>
    assert.deepEqual(run({ hardware: "TG400" }), { job: null, problems: [] }));

  it("a GPU instance: its accelerator, the host's accelerators, memory in GB (Google lists GB)", () => {
    const { job, problems } = run({ instance: "gcp:tg-8x400", count: 3 });
    assert.deepEqual(problems, []);
    assert.ok(job !== null);
    assert.equal(job.name, "gcp:tg-8x400");
    assert.equal(job.accelerator?.id, "gpu-400");
    assert.deepEqual(
      [job.accelerators, job.count, job.hostAccelerators, job.memoryGB, job.cpu?.id, job.packages],
      // cpu-200 has no thread count: no package share (its vCPUs are counted per vCPU).
      [8, 3, 8, 512, "cpu-200", null],
    );
  });

  it("a CPU instance: its vCPUs over the package's threads, the host's vCPUs", () => {
    const { job } = run({ instance: "gcp:tg-curve-8" });
    assert.deepEqual(
      [job?.accelerator, job?.accelerators, job?.packages, job?.hostVcpus, job?.count],
      [null, 0, 0.5, 32, 1],
    );
  });

  it("a GPU instance that is its whole host holds at least a server's two packages", () => {
    // 64 vCPUs of a 128-thread part would be half a package; the 8-GPU size is the whole host: 2.
    const threaded = {
      ...data,
      hardware: data.hardware.map((h) => (h.id === "cpu-200" ? { ...h, threads: 128 } : h)),
    };
    const problems: Problem[] = [];
    assert.equal(instanceJobOf(threaded, { instance: "gcp:tg-8x400" }, problems)?.packages, 2);
  });

  it("AWS and Azure list GiB: converted to GB", () => {
    const aws = {
      ...data,
      instances: [{ ...(data.instances[0] as (typeof data.instances)[0]), provider: "aws" as const }],
    };
    const problems: Problem[] = [];
    const job = instanceJobOf(aws, { instance: "aws:tg-8x400" }, problems);
    near(job?.memoryGB ?? 0, 512 * 1.073741824);
  });
});

describe("instanceJobOf: problems", () => {
  it("inputs the type already says conflict with it, each named", () => {
    const { problems } = run({
      instance: "gcp:tg-8x400",
      hardware: "TG400",
      watts: 300,
      cpu: "cpu-200",
      cpuCount: 2,
      memoryGB: 64,
    });
    assert.deepEqual(
      problems.map((p) => [p.code, p.path, p.message]),
      ["hardware", "watts", "cpu", "cpuCount", "memoryGB"].map((path) => [
        "conflict",
        path,
        "cannot be combined with instance (the instance type says what it is made of)",
      ]),
    );
  });

  it("a region of another provider conflicts, naming both providers", () => {
    assert.deepEqual(run({ instance: "gcp:tg-8x400", region: "aws:east-1" }).problems, [
      {
        code: "conflict",
        path: "instance",
        message:
          "cannot be combined with region: gcp:tg-8x400 is an instance type of Google Cloud, aws:east-1 a region of AWS; give a region of Google Cloud, or the country or grid zone where it ran",
        fields: ["region"],
      },
    ]);
    // The same provider, by alias, agrees.
    assert.deepEqual(run({ instance: "gcp:tg-8x400", region: "google:clean-1" }).problems, []);
  });

  it("a CPU instance takes cpuUtilization, not utilization", () => {
    assert.deepEqual(
      run({ instance: "gcp:tg-curve-8", utilization: 0.5 }).problems.map((p) => [p.code, p.path]),
      [["conflict", "utilization"]],
    );
  });

  it("an unknown type: unknown-instance with the closest names", () => {
    const [problem] = run({ instance: "gcp:tg-8x40" }).problems;
    assert.deepEqual(
      [problem?.code, problem?.path, problem?.suggestions],
      ["unknown-instance", "instance", ["gcp:tg-8x400"]],
    );
  });

  it("more devices than a job may have: the count is refused with the product", () => {
    assert.deepEqual(run({ instance: "gcp:tg-8x400", count: 125_001 }).problems, [
      {
        code: "out-of-range",
        path: "count",
        message:
          "125001 is not allowed; use fewer instances: 125001 × 8 accelerators is beyond 1000000 devices",
      },
    ]);
  });
});

describe("estimate with an instance type", () => {
  it("a GPU instance is its whole node: GPUs, vCPUs and memory (hand-computed)", () => {
    // 8 × 400 W + 64 vCPUs × 4 W + 512 GB × 0.5 W/GB = 3,200 + 256 + 256 = 3,712 W × 10 h = 37.12 kWh;
    // located by zone, but a Google Cloud type: its fleet PUE 1.1; FR 2023 50 g/kWh: 2.0416 kg.
    const r = tryEstimateWith(data, { instance: "gcp:tg-8x400", hours: 10, zone: "FR", year: 2023 });
    assert.ok(r.ok);
    near(r.value.energyKWh, 37.12);
    near(r.value.emissionsKg, 2.0416);
    assert.equal(
      r.value.derivation,
      "(8 × 400 W + 64 vCPUs × 4 W + 512 GB × 0.5 W/GB) × 10 h = 37.12 kWh × PUE 1.10 = 40.83 kWh × 50 g/kWh = 2.042 kg CO2eq",
    );
    const pue = r.value.factors.find((f) => f.name.startsWith("PUE"));
    assert.deepEqual(
      [pue?.name, pue?.kind, pue?.note],
      [
        "PUE (Google Cloud fleet-wide)",
        "published",
        "fleet value applied to a facility of the instance type's provider (no region given): range ±10 %",
      ],
    );
    // The fleet band: 1.1 ± 10 % → PUE 1.0 (floored) … 1.21.
    near(r.value.range.highKg, (37.12 * 1.21 * 50) / 1000);
    assert.deepEqual(
      r.value.components.map((c) => [c.component, c.label, c.powerW]),
      [
        ["devices", "8 × Test GPU 400", 3200],
        ["cpu", "64 vCPUs of Test CPU 200", 256],
        ["memory", "512 GB memory", 256],
      ],
    );
    assert.deepEqual(
      [r.value.job.count, r.value.job.hardware?.id, r.value.job.instance],
      [8, "gpu-400", { name: "gcp:tg-8x400", count: 1 }],
    );
  });

  it("count is instances: two nodes are twice one", () => {
    const one = tryEstimateWith(data, { instance: "gcp:tg-8x400", hours: 10, intensity: 100 });
    const two = tryEstimateWith(data, { instance: "gcp:tg-8x400", count: 2, hours: 10, intensity: 100 });
    assert.ok(one.ok && two.ok);
    near(two.value.energyKWh, 2 * one.value.energyKWh);
    assert.deepEqual([two.value.job.count, two.value.job.instance?.count], [16, 2]);
  });

  it("a CPU instance: its share of a package along the curve, and its memory (hand-computed)", () => {
    // 8 of 16 threads = 0.5 package × (10 + 90 × 0.8) W = 41 W; 32 GB × 0.5 = 16 W; 57 W × 100 h = 5.7 kWh.
    const r = tryEstimateWith(data, {
      instance: "gcp:tg-curve-8",
      cpuUtilization: 0.5,
      hours: 100,
      intensity: 100,
      pue: 1,
    });
    assert.ok(r.ok);
    near(r.value.energyKWh, 5.7);
    near(r.value.range.lowKg, 0.565);
    near(r.value.range.highKg, 0.575);
    assert.equal(
      r.value.derivation,
      "(0.5 × 82 W CPU + 32 GB × 0.5 W/GB) × 100 h = 5.7 kWh × PUE 1.00 = 5.7 kWh × 100 g/kWh = 0.57 kg CO2eq",
    );
    assert.deepEqual(
      [r.value.job.count, r.value.job.hardware?.id, r.value.job.powerPerDeviceW, r.value.job.utilization],
      [1, "cpu-curve", 41, 0.5],
    );
  });
});
