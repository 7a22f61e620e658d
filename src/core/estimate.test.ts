import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Mlco2Error } from "./errors.ts";
import { estimateWith, tryEstimateWith } from "./estimate.ts";
import { fixtureDataset as data } from "./fixture-dataset.ts";
import type { EstimateInput } from "./types.ts";

const est = (input: EstimateInput) => estimateWith(data, input);
const near = (actual: number, expected: number, tolerance = 1e-9) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${actual} ≠ ${expected}`,
  );
const problemOf = (input: EstimateInput) => {
  const outcome = tryEstimateWith(data, input);
  assert.equal(outcome.ok, false, "expected a problem");
  return outcome.ok ? undefined : outcome.problems[0];
};

describe("estimate: hand-computed vectors", () => {
  it("count × TDP × hours × PUE × intensity", () => {
    const r = est({ hardware: "TG400", count: 8, hours: 100, utilization: 1, intensity: 500, pue: 1 });
    near(r.energyKWh, 320);
    near(r.facilityEnergyKWh, 320);
    near(r.emissionsKg, 160);
    assert.equal(r.pue, 1);
    assert.equal(r.intensityGPerKWh, 500);
    assert.deepEqual(r.range, { lowKg: 160, highKg: 160 }, "every input exact: the range collapses");
    assert.equal(r.derivation, "8 × 400 W × 100 h = 320 kWh × PUE 1.00 = 320 kWh × 500 g/kWh = 160 kg CO2eq");
    assert.deepEqual(r.warnings, []);
  });

  it("device-hours divide by the count", () => {
    const r = est({
      hardware: "gpu-400",
      count: 8,
      deviceHours: 800,
      utilization: 1,
      intensity: 500,
      pue: 1,
    });
    near(r.energyKWh, 320);
    assert.equal(r.job.hours, 100);
    assert.equal(r.job.deviceHours, 800);
    assert.equal(
      r.derivation,
      "400 W × 800 device-h = 320 kWh × PUE 1.00 = 320 kWh × 500 g/kWh = 160 kg CO2eq",
    );
  });

  it("utilization maps through a published idle power", () => {
    const r = est({ hardware: "Test GPU 400", hours: 10, utilization: 0.5, intensity: 100, pue: 1 });
    near(r.job.powerPerDeviceW, 220); // 40 + (400 − 40) × 0.5
    near(r.energyKWh, 2.2);
    near(r.emissionsKg, 0.22);
    assert.equal(r.range.lowKg, r.range.highKg);
  });

  it("utilization with an estimated idle power widens the range by the idle band", () => {
    const r = est({ hardware: "gpu-300", hours: 1, utilization: 0.5, intensity: 1000, pue: 1 });
    near(r.job.powerPerDeviceW, 165); // idle 0.1 × 300 = 30; 30 + 270 × 0.5
    near(r.range.lowKg, 0.1575); // idle 15 → 15 + 285 × 0.5 = 157.5 W
    near(r.range.highKg, 0.1725); // idle 45 → 45 + 255 × 0.5 = 172.5 W
    assert.ok(r.factors.some((f) => f.name.startsWith("device idle power") && f.kind === "estimated"));
  });

  it("default utilization is TDP with a range down to 50 %", () => {
    const r = est({ hardware: "TG400", hours: 10, intensity: 100, pue: 1 });
    near(r.energyKWh, 4);
    near(r.range.highKg, 0.4);
    near(r.range.lowKg, 0.22); // 220 W × 10 h × 100 g
    assert.ok(r.warnings.some((w) => w.startsWith("Utilization not given")));
    assert.ok(r.factors.some((f) => f.name === "device utilization" && f.kind === "default"));
  });

  it("explicit PUE multiplies IT energy", () => {
    const r = est({ hardware: "TG400", count: 8, hours: 100, utilization: 1, intensity: 500, pue: 1.5 });
    near(r.facilityEnergyKWh, 480);
    near(r.emissionsKg, 240);
  });

  it("PUE falls back to the provider's fleet value, banded, and says so", () => {
    const r = est({ hardware: "TG400", hours: 100, utilization: 1, region: "gcp:dirty-1", year: 2023 });
    assert.equal(r.pue, 1.1);
    near(r.emissionsKg, 40 * 1.1 * 0.5);
    near(r.range.lowKg, 40 * 1.0 * 0.5); // 1.1 × 0.9 = 0.99, floored at 1
    near(r.range.highKg, 40 * 1.21 * 0.5);
    const pue = r.factors.find((f) => f.name.startsWith("PUE"));
    assert.equal(pue?.kind, "published");
    assert.equal(pue?.source?.id, "prov");
  });

  it("a region-specific PUE wins over the fleet value and is exact", () => {
    const r = est({ hardware: "TG400", hours: 100, utilization: 1, region: "gcp:clean-1", year: 2023 });
    assert.equal(r.pue, 1.2);
    near(r.emissionsKg, 40 * 1.2 * 0.01);
    assert.equal(r.range.lowKg, r.range.highKg);
  });

  it("unknown facility: PUE 1.0 with a warning and a range up to the industry average", () => {
    const r = est({ hardware: "TG400", hours: 100, utilization: 1, intensity: 500 });
    assert.equal(r.pue, 1);
    near(r.range.highKg, 20 * 1.5);
    assert.ok(r.warnings.some((w) => w.startsWith("PUE not given: 1.00 assumed")));
  });

  it("grid zone intensity by year; latest by default with a year band", () => {
    const y2022 = est({ hardware: "TG400", hours: 10, utilization: 1, pue: 1, zone: "us-dirty", year: 2022 });
    assert.equal(y2022.intensityGPerKWh, 550);
    assert.equal(y2022.range.lowKg, y2022.range.highKg);
    const latest = est({ hardware: "TG400", hours: 10, utilization: 1, pue: 1, zone: "US-DIRTY" });
    assert.equal(latest.intensityGPerKWh, 500);
    assert.equal(latest.job.year, 2023);
    near(latest.range.lowKg, 4 * 0.5);
    near(latest.range.highKg, 4 * 0.6);
  });

  it("countries resolve by alpha-2 and alpha-3; Ember covers countries without a zone, with a warning", () => {
    for (const country of ["FR", "fra"]) {
      const r = est({ hardware: "TG400", hours: 10, utilization: 1, pue: 1, country, year: 2022 });
      assert.equal(r.intensityGPerKWh, 90);
      assert.equal(r.job.location.country, "FR");
    }
    const de = est({ hardware: "TG400", hours: 10, utilization: 1, pue: 1, country: "DE" });
    assert.equal(de.intensityGPerKWh, 380);
    assert.ok(de.warnings.some((w) => w.includes("Ember")));
  });

  it("host CPU and memory add to the device power", () => {
    const r = est({
      hardware: "TG400",
      hours: 10,
      utilization: 1,
      cpu: "Test CPU 200",
      cpuCount: 2,
      cpuUtilization: 0.5,
      memoryGB: 100,
      intensity: 100,
      pue: 1,
    });
    // 400 + 2 × (40 + 160 × 0.5) + 100 × 0.5 = 690 W
    near(r.energyKWh, 6.9);
    assert.deepEqual(
      r.components.map((c) => [c.component, c.powerW]),
      [
        ["devices", 400],
        ["cpu", 240],
        ["memory", 50],
      ],
    );
    assert.equal(
      r.derivation,
      "(1 × 400 W + 2 × 120 W CPU + 100 GB × 0.5 W/GB) × 10 h = 6.9 kWh × PUE 1.00 = 6.9 kWh × 100 g/kWh = 0.69 kg CO2eq",
    );
  });

  it("a CPU given by TDP", () => {
    const r = est({ watts: 100, hours: 10, cpu: { tdpW: 150 }, cpuUtilization: 1, intensity: 100, pue: 1 });
    near(r.energyKWh, 2.5);
  });

  it("a CPU-only job: its CPUs are the devices, by TDP at a utilization", () => {
    // CPU by TDP 100 W: idle 20 % of TDP (fixture) = 20 W; at 50 %: 20 + 80 × 0.5 = 60 W per CPU; × 8 = 480 W.
    const r = est({
      cpu: { tdpW: 100 },
      cpuCount: 8,
      cpuUtilization: 0.5,
      hours: 2,
      intensity: 100,
      pue: 1,
    });
    assert.equal(r.energyKWh, 0.96);
    near(r.emissionsKg, 0.096);
    // Idle band ±50 %: 10 + 90 × 0.5 = 55 W and 30 + 70 × 0.5 = 65 W per CPU.
    assert.ok(Math.abs(r.range.lowKg - (8 * 55 * 2 * 100) / 1e6) < 1e-12);
    assert.ok(Math.abs(r.range.highKg - (8 * 65 * 2 * 100) / 1e6) < 1e-12);
    assert.equal(r.job.count, 8);
    assert.equal(r.job.powerPerDeviceW, 60);
    assert.equal(r.job.utilization, 0.5);
    assert.equal(r.job.hardware, null);
    assert.deepEqual(
      r.components.map((c) => c.component),
      ["cpu"],
    );
    assert.match(r.derivation, /^8 × 60 W CPU × 2 h = 0\.96 kWh/);
  });

  it("a CPU-only job with a catalog CPU names it", () => {
    const r = est({ cpu: "Test CPU 200", cpuCount: 2, hours: 1, intensity: 100 });
    assert.equal(r.job.hardware?.id, "cpu-200");
    assert.equal(r.job.count, 2);
  });

  it("watts override the power model and are user-given", () => {
    const r = est({ hardware: "TG400", watts: 250, count: 2, hours: 10, intensity: 100, pue: 1 });
    near(r.energyKWh, 5);
    assert.equal(r.factors[0]?.kind, "user");
    const measured = est({ watts: 250, wattsKind: "measured", hours: 10, intensity: 100, pue: 1 });
    assert.equal(measured.factors[0]?.kind, "measured");
  });

  it("market-based view beside, never subtracted", () => {
    const r = est({
      hardware: "TG400",
      hours: 100,
      utilization: 1,
      region: "gcp:dirty-1",
      year: 2023,
      pue: 1,
    });
    near(r.emissionsKg, 20);
    assert.equal(r.marketBasedKg, 0);
    const aws = est({
      hardware: "TG400",
      hours: 100,
      utilization: 1,
      region: "aws:east-1",
      year: 2023,
      pue: 1,
    });
    assert.equal(aws.marketBasedKg, null);
  });

  it("cleanest region of the same provider", () => {
    const r = est({ hardware: "TG400", hours: 100, utilization: 1, region: "google:dirty-1", year: 2023 });
    assert.deepEqual(r.alternatives.cleanestInProvider, {
      region: "gcp:clean-1",
      emissionsKg: (40 * 1.2 * 10) / 1000,
      intensityGPerKWh: 10,
      pue: 1.2,
    });
    const z = est({ hardware: "TG400", hours: 100, utilization: 1, zone: "FR" });
    assert.equal(z.alternatives.cleanestInProvider, null);
  });

  it("equivalents", () => {
    const r = est({ hardware: "TG400", count: 8, hours: 100, utilization: 1, intensity: 500, pue: 1 });
    near(r.equivalents.carKm, 640);
    near(r.equivalents.coalKg, 80);
    near(r.equivalents.treeSeedlings10y, 3.2);
    assert.deepEqual(r.equivalents.flights, { route: "A–B", count: 0.32 });
  });

  it("every factor carries a kind, and a source unless user-given", () => {
    const r = est({
      hardware: "gpu-300",
      hours: 5,
      utilization: 0.3,
      region: "gcp:dirty-1",
      cpu: "cpu-200",
      memoryGB: 8,
    });
    for (const f of r.factors) {
      if (f.kind === "user") assert.equal(f.source, null);
      else assert.ok(f.source !== null, `${f.name} has no source`);
    }
  });
});

describe("estimate: bad input is refused, never computed", () => {
  const base = { hardware: "TG400", hours: 10, intensity: 100 } as const;
  const cases: [string, EstimateInput, string, string, RegExp][] = [
    [
      "negative hours",
      { ...base, hours: -1 },
      "hours",
      "out-of-range",
      /^-1 is not allowed; use a number above 0/,
    ],
    ["zero hours", { ...base, hours: 0 }, "hours", "out-of-range", /above 0/],
    ["underflowing hours", { ...base, hours: 5e-324 }, "hours", "out-of-range", /underflow/],
    ["absurd hours", { ...base, hours: 1e9 }, "hours", "out-of-range", /at most 87600/],
    ["NaN", { ...base, hours: Number.NaN }, "hours", "not-a-number", /NaN/],
    ["fractional count", { ...base, count: 1.5 }, "count", "out-of-range", /whole number/],
    ["utilization > 1", { ...base, utilization: 1.2 }, "utilization", "out-of-range", /from 0 to 1/],
    ["PUE < 1", { ...base, pue: 0.9 }, "pue", "out-of-range", /from 1 to 3/],
    ["absurd intensity", { ...base, intensity: 5000 }, "intensity", "out-of-range", /from 0 to 2000/],
    [
      "no location",
      { hardware: "TG400", hours: 1 },
      "location",
      "required",
      /^give one of region, country, zone or intensity/,
    ],
    ["two locations", { ...base, zone: "FR" }, "intensity", "conflict", /^cannot be combined with zone/],
    [
      "no hardware",
      { hours: 1, intensity: 1 },
      "hardware",
      "required",
      /^give one of hardware, watts, cpu or instance/,
    ],
    [
      "count of a CPU-only job",
      { cpu: { tdpW: 100 }, count: 2, hours: 1, intensity: 1 },
      "count",
      "conflict",
      /^cannot be combined with cpu without hardware/,
    ],
    [
      "utilization of a CPU-only job",
      { cpu: { tdpW: 100 }, utilization: 0.5, hours: 1, intensity: 1 },
      "utilization",
      "conflict",
      /give cpuUtilization/,
    ],
    [
      "hours and device-hours",
      { ...base, deviceHours: 10 },
      "deviceHours",
      "conflict",
      /^cannot be combined with hours/,
    ],
    ["no duration", { hardware: "TG400", intensity: 1 }, "hours", "required", /^give hours or deviceHours/],
    [
      "watts and utilization",
      { ...base, watts: 100, utilization: 0.5 },
      "utilization",
      "conflict",
      /^cannot be combined with watts/,
    ],
    [
      "unknown year",
      { hardware: "TG400", hours: 1, zone: "FR", year: 2019 },
      "year",
      "unknown-year",
      /^2019 is not available; use 2021–2023/,
    ],
    [
      "year with intensity",
      { ...base, year: 2022 },
      "year",
      "conflict",
      /^cannot be combined with intensity/,
    ],
    ["GPU as CPU", { ...base, cpu: "TG400" }, "cpu", "wrong-kind", /is a gpu, not a CPU/],
    ["cpu count without cpu", { ...base, cpuCount: 2 }, "cpu", "required", /^give cpu/],
    [
      "too many device-hours",
      { ...base, hours: 80000, count: 100000 },
      "hours",
      "out-of-range",
      /beyond 500000000/,
    ],
  ];
  for (const [name, input, path, code, message] of cases) {
    it(name, () => {
      const problem = problemOf(input);
      assert.equal(problem?.path, path);
      assert.equal(problem?.code, code);
      assert.match(problem?.message ?? "", message);
    });
  }

  it("reports every problem, not only the first", () => {
    const outcome = tryEstimateWith(data, { hardware: "nope", hours: -1, count: 0, zone: "XX-NONE" });
    assert.equal(outcome.ok, false);
    if (outcome.ok) return;
    assert.deepEqual(
      outcome.problems.map((p) => [p.path, p.code]),
      [
        ["count", "out-of-range"],
        ["hours", "out-of-range"],
        ["hardware", "unknown-hardware"],
        ["zone", "unknown-zone"],
      ],
    );
  });

  it("unknown hardware suggests close names", () => {
    const problem = problemOf({ ...base, hardware: "Test GPU 40" });
    assert.equal(problem?.code, "unknown-hardware");
    assert.ok(problem?.suggestions?.includes("Test GPU 400"));
    assert.match(problem?.message ?? "", /did you mean "Test GPU 400"/);
  });

  it("unknown region lists the provider's regions", () => {
    const problem = problemOf({ hardware: "TG400", hours: 1, region: "gcp:nowhere" });
    assert.equal(problem?.code, "unknown-region");
    assert.match(problem?.message ?? "", /gcp regions: dirty-1, clean-1/);
  });

  it("unknown provider lists providers", () => {
    const problem = problemOf({ hardware: "TG400", hours: 1, region: "gpc:dirty-1" });
    assert.match(problem?.message ?? "", /^unknown provider "gpc"; did you mean "gcp"\?; allowed: gcp, aws/);
  });

  it("unknown country and zone", () => {
    assert.equal(problemOf({ hardware: "TG400", hours: 1, country: "XX" })?.code, "unknown-country");
    assert.equal(problemOf({ hardware: "TG400", hours: 1, zone: "SE-SE9" })?.code, "unknown-zone");
  });

  it("estimateWith throws one typed error", () => {
    assert.throws(
      () => estimateWith(data, { ...base, hours: -5 }),
      (e: unknown) => e instanceof Mlco2Error && e.code === "out-of-range" && e.path === "hours",
    );
  });
});

describe("hardware names resolve forgivingly", () => {
  for (const name of [
    "NVIDIA TG400-SXM4-80GB",
    "nvidia tg400 sxm4 80gb",
    "TG400-SXM4-80GB",
    "tg 400",
    "gpu-400",
  ]) {
    it(name, () =>
      assert.equal(est({ ...{ hours: 1, intensity: 1 }, hardware: name }).job.hardware?.id, "gpu-400"),
    );
  }
});
