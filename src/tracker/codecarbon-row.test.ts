import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dataset } from "../data/index.ts";
import { codecarbonRowOf, type RowInput } from "./codecarbon-row.ts";
import { CODECARBON_COLUMNS, codecarbonCsv } from "./log-csv.ts";
import { Sampler } from "./sampler.ts";
import type { HostInfo } from "./sensors/host.ts";
import { summarize, type TrackLocation } from "./summary.ts";
import type { Reading, Sensor } from "./types.ts";

type Steady = Omit<Reading, "energyJ">;

/** One sensor giving constant readings (energy = power × interval). */
const sensorOf = (readings: readonly Steady[]): Sensor => ({
  name: "fixed",
  sample: (tick) =>
    tick.intervalS <= 0 ? [] : readings.map((r) => ({ ...r, energyJ: r.powerW * tick.intervalS })),
  warnings: () => [],
  close: () => {},
});

const HOST: HostInfo = {
  cpuModel: "AMD EPYC 7763 64-Core Processor",
  logicalCpus: 128,
  packages: 1,
  virtualized: false,
  affinityCpus: 128,
  cgroupQuotaCpus: null,
  memoryTotalGB: 64,
};

/** One hour of the given readings at `intensity` g/kWh and PUE 1.5, made into a row. */
const rowOf = (readings: readonly Steady[], location: TrackLocation = { intensity: 100 }) => {
  let ms = 0;
  const sampler = new Sampler({
    sensors: [sensorOf(readings)],
    pue: 1.5,
    intensityAt: () => 100,
    now: () => ms,
  });
  ms = 3_600_000;
  sampler.tick();
  const totals = sampler.totals();
  const result = summarize({
    dataset,
    totals,
    location,
    pue: 1.5,
    modelFactors: [],
    warnings: [],
    timeVaryingIntensity: false,
  });
  const input: RowInput = {
    result,
    runId: "run-1",
    endedAt: new Date("2026-01-15T10:00:00.123Z"),
    durationS: 3600,
    project: "demo",
    host: HOST,
    totals,
    location,
    dataset,
  };
  return codecarbonRowOf(input);
};

const a100 = (index: number, powerW: number, utilization: number): Steady => ({
  component: "gpu",
  key: `gpu:${index}`,
  label: `GPU ${index} NVIDIA A100-SXM4-80GB`,
  powerW,
  method: "measured",
  via: "nvidia-smi energy counter",
  utilization,
});

const close = (actual: unknown, expected: number) =>
  assert.ok(typeof actual === "number" && Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe("codecarbonRowOf", () => {
  test("energies per component in kWh, average powers in W, emissions with PUE, utilizations in %", () => {
    const perGB = dataset.defaults.memoryWPerGB.value;
    const row = rowOf([
      a100(0, 300, 0.5),
      a100(1, 100, 0.9),
      {
        component: "cpu",
        key: "cpu",
        label: "CPU",
        powerW: 50,
        method: "estimated",
        via: "model",
        utilization: 0.25,
      },
      // 16 GB resident at the dataset's W/GB.
      {
        component: "memory",
        key: "memory",
        label: "memory",
        powerW: 16 * perGB,
        method: "estimated",
        via: "m",
      },
    ]);
    // 1 h: GPUs 400 W = 0.4 kWh, CPU 0.05 kWh, memory 16 × W/GB Wh.
    close(row.gpu_energy, 0.4);
    close(row.cpu_energy, 0.05);
    close(row.ram_energy, (16 * perGB) / 1000);
    close(row.gpu_power, 400);
    close(row.cpu_power, 50);
    close(row.ram_power, 16 * perGB);
    const itKWh = 0.45 + (16 * perGB) / 1000;
    close(row.energy_consumed, itKWh);
    // IT energy × PUE 1.5 × 100 g/kWh.
    close(row.emissions, (itKWh * 1.5 * 100) / 1000);
    close(row.emissions_rate, (itKWh * 1.5 * 100) / 1000 / 3600);
    assert.equal(row.pue, 1.5);
    close(row.gpu_utilization_percent, 70); // mean of 50 % and 90 %
    close(row.cpu_utilization_percent, 25);
    close(row.ram_used_gb, 16);
    close(row.ram_utilization_percent, 25); // 16 of 64 GB
    assert.equal(row.gpu_count, 2);
    assert.equal(row.gpu_model, "2 x NVIDIA A100-SXM4-80GB");
    assert.equal(row.cpu_model, HOST.cpuModel);
    assert.equal(row.cpu_count, 128);
    assert.equal(row.ram_total_size, 64);
    assert.equal(row.timestamp, "2026-01-15T10:00:00");
    assert.equal(row.project_name, "demo");
    assert.equal(row.run_id, "run-1");
    assert.equal(row.on_cloud, "N");
    assert.equal(row.country_iso_code, "");
    assert.equal(row.tracking_mode, "process");
  });

  test("no GPU, no utilization, no memory model: zeros and empty cells", () => {
    const row = rowOf([
      {
        component: "cpu",
        key: "cpu:rapl",
        label: "RAPL package-0",
        powerW: 100,
        method: "measured",
        via: "rapl",
      },
    ]);
    assert.equal(row.gpu_count, 0);
    assert.equal(row.gpu_model, "");
    assert.equal(row.gpu_energy, 0);
    assert.equal(row.gpu_utilization_percent, null);
    assert.equal(row.cpu_utilization_percent, null);
    assert.equal(row.ram_used_gb, null);
    assert.equal(row.ram_utilization_percent, null);
    const line = codecarbonCsv([row], false).trimEnd().split(",");
    assert.equal(line.length, CODECARBON_COLUMNS.length);
    assert.equal(line[CODECARBON_COLUMNS.indexOf("gpu_utilization_percent")], "");
  });

  test("AMD GPUs (whose label names no model) are counted as AMD GPUs, not as an empty model", () => {
    const amd = (card: number): Steady => ({
      component: "gpu",
      key: `gpu:amd:${card}`,
      label: `AMD GPU ${card}`,
      powerW: 200,
      method: "measured",
      via: "amd-smi power integrated",
    });
    const row = rowOf([amd(0), amd(1)]);
    assert.equal(row.gpu_count, 2);
    assert.equal(row.gpu_model, "2 x AMD GPU");
  });

  test("mixed models are counted apart; an attributed share's note is not part of the model", () => {
    const row = rowOf([
      { ...a100(0, 300, 1), label: "GPU 0 NVIDIA A100-SXM4-80GB (75 % of it, by process memory)" },
      a100(1, 300, 1),
      { ...a100(2, 70, 1), label: "GPU 2 Tesla T4" },
      { ...a100(3, 70, 1), label: "GPU 3 NVIDIA A100-SXM4-80GB-X" },
    ]);
    assert.equal(row.gpu_count, 4);
    assert.equal(row.gpu_model, "2 x NVIDIA A100-SXM4-80GB, 1 x Tesla T4, 1 x NVIDIA A100-SXM4-80GB-X");
  });

  test("a named country and cloud region fill the location columns", () => {
    const row = rowOf([a100(0, 300, 1)], { region: "gcp:europe-west1" });
    assert.equal(row.cloud_provider, "gcp");
    assert.equal(row.cloud_region, "europe-west1");
    assert.equal(row.on_cloud, "Y");
    assert.equal(row.country_iso_code, "BEL");
    assert.equal(row.country_name, "Belgium");
  });
});
