import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { HardwareEntry } from "../../data/types.ts";
import { findHardware } from "../dataset-index.ts";
import { fixtureDataset as data } from "../fixture-dataset.ts";
import type { Dataset } from "../types.ts";
import { cpuPart, cpuSpecOf } from "./cpu-power.ts";
import { instanceJobOf } from "./instance.ts";

const hw = (name: string, dataset: Dataset = data): HardwareEntry => {
  const entry = findHardware(dataset, name);
  assert.ok(entry !== undefined, name);
  return entry;
};
const near = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);
const bandOf = (b: { powerW: number; lowW: number; highW: number }) => [b.powerW, b.lowW, b.highW];
const nearBand = (b: { powerW: number; lowW: number; highW: number }, expected: number[]): void => {
  for (const [i, v] of bandOf(b).entries()) near(v, expected[i] ?? Number.NaN);
};

const hwSource = data.sources.get("hw") ?? null;
const modelSource = data.sources.get("model") ?? null;
const curveSource = data.sources.get("fit") ?? null;
const catalogCpu = (name: string, count: number) => {
  const spec = cpuSpecOf(data, { cpu: name, cpuCount: count }, hw(name), null);
  assert.ok(spec !== null);
  return spec;
};
const byTdp = (tdpW: number, count = 1) => {
  const spec = cpuSpecOf(data, { cpu: { tdpW }, cpuCount: count }, null, null);
  assert.ok(spec !== null);
  return spec;
};
const instanceOf = (query: string, count = 1) => {
  const job = instanceJobOf(data, { instance: query, count }, []);
  assert.ok(job !== null);
  return job;
};

describe("cpuSpecOf: the host CPUs", () => {
  it("no CPU and no instance: null", () =>
    assert.equal(cpuSpecOf(data, { hardware: "TG400" }, null, null), null));

  it("a catalog CPU counts packages; a TDP makes an entry named CPU", () => {
    assert.deepEqual(
      { ...catalogCpu("cpu-200", 2), entry: "…" },
      { entry: "…", by: "catalog", units: 2, label: "2 × Test CPU 200", packages: 2 },
    );
    const tdp = byTdp(150, 3);
    assert.deepEqual([tdp.by, tdp.units, tdp.label, tdp.entry.tdpW], ["tdp", 3, "3 × CPU", 150]);
  });

  it("an instance's vCPUs are their share of its catalog CPU's package: 8 of 16 threads = 0.5", () => {
    const one = cpuSpecOf(data, {}, null, instanceOf("gcp:tg-curve-8"));
    assert.deepEqual(
      [one?.by, one?.units, one?.packages, one?.label],
      ["catalog", 0.5, 0.5, "8 vCPUs of Test CPU Curve"],
    );
    // Four instances hold two whole packages.
    assert.equal(cpuSpecOf(data, {}, null, instanceOf("gcp:tg-curve-8", 4))?.label, "2 × Test CPU Curve");
  });

  it("a part the catalog lacks: vCPUs at the per-vCPU watts, their share of a two-socket host's packages", () => {
    // tg-8x400's CPU (Test CPU 200) has no thread count: 64 vCPUs of a 64-vCPU host = 2 packages.
    const spec = cpuSpecOf(data, {}, null, instanceOf("gcp:tg-8x400"));
    assert.deepEqual(
      [spec?.by, spec?.units, spec?.packages, spec?.label, spec?.entry.tdpW, spec?.entry.idleW],
      ["vcpu", 64, 2, "64 vCPUs of Test CPU 200", 4, 1],
    );
  });
});

