// Dataset integrity: every value sourced, no colliding names, every region resolves to an intensity.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hardwareKeys } from "../core/dataset-index.ts";
import { tryEstimateWith } from "../core/estimate.ts";
import { allHardware, dataset, sources } from "./index.ts";

const hasSource = (id: string | undefined, what: string) => {
  assert.ok(
    id !== undefined && dataset.sources.has(id),
    `${what}: source "${String(id)}" is not in the sources table`,
  );
};

describe("sources table", () => {
  it("ids are unique and every source has a title, publisher, url, year and retrieval date", () => {
    const ids = sources.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, "duplicate source ids");
    for (const s of sources) {
      assert.ok(s.title && s.publisher && s.url, `${s.id}: title, publisher and url are required`);
      assert.ok(Number.isInteger(s.year) && s.year >= 1990 && s.year <= 2026, `${s.id}: year ${s.year}`);
      assert.match(s.retrieved, /^\d{4}-\d{2}-\d{2}$/, `${s.id}: retrieved`);
    }
  });
});

describe("hardware catalog", () => {
  it("has at least 100 entries with unique ids", () => {
    assert.ok(dataset.hardware.length >= 100, `${dataset.hardware.length} entries`);
    assert.ok(allHardware().length >= 4000, `${allHardware().length} entries with the generated CPUs`);
    const ids = allHardware().map((h) => h.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it("every value has a source and sane watts", () => {
    for (const h of allHardware()) {
      hasSource(h.source, h.id);
      if (h.idleW !== undefined) {
        hasSource(h.idleSource ?? h.source, `${h.id} idle`);
        assert.ok(h.idleW >= 0 && h.idleW < h.tdpW, `${h.id}: idle ${h.idleW} W vs TDP ${h.tdpW} W`);
      }
      assert.ok(h.tdpW > 0 && h.tdpW <= 3000, `${h.id}: TDP ${h.tdpW} W`);
    }
  });

  it("names and aliases never collide across entries", () => {
    const owner = new Map<string, string>();
    for (const h of allHardware()) {
      for (const key of hardwareKeys(h)) {
        const previous = owner.get(key);
        assert.ok(previous === undefined || previous === h.id, `"${key}" names both ${previous} and ${h.id}`);
        owner.set(key, h.id);
      }
    }
  });

  it("nvidia-smi names and common spellings resolve", () => {
    const expectations: [string, number][] = [
      ["NVIDIA A100-SXM4-80GB", 400],
      ["A100 SXM4 80GB", 400],
      ["NVIDIA A100-PCIE-40GB", 250],
      ["NVIDIA A100 80GB PCIe", 300],
      ["NVIDIA H100 80GB HBM3", 700],
      ["Tesla V100-SXM2-16GB", 300],
      ["Tesla V100-PCIE-32GB", 250],
      ["Tesla T4", 70],
      ["NVIDIA L4", 72],
      ["NVIDIA GeForce RTX 4090", 450],
    ];
    for (const [name, tdpW] of expectations) {
      const outcome = tryEstimateWith(dataset, { hardware: name, hours: 1, intensity: 100 });
      assert.ok(outcome.ok, `${name} does not resolve`);
      if (outcome.ok) assert.equal(outcome.value.job.hardware?.tdpW, tdpW, `${name} TDP`);
    }
  });

  it("covers the accelerator families the calculator must know", () => {
    const names = [
      "K80",
      "T4",
      "A10G",
      "A100 PCIe 40GB",
      "H100 SXM",
      "H200 SXM",
      "B200",
      "L40S",
      "MI300X",
      "MI250X",
      "TPU v3",
      "TPU v5p",
      "TPU v6e",
      "Gaudi 3",
      "Trainium2",
      "Inferentia2",
      "Apple M2 Max",
      "EPYC 9654",
    ];
    for (const name of names) {
      assert.ok(
        tryEstimateWith(dataset, { hardware: name, hours: 1, intensity: 1 }).ok,
        `${name} is not in the catalog`,
      );
    }
  });
});

describe("cloud regions", () => {
  it("every region and provider value is sourced", () => {
    for (const p of dataset.providers) {
      if (p.pue) hasSource(p.pue.source, `${p.id} PUE`);
      if (p.renewableMatch) hasSource(p.renewableMatch.source, `${p.id} renewable match`);
    }
    for (const r of dataset.regions) {
      const what = `${r.provider}:${r.id}`;
      hasSource(r.source, what);
      for (const value of [r.pue, r.providerIntensityGPerKWh, r.carbonFreeEnergy, r.renewableMatch]) {
        if (value !== undefined) {
          hasSource(value.source, what);
          assert.ok(Number.isInteger(value.year), `${what}: year`);
        }
      }
    }
  });

  it("every region resolves to an intensity in every data year", () => {
    for (const r of dataset.regions) {
      for (const year of dataset.grid.years) {
        const outcome = tryEstimateWith(dataset, {
          watts: 100,
          hours: 1,
          region: `${r.provider}:${r.id}`,
          year,
        });
        assert.ok(
          outcome.ok,
          `${r.provider}:${r.id} ${year}: ${outcome.ok ? "" : outcome.problems[0].message}`,
        );
        if (outcome.ok) assert.ok(outcome.value.intensityGPerKWh > 0);
      }
    }
  });

  it("covers all seven providers of the 2019 calculator", () => {
    const providers = new Set(dataset.regions.map((r) => r.provider));
    for (const id of ["aws", "gcp", "azure", "coreweave", "ovhcloud", "scaleway", "seeweb"]) {
      assert.ok(providers.has(id as never), `${id} has no regions`);
    }
  });
});

describe("model constants", () => {
  it("every default is sourced", () => {
    const d = dataset.defaults;
    for (const value of [
      d.memoryWPerGB,
      d.unknownCpuWPerThread.idle,
      d.unknownCpuWPerThread.max,
      d.defaultUtilization,
      d.lowUtilization,
      d.unknownFacilityPue,
      d.unknownFacilityPueHigh,
      d.publishedPueBand,
      d.estimatedIdleBand,
      d.worldIntensity,
      d.equivalents.carKgPerKm,
      d.equivalents.coalKgPerKg,
      d.equivalents.treeSeedlingKg,
      d.equivalents.flight,
      ...Object.values(d.idleFractionByKind),
    ]) {
      hasSource(value.source, "default");
      assert.ok(Number.isFinite(value.value), "default value");
    }
  });

  it("grid data covers 2021–2025 and the Ember world average", () => {
    assert.deepEqual(dataset.grid.years, [2021, 2022, 2023, 2024, 2025]);
    assert.ok(dataset.grid.zones.size >= 300);
    assert.ok(dataset.defaults.worldIntensity.value > 300 && dataset.defaults.worldIntensity.value < 600);
  });
});
