import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dataset as bundled } from "../../data/index.ts";
import { tryEstimateWith } from "../estimate.ts";
import { fixtureDataset as data } from "../fixture-dataset.ts";
import type { EstimateInput } from "../types.ts";
import { embodiedProblems } from "./embodied.ts";

const near = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);

const embodiedOf = (input: EstimateInput, dataset = data) => {
  const r = tryEstimateWith(dataset, { ...input, embodied: true });
  assert.ok(r.ok, r.ok ? "" : JSON.stringify(r.problems));
  assert.ok(r.value.embodied !== undefined);
  return { result: r.value, embodied: r.value.embodied };
};

// The fixture's figures: Test GPU 400 200 kg (100–300), any other accelerator 100 kg (50–200), a CPU
// package 20 kg (10–40), memory 1 kg/GB (0.5–2), a server without accelerators 1,000 kg (500–1,000), a
// chassis 400 kg (400–800); 8 accelerators or 2 CPUs per server; a 5-year life (4–5) = 43,800 h.
describe("embodied: a job's share of its hardware's manufacture (SCI)", () => {
  it("accelerators and their share of servers, over the hours held out of the life (hand-computed)", () => {
    // (8 × 200 + 1 × 1,000) kg × 10 h / 43,800 h = 0.5936 kg. Low: (8 × 100 + 500) × 10 / 43,800;
    // high: (8 × 300 + 1,000) × 10 / (4 × 8,760).
    const { result, embodied } = embodiedOf({
      hardware: "TG400",
      count: 8,
      hours: 10,
      zone: "FR",
      year: 2023,
    });
    near(embodied.kg, 26_000 / 43_800);
    near(embodied.lowKg, 13_000 / 43_800);
    near(embodied.highKg, 34_000 / 35_040);
    near(embodied.amortisedHours, 43_800);
    assert.deepEqual(embodied.parts, [
      { part: "devices", label: "8 × Test GPU 400", count: 8, unitKg: 200, kg: 16_000 / 43_800 },
      { part: "server", label: "1 server without accelerators", count: 1, unitKg: 1000, kg: 10_000 / 43_800 },
    ]);
    assert.equal(
      embodied.derivation,
      "(8 × 200 kg + 1 × 1,000 kg) × 10 h / (5 years × 8760 h) = 0.594 kg CO2eq",
    );
    near(embodied.totalKg, result.emissionsKg + embodied.kg);
    near(embodied.totalRange.lowKg, result.range.lowKg + embodied.lowKg);
    near(embodied.totalRange.highKg, result.range.highKg + embodied.highKg);
  });

  it("its factors: per-unit figures with their ranges, units per server, life and use share with kinds", () => {
    const { embodied } = embodiedOf({ hardware: "gpu-300", count: 2, hours: 1, intensity: 100 });
    assert.deepEqual(
      embodied.factors.map((f) => [f.name, f.value, f.unit, f.kind, f.source?.id ?? null]),
      [
        ["manufacture per accelerator", 100, "kg CO2eq", "estimated", "model"],
        ["accelerators per server", 8, "", "default", "model"],
        ["manufacture per server without accelerators", 1000, "kg CO2eq", "estimated", "model"],
        ["service life", 5, "years", "default", "model"],
        ["share of the service life in use", 1, "share", "default", "model"],
      ],
    );
    assert.equal(embodied.factors[0]?.note, "range 50–200");
    assert.equal(embodied.factors[3]?.note, "range 4–5 years");
  });

  it("a given life and use share are exact and user-given: BLOOM's arithmetic", () => {
    // 6 years × 8,760 h × 0.85 = 44,676 h; (384 × 200 + 48 × 1,000) kg × 2,820.29 h / 44,676 h.
    const { embodied } = embodiedOf({
      hardware: "TG400",
      count: 384,
      deviceHours: 1_082_990,
      intensity: 57,
      serviceLifeYears: 6,
      useShare: 0.85,
    });
    near(embodied.amortisedHours, 44_676);
    near(embodied.kg, ((384 * 200 + 48 * 1000) * (1_082_990 / 384)) / 44_676);
    near(embodied.lowKg, ((384 * 100 + 48 * 500) * (1_082_990 / 384)) / 44_676);
    assert.deepEqual(
      embodied.factors.slice(-2).map((f) => [f.name, f.value, f.kind, f.source]),
      [
        ["service life", 6, "user", null],
        ["share of the service life in use", 0.85, "user", null],
      ],
    );
    assert.match(embodied.derivation, /\/ \(6 years × 8760 h × 0\.85 in use\) = /);
  });

  it("a fraction of a server: one device holds 1/8 of it", () => {
    const { embodied } = embodiedOf({ hardware: "gpu-300", hours: 43_800, intensity: 100 });
    assert.deepEqual(
      embodied.parts.map((p) => [p.label, p.count, p.kg]),
      [
        ["1 × Test GPU 300", 1, 100],
        ["0.125 servers without accelerators", 0.125, 125],
      ],
    );
  });

  it("host CPUs and memory beside accelerators are inside the server's figure, not counted again", () => {
    const plain = embodiedOf({ hardware: "TG400", count: 8, hours: 10, intensity: 100 }).embodied;
    const host = embodiedOf({
      hardware: "TG400",
      count: 8,
      hours: 10,
      intensity: 100,
      cpu: "cpu-200",
      cpuCount: 2,
      memoryGB: 512,
    }).embodied;
    assert.equal(host.kg, plain.kg);
    assert.equal(
      host.factors[2]?.note,
      "range 500–1,000; includes the host's CPUs and memory, not counted again",
    );
  });

  it("a CPU-only job: packages, memory and the packages' share of a chassis (hand-computed)", () => {
    // (2 × 20 + 64 × 1 + 1 × 400) kg = 504 kg × 43.8 h / 43,800 h = 0.504 kg.
    const { embodied } = embodiedOf({
      cpu: "cpu-200",
      cpuCount: 2,
      memoryGB: 64,
      hours: 43.8,
      intensity: 100,
    });
    near(embodied.kg, 0.504);
    assert.deepEqual(
      embodied.parts.map((p) => [p.part, p.label, p.count, p.unitKg]),
      [
        ["cpu", "2 × Test CPU 200", 2, 20],
        ["memory", "64 GB memory", 64, 1],
        ["server", "1 server chassis", 1, 400],
      ],
    );
    assert.deepEqual(
      embodied.factors.map((f) => f.name),
      [
        "manufacture per CPU package",
        "CPU packages per server",
        "manufacture per server chassis (without CPUs, memory, accelerators)",
        "manufacture per GB of memory",
        "service life",
        "share of the service life in use",
      ],
    );
  });

  it("a CPU instance: its share of a package, its memory and its share of the host (hand-computed)", () => {
    // 0.5 package × 20 + 32 GB × 1 + 0.25 chassis × 400 = 142 kg × 100 h / 43,800 h.
    const { embodied } = embodiedOf({ instance: "gcp:tg-curve-8", hours: 100, intensity: 100 });
    near(embodied.kg, 14_200 / 43_800);
    near(embodied.lowKg, 12_100 / 43_800);
    near(embodied.highKg, 28_400 / 35_040);
    assert.equal(embodied.parts[0]?.label, "8 vCPUs of Test CPU Curve (0.5 packages)");
  });

  it("a GPU instance: its host's accelerator count sets the server share", () => {
    const { embodied } = embodiedOf({ instance: "gcp:tg-8x400", count: 2, hours: 10, intensity: 100 });
    assert.deepEqual(
      embodied.parts.map((p) => [p.label, p.count]),
      [
        ["16 × Test GPU 400", 16],
        ["2 servers without accelerators", 2],
      ],
    );
    assert.deepEqual(
      [embodied.factors[1]?.name, embodied.factors[1]?.kind, embodied.factors[1]?.source?.id],
      ["accelerators per server", "published", "prov"],
    );
  });

  it("never changes the operational figure; not asked for: absent, the result's shape as before", () => {
    const input: EstimateInput = { hardware: "TG400", count: 8, hours: 10, intensity: 100 };
    const without = tryEstimateWith(data, input);
    const withIt = tryEstimateWith(data, { ...input, embodied: true });
    assert.ok(without.ok && withIt.ok);
    assert.equal("embodied" in without.value, false);
    assert.equal("instance" in without.value.job, false);
    assert.equal(withIt.value.emissionsKg, without.value.emissionsKg);
    assert.deepEqual(withIt.value.range, without.value.range);
    assert.deepEqual(withIt.value.factors, without.value.factors);
  });

  it("the bundled data: one A100 SXM4 80GB for a year of a 6-year life is 150/6 kg plus 1/8 of a server", () => {
    const { embodied } = embodiedOf({ hardware: "A100 SXM4 80GB", hours: 8760, intensity: 100 }, bundled);
    near(embodied.kg, (150 + 2500 / 8) / 6);
  });
});