describe("cpuPart", () => {
  it("no CPU: null", () => assert.equal(cpuPart(data, null, undefined), null));

  it("a catalog CPU without a curve at a utilization: estimated idle (0.2 × TDP) banded, and says so", () => {
    // idle 40 W; 40 + 160 × 0.5 = 120 W each. Idle 20 W → 110 W; idle 60 W → 130 W. Two packages.
    const part = cpuPart(data, catalogCpu("cpu-200", 2), 0.5);
    assert.ok(part !== null);
    assert.deepEqual(part.band, {
      label: "2 × Test CPU 200",
      component: "cpu",
      powerW: 240,
      lowW: 220,
      highW: 260,
      kind: "estimated",
      term: "2 × 120 W CPU",
    });
    assert.deepEqual(
      part.factors.map((f) => [f.name, f.value, f.kind, f.source?.id ?? null, f.note ?? null]),
      [
        ["CPU TDP (Test CPU 200)", 200, "published", "hw", null],
        ["CPU idle power (Test CPU 200)", 40, "estimated", "model", "0.2 × TDP; no published idle power"],
        ["CPU utilization", 0.5, "user", null, null],
      ],
    );
    assert.deepEqual(part.warnings, [
      "No published idle power for Test CPU 200: idle estimated as a share of TDP.",
    ]);
  });

  it("a CPU with a fitted curve names the curve: idle, shape and source, not 0.2 × TDP", () => {
    // TDP 100 W, idle 0.1 → 10 W; shape at 50 % (its sixth point) = 0.8: 10 + 90 × 0.8 = 82 W each,
    // 164 W for two. Idle 5 W → 5 + 95 × 0.8 = 81 W; idle 15 W → 15 + 85 × 0.8 = 83 W.
    const part = cpuPart(data, catalogCpu("cpu-curve", 2), 0.5);
    assert.ok(part !== null);
    nearBand(part.band, [164, 162, 166]);
    assert.equal(part.band.kind, "estimated");
    assert.equal(part.band.term, "2 × 82 W CPU");
    assert.deepEqual(part.factors, [
      {
        name: "CPU TDP (Test CPU Curve)",
        value: 100,
        unit: "W",
        kind: "estimated",
        source: hwSource,
        year: 2021,
        note: "not published: estimated from a comparable part (mlco2 hardware shows which)",
      },
      {
        name: "CPU idle power (Test CPU Curve)",
        value: 10,
        unit: "W",
        kind: "estimated",
        source: curveSource,
        year: 2026,
        note: "0.1 × TDP, the idle share of the fitted test-arch load curve; no published idle power",
      },
      {
        name: "CPU load curve (test-arch)",
        value: 0.8,
        unit: "share",
        kind: "estimated",
        source: curveSource,
        year: 2026,
        note: "share of the idle-to-TDP range drawn at 50 % utilization; fixture fit",
      },
      { name: "CPU utilization", value: 0.5, unit: "share", kind: "user", source: null, year: null },
    ]);
    assert.deepEqual(part.warnings, [
      "No published idle power for Test CPU Curve: idle estimated as 0.1 × TDP, the idle share of the fitted test-arch load curve.",
    ]);
  });

  it("a catalog CPU with a published idle power is published, exact, and warns of nothing", () => {
    // idle 30 W published; along the curve at 50 %: 30 + 70 × 0.8 = 86 W; TDP published here.
    const idle: Dataset = {
      ...data,
      hardware: data.hardware.map((h) =>
        h.id === "cpu-curve" ? { ...h, idleW: 30, tdpKind: "published" as const } : h,
      ),
    };
    const spec = cpuSpecOf(idle, { cpu: "cpu-curve" }, hw("cpu-curve", idle), null);
    const part = cpuPart(idle, spec, 0.5);
    assert.ok(part !== null);
    nearBand(part.band, [86, 86, 86]);
    assert.equal(part.band.kind, "published");
    assert.deepEqual(
      part.factors.map((f) => [f.name, f.value, f.kind]),
      [
        ["CPU TDP (Test CPU Curve)", 100, "published"],
        ["CPU idle power (Test CPU Curve)", 30, "published"],
        ["CPU load curve (test-arch)", 0.8, "estimated"],
        ["CPU utilization", 0.5, "user"],
      ],
    );
    assert.deepEqual(part.warnings, []);
  });

  it("the curve is read piecewise linearly: 15 % is halfway between 0.3 and 0.5", () => {
    // shape 0.4 → 10 + 90 × 0.4 = 46 W.
    near(cpuPart(data, catalogCpu("cpu-curve", 1), 0.15)?.band.powerW ?? 0, 46);
  });

  it("a curve CPU without a utilization: TDP, the range's low end along the curve (82 W), its factor", () => {
    const part = cpuPart(data, catalogCpu("cpu-curve", 1), undefined);
    assert.ok(part !== null);
    nearBand(part.band, [100, 82, 100]);
    assert.equal(part.band.kind, "default");
    assert.deepEqual(
      part.factors.map((f) => [f.name, f.value, f.kind]),
      [
        ["CPU TDP (Test CPU Curve)", 100, "estimated"],
        ["CPU load curve (test-arch)", 0.8, "estimated"],
        ["CPU utilization", 1, "default"],
      ],
    );
    assert.equal(
      part.factors[1]?.note,
      "share of the idle-to-TDP range drawn at the range's low end, 50 % utilization; fixture fit",
    );
    assert.deepEqual(part.warnings, [
      "CPU utilization not given: Test CPU Curve assumed at 100 % (TDP 100 W); the range starts at 50 %.",
    ]);
  });

  it("at full load a CPU is its TDP, of the TDP's kind (estimated here), without idle or curve factors", () => {
    const part = cpuPart(data, catalogCpu("cpu-curve", 1), 1);
    assert.deepEqual(part === null ? null : bandOf(part.band), [100, 100, 100]);
    assert.equal(part?.band.kind, "estimated");
    assert.deepEqual(
      part?.factors.map((f) => f.name),
      ["CPU TDP (Test CPU Curve)", "CPU utilization"],
    );
    assert.deepEqual(part?.warnings, []);
  });

  it("a CPU by TDP without a utilization: TDP, the range down to 50 %, one user-given TDP factor", () => {
    // 150 W; low: idle 30 W + 120 × 0.5 = 90 W.
    const part = cpuPart(data, byTdp(150), undefined);
    assert.ok(part !== null);
    assert.deepEqual(part.band, {
      label: "1 × CPU",
      component: "cpu",
      powerW: 150,
      lowW: 90,
      highW: 150,
      kind: "default",
      term: "1 × 150 W CPU",
    });
    assert.deepEqual(part.factors, [
      { name: "CPU TDP", value: 150, unit: "W", kind: "user", source: null, year: null },
      {
        name: "CPU utilization",
        value: 1,
        unit: "share",
        kind: "default",
        source: modelSource,
        year: 2024,
        note: "not given; range uses 0.5–1",
      },
    ]);
    assert.deepEqual(part.warnings, [
      "CPU utilization not given: the CPU assumed at 100 % (TDP 150 W); the range starts at 50 %.",
    ]);
  });

  it("a CPU by TDP at full load is exact and user-given", () => {
    const part = cpuPart(data, byTdp(150, 3), 1);
    assert.deepEqual(part === null ? null : bandOf(part.band), [450, 450, 450]);
    assert.equal(part?.band.kind, "user");
    assert.equal(part?.band.term, "3 × 150 W CPU");
  });

  it("a CPU by TDP below full load is estimated (its idle is), banded, and says so", () => {
    // idle 0.2 × 150 = 30 W: 30 + 120 × 0.5 = 90 W; idle 15 W → 82.5 W; idle 45 W → 97.5 W.
    const part = cpuPart(data, byTdp(150), 0.5);
    assert.ok(part !== null);
    nearBand(part.band, [90, 82.5, 97.5]);
    assert.equal(part.band.kind, "estimated");
    assert.deepEqual(
      part.factors.map((f) => [f.name, f.value, f.kind]),
      [
        ["CPU TDP", 150, "user"],
        ["CPU idle power (CPU)", 30, "estimated"],
        ["CPU utilization", 0.5, "user"],
      ],
    );
    assert.deepEqual(part.warnings, [
      "No published idle power for the CPU: idle estimated as a share of TDP.",
    ]);
  });

  it("vCPUs of a part the catalog lacks: per-vCPU watts, estimated, and the warning says whose", () => {
    // 4 vCPUs × (1 + (4 − 1) × 0.5) = 4 × 2.5 = 10 W.
    const spec = cpuSpecOf(data, {}, null, instanceOf("gcp:tg-cpu-4"));
    const part = cpuPart(data, spec, 0.5);
    assert.ok(part !== null);
    nearBand(part.band, [10, 10, 10]);
    assert.deepEqual([part.band.kind, part.band.term], ["estimated", "4 vCPUs × 2.5 W"]);
    assert.deepEqual(
      part.factors.map((f) => [f.name, f.value, f.kind, f.note ?? null]),
      [
        ["CPU power per vCPU at full load", 4, "estimated", "Test CPU 200 is not in the catalog"],
        ["CPU idle power per vCPU", 1, "estimated", "Test CPU 200 is not in the catalog"],
        ["CPU utilization", 0.5, "user", null],
      ],
    );
    assert.deepEqual(part.warnings, [
      "Test CPU 200 is not in the catalog: its 4 vCPUs are counted at the average 1–4 W per vCPU of fixture.",
    ]);
  });
});
