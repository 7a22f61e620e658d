import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { tryEstimateWith } from "../core/estimate.ts";
import { dataset } from "../data/index.ts";
import type { NodeSpec } from "./cluster.ts";
import { engineInputOf, type JobQuantities } from "./job-model.ts";
import { JobPricer } from "./job-pricer.ts";

const GPU_NODES: NodeSpec = {
  label: 'partition "gpu"',
  gpu: "A100 SXM4 80GB",
  gpusPerNode: 4,
  cpu: { tdpW: 280 },
  cpuTdpW: 280,
  sockets: 2,
  cpusPerNode: 128,
  cpusPerNodeGiven: true,
  location: { country: "DE" },
  slurmEnergy: "use",
};

const job = (q: Partial<JobQuantities>): JobQuantities => ({
  hours: 2,
  nodes: 1,
  gpus: 0,
  gpuName: "",
  cpus: 32,
  cpuUtilization: Number.NaN,
  memoryGB: Number.NaN,
  memoryBasis: "none",
  measuredW: Number.NaN,
  ...q,
});

/** The figures `mlco2 estimate` gives for the same job. */
const engineFigures = (q: JobQuantities, spec: NodeSpec) => {
  const full = tryEstimateWith(dataset, engineInputOf(q, spec));
  assert.ok(full.ok, JSON.stringify(full));
  const r = full.value;
  return {
    energyKWh: r.energyKWh,
    facilityEnergyKWh: r.facilityEnergyKWh,
    emissionsKg: r.emissionsKg,
    lowKg: r.range.lowKg,
    highKg: r.range.highKg,
    intensityGPerKWh: r.intensityGPerKWh,
    pue: r.pue,
  };
};

describe("JobPricer", () => {
  test("every job's figures are the engine's, bit for bit, and most are priced by the shortcut", () => {
    const pricer = new JobPricer(dataset);
    const jobs: JobQuantities[] = [];
    for (let i = 0; i < 12; i++) {
      jobs.push(
        job({ gpus: 1 + (i % 4), gpuName: "A100 SXM4 80GB", hours: 0.25 + i, cpus: 8 * (1 + (i % 3)) }),
      );
      jobs.push(job({ cpus: 4 + i, hours: 3 + i / 7, cpuUtilization: (i % 5) / 4, memoryGB: 16 * (i + 1) }));
      jobs.push(job({ gpus: 4, gpuName: "A100 SXM4 80GB", cpus: 0, hours: 1 + i / 3, memoryGB: 64 }));
    }
    for (const q of jobs) {
      const outcome = pricer.price(q, GPU_NODES);
      assert.ok(outcome.ok, JSON.stringify(outcome));
      assert.deepEqual({ ...outcome.row }, engineFigures(q, GPU_NODES), JSON.stringify(q));
    }
    // Two kinds of job on these nodes (with the A100, without a GPU): 3 checked each by both ways.
    assert.equal(pricer.counts.lean + pricer.counts.engine, jobs.length);
    assert.equal(pricer.counts.engine, 0);
    assert.equal(pricer.counts.lean, jobs.length);
  });

  test("measured energy: nodes × W × hours at the location's PUE and intensity (hand-computed)", () => {
    const spec: NodeSpec = { ...GPU_NODES, location: { intensity: 100 }, pue: 1.5 };
    const pricer = new JobPricer(dataset);
    const outcome = pricer.price(
      job({ nodes: 2, measuredW: 1000, hours: 1, gpus: 4, gpuName: "A100 SXM4 80GB" }),
      spec,
    );
    assert.ok(outcome.ok);
    // 2 nodes × 1000 W × 1 h = 2 kWh; × 1.5 = 3 kWh at the facility; × 100 g/kWh = 0.3 kg.
    assert.equal(outcome.row.energyKWh, 2);
    assert.equal(outcome.row.facilityEnergyKWh, 3);
    assert.ok(Math.abs(outcome.row.emissionsKg - 0.3) < 1e-15);
    assert.equal(outcome.row.pue, 1.5);
    assert.equal(outcome.row.intensityGPerKWh, 100);
  });

  test("CPU-only job at a known intensity: the node's TDP shared per CPU, memory at the dataset's W/GB", () => {
    // 128 CPUs of 2 × 128 W: 2 W per CPU at TDP. 64 of them at 100 % and 100 GB, 1 h, PUE 1, 1000 g/kWh.
    const spec: NodeSpec = {
      ...GPU_NODES,
      cpuTdpW: 128,
      cpu: { tdpW: 128 },
      location: { intensity: 1000 },
      pue: 1,
    };
    const pricer = new JobPricer(dataset);
    const q = job({ cpus: 64, cpuUtilization: 1, memoryGB: 100, hours: 1 });
    const outcome = pricer.price(q, spec);
    assert.ok(outcome.ok);
    const memoryW = 100 * dataset.defaults.memoryWPerGB.value;
    // At 100 % a CPU draws its TDP share: 64 × 2 W = 128 W, plus memory.
    assert.ok(
      Math.abs(outcome.row.energyKWh - (128 + memoryW) / 1000) < 1e-12,
      String(outcome.row.energyKWh),
    );
    assert.ok(Math.abs(outcome.row.emissionsKg - (128 + memoryW) / 1000) < 1e-12);
  });

  test("a job outside the engine's bounds gets the engine's problem; the next ones are still priced", () => {
    const pricer = new JobPricer(dataset);
    const tooLong = pricer.price(job({ hours: 90_000 }), GPU_NODES);
    assert.equal(tooLong.ok, false);
    assert.equal(tooLong.ok ? null : tooLong.problem.code, "out-of-range");
    assert.equal(tooLong.ok ? null : tooLong.problem.path, "hours");
    const fine = pricer.price(job({ hours: 1 }), GPU_NODES);
    assert.ok(fine.ok);
    assert.deepEqual({ ...fine.row }, engineFigures(job({ hours: 1 }), GPU_NODES));
  });

  test("a GPU the catalog does not know: the same problem for every job on it", () => {
    const pricer = new JobPricer(dataset);
    for (let i = 0; i < 2; i++) {
      const outcome = pricer.price(job({ gpus: 1, gpuName: "Imaginary GPU 9000" }), GPU_NODES);
      assert.equal(outcome.ok, false);
      assert.equal(outcome.ok ? null : outcome.problem.code, "unknown-hardware");
    }
    // CPU-only jobs on the same nodes are unaffected.
    assert.ok(pricer.price(job({}), GPU_NODES).ok);
  });

  test("the row is refilled by each call (read it before the next)", () => {
    const pricer = new JobPricer(dataset);
    const first = pricer.price(job({ hours: 1 }), GPU_NODES);
    assert.ok(first.ok);
    const energy = first.row.energyKWh;
    const second = pricer.price(job({ hours: 2 }), GPU_NODES);
    assert.ok(second.ok);
    assert.equal(second.row, first.row);
    assert.ok(Math.abs(second.row.energyKWh - 2 * energy) < 1e-12);
  });
});