describe("embodied: problems", () => {
  it("a life or use share without embodied: give embodied as well", () => {
    assert.deepEqual(embodiedProblems({ serviceLifeYears: 4, useShare: 0.5 }, undefined), [
      {
        code: "required",
        path: "serviceLifeYears",
        message: "give embodied as well: it applies to embodied emissions only",
        fields: ["embodied"],
      },
      {
        code: "required",
        path: "useShare",
        message: "give embodied as well: it applies to embodied emissions only",
        fields: ["embodied"],
      },
    ]);
  });

  it("devices given only by watts: name the hardware or the instance", () => {
    const r = tryEstimateWith(data, { watts: 300, hours: 1, intensity: 100, embodied: true });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.path, p.message]),
      [
        [
          "required",
          "hardware",
          "give hardware or instance for embodied emissions: what a device given only by its watts is made of is unknown",
        ],
      ],
    );
  });

  it("an SoC system has no manufacturing figure: refused, not guessed", () => {
    const soc = bundled.hardware.find((h) => h.kind === "soc");
    assert.ok(soc !== undefined);
    const r = tryEstimateWith(bundled, { hardware: soc.name, hours: 1, intensity: 100, embodied: true });
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual([r.problems[0].code, r.problems[0].path], ["wrong-kind", "hardware"]);
  });

  it("a life and use share out of bounds are numbers problems", () => {
    const r = tryEstimateWith(data, {
      hardware: "TG400",
      hours: 1,
      intensity: 100,
      embodied: true,
      serviceLifeYears: 0,
      useShare: 1.5,
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.path, p.message]),
      [
        ["out-of-range", "serviceLifeYears", "0 is not allowed; use a number above 0 and at most 30 (years)"],
        ["out-of-range", "useShare", "1.5 is not allowed; use a number above 0 and at most 1"],
      ],
    );
  });

  it("embodied must be true or false", () => {
    assert.deepEqual(embodiedProblems({ embodied: "yes" as unknown as boolean }, undefined), [
      { code: "invalid", path: "embodied", message: '"yes" is not allowed; use true or false' },
    ]);
  });
});
