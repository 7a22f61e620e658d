import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { HardwareEntry } from "../../data/types.ts";
import { findHardware } from "../dataset-index.ts";
import { fixtureDataset as data } from "../fixture-dataset.ts";
import type { Dataset, EstimateInput } from "../types.ts";
import { devicePart, devicePowerBand, memoryPart, modelledBand } from "./power.ts";

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

describe("devicePart: the devices' band", () => {
  it("utilization not given: TDP, the range down to the low default (published idle 40 W)", () => {
    // 8 × 400 W; low 8 × (40 + 360 × 0.5) = 8 × 220 = 1760 W.
    const part = devicePart(data, { hardware: "TG400" }, hw("TG400"), 8);
    assert.deepEqual(part.band, {
      label: "8 × Test GPU 400",
      component: "devices",
      powerW: 3200,
      lowW: 1760,
      highW: 3200,
      kind: "default",
      term: "8 × 400 W",
    });
    assert.equal(part.perDeviceW, 400);
    assert.equal(part.perDeviceText, "400");
    assert.deepEqual(part.warnings, [
      "Utilization not given: Test GPU 400 assumed at 100 % (TDP 400 W); the range starts at 50 %.",
    ]);
    assert.deepEqual(part.factors, [
      {
        name: "device TDP (Test GPU 400)",
        value: 400,
        unit: "W",
        kind: "published",
        source: hwSource,
        year: 2021,
      },
      {
        name: "device utilization",
        value: 1,
        unit: "share",
        kind: "default",
        source: modelSource,
        year: 2024,
        note: "not given; range uses 0.5–1",
      },
    ]);
  });

  it("published idle power: the given utilization is exact (no band)", () => {
    // 40 + (400 − 40) × 0.5 = 220 W.
    const part = devicePart(data, { utilization: 0.5 }, hw("TG400"), 2);
    assert.deepEqual(bandOf(part.band), [440, 440, 440]);
    assert.equal(part.band.kind, "published");
    assert.equal(part.band.term, "2 × 220 W");
    assert.deepEqual(part.warnings, []);
    assert.deepEqual(
      part.factors.map((f) => [f.name, f.value, f.kind]),
      [
        ["device TDP (Test GPU 400)", 400, "published"],
        ["device idle power (Test GPU 400)", 40, "published"],
        ["device utilization", 0.5, "user"],
      ],
    );
    assert.equal(part.factors[1]?.source, hwSource);
  });

  it("estimated idle power: the band is ± the idle band around the estimated idle", () => {
    // idle 0.1 × 300 = 30 W; 30 + 270 × 0.25 = 97.5 W. Idle ± 50 %: 15 W → 15 + 285 × 0.25 = 86.25 W;
    // 45 W → 45 + 255 × 0.25 = 108.75 W. Four devices.
    const part = devicePart(data, { utilization: 0.25 }, hw("gpu-300"), 4);
    nearBand(part.band, [390, 345, 435]);
    assert.equal(part.band.kind, "estimated");
    assert.equal(part.band.term, "4 × 97.5 W");
    assert.equal(part.perDeviceText, "97.5");
    assert.deepEqual(part.warnings, [
      "No published idle power for Test GPU 300: idle estimated as a share of TDP.",
    ]);
    assert.deepEqual(part.factors[1], {
      name: "device idle power (Test GPU 300)",
      value: 30,
      unit: "W",
      kind: "estimated",
      source: modelSource,
      year: 2024,
      note: "0.1 × TDP; no published idle power",
    });
  });

  it("estimated idle at full load: exact, no idle factor, no warning", () => {
    const part = devicePart(data, { utilization: 1 }, hw("gpu-300"), 1);
    assert.deepEqual(bandOf(part.band), [300, 300, 300]);
    assert.deepEqual(
      part.factors.map((f) => f.name),
      ["device TDP (Test GPU 300)", "device utilization"],
    );
    assert.deepEqual(part.warnings, []);
  });

  it("estimated idle at zero load: the band is the idle band itself", () => {
    nearBand(devicePart(data, { utilization: 0 }, hw("gpu-300"), 1).band, [30, 15, 45]);
  });

  it("the high idle never goes past TDP", () => {
    // Idle fraction 0.8 → 240 W; +50 % would be 360 W, above the 300 W TDP: capped at 300 W, so the
    // high end is 300 W at any load. Low idle 120 W → 120 + 180 × 0.5 = 210 W. Power 240 + 60 × 0.5 = 270 W.
    const hot: Dataset = {
      ...data,
      defaults: {
        ...data.defaults,
        idleFractionByKind: {
          ...data.defaults.idleFractionByKind,
          gpu: { value: 0.8, year: 2024, source: "model" },
        },
      },
    };
    nearBand(devicePart(hot, { utilization: 0.5 }, hw("gpu-300", hot), 1).band, [270, 210, 300]);
  });

  it("given watts: exact, user-given, named after the entry when there is one", () => {
    const part = devicePart(data, { watts: 250 }, hw("TG400"), 2);
    assert.deepEqual(part, {
      band: {
        label: "2 × Test GPU 400",
        component: "devices",
        powerW: 500,
        lowW: 500,
        highW: 500,
        kind: "user",
        term: "2 × 250 W",
      },
      factors: [
        {
          name: "device power (Test GPU 400)",
          value: 250,
          unit: "W",
          kind: "user",
          source: null,
          year: null,
          note: "average per device",
        },
      ],
      warnings: [],
      perDeviceW: 250,
      perDeviceText: "250",
    });
  });

  it("measured watts without an entry: a 'device', measured", () => {
    const input: EstimateInput = { watts: 1234.4, wattsKind: "measured" };
    const part = devicePart(data, input, undefined, 1);
    assert.equal(part.band.label, "1 × device");
    assert.equal(part.band.kind, "measured");
    assert.equal(part.band.term, "1 × 1,234 W");
    assert.equal(part.factors[0]?.kind, "measured");
  });

  it("devicePowerBand is the per-device band estimate uses, memoised and frozen", () => {
    const first = devicePowerBand(data, hw("gpu-300"), 0.25);
    nearBand(first, [97.5, 86.25, 108.75]);
    assert.equal(devicePowerBand(data, hw("gpu-300"), 0.25), first, "the same object the second time");
    assert.ok(Object.isFrozen(first));
    assert.notEqual(devicePowerBand(data, hw("gpu-300"), 0.5), first);
  });
});

describe("modelledBand", () => {
  const model = { maxW: 300, idleW: 30, idleKind: "estimated" as const };
  it("scales by units", () => nearBand(modelledBand(data, model, 3, 0.25), [292.5, 258.75, 326.25]));
  it("without a utilization: default and low default", () =>
    nearBand(modelledBand(data, model, 1, undefined), [300, 165, 300]));
  it("a published idle is exact at any utilization", () =>
    nearBand(modelledBand(data, { ...model, idleKind: "published" }, 1, 0.25), [97.5, 97.5, 97.5]));
});

describe("memoryPart", () => {
  it("no memory: null", () => assert.equal(memoryPart(data, undefined), null));

  it("GB × W/GB, exact, estimated, with its sourced factor", () => {
    assert.deepEqual(memoryPart(data, 100), {
      band: {
        label: "100 GB memory",
        component: "memory",
        powerW: 50,
        lowW: 50,
        highW: 50,
        kind: "estimated",
        term: "100 GB × 0.5 W/GB",
      },
      factors: [
        {
          name: "memory power per GB",
          value: 0.5,
          unit: "W/GB",
          kind: "estimated",
          source: modelSource,
          year: 2024,
        },
      ],
      warnings: [],
    });
  });

  it("0 GB is a (zero) part, not an absent one", () => assert.equal(memoryPart(data, 0)?.band.powerW, 0));
  it("large sizes are grouped in the term", () =>
    assert.equal(memoryPart(data, 2048)?.band.term, "2,048 GB × 0.5 W/GB"));
});
