import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type SampleRecord, Sampler } from "./sampler.ts";
import type { Reading, SampleTick, Sensor } from "./types.ts";

/** A sensor at constant power: energy = power × interval; `fail` makes every sample after the first throw. */
const steady = (
  reading: Omit<Reading, "energyJ" | "powerW"> & { readonly powerW: number },
  extra: { readonly fail?: boolean; readonly details?: Record<string, number> } = {},
): Sensor & { readonly ticks: SampleTick[] } => {
  const ticks: SampleTick[] = [];
  return {
    name: reading.key,
    ticks,
    sample(tick) {
      ticks.push(tick);
      if (tick.intervalS <= 0) return [];
      if (extra.fail === true) throw new Error("sensor gone");
      return [{ ...reading, energyJ: reading.powerW * tick.intervalS }];
    },
    warnings: () => [],
    ...(extra.details === undefined ? {} : { details: () => extra.details ?? {} }),
    close: () => {},
  };
};

/** A clock the test moves by hand, ms. */
const clock = () => {
  let ms = 1000;
  return { now: () => ms, advance: (s: number) => (ms += s * 1000) };
};

const gpu = (powerW: number, utilization?: number) =>
  steady({
    component: "gpu",
    key: "gpu:0",
    label: "GPU 0 NVIDIA A100-SXM4-80GB",
    powerW,
    method: "measured",
    via: "nvidia-smi energy counter",
    ...(utilization === undefined ? {} : { utilization }),
  });

describe("Sampler", () => {
  test("the constructor takes every sensor's baseline at interval 0", () => {
    const time = clock();
    const sensor = gpu(300);
    new Sampler({ sensors: [sensor], pue: 1, intensityAt: () => 0, now: time.now });
    assert.deepEqual(sensor.ticks, [{ intervalS: 0, nowMs: 1000 }]);
  });

  test("integrates energy and emissions interval by interval, with PUE and the midpoint's intensity", () => {
    const time = clock();
    const records: SampleRecord[] = [];
    const midpoints: number[] = [];
    const sampler = new Sampler({
      sensors: [
        gpu(300, 0.5),
        steady({ component: "cpu", key: "cpu", label: "CPU", powerW: 60, method: "estimated", via: "model" }),
      ],
      pue: 1.5,
      // 100 g/kWh for the first interval, 300 g/kWh after: the intensity is read at each midpoint.
      intensityAt: (at) => {
        midpoints.push(at.getTime());
        return midpoints.length === 1 ? 100 : 300;
      },
      onRecord: (r) => records.push(r),
      now: time.now,
    });
    time.advance(1800);
    const first = sampler.tick();
    time.advance(1800);
    sampler.tick();
    // 360 W for half an hour: 0.18 kWh IT, 0.27 kWh facility; × 100 g = 27 g, then × 300 g = 81 g.
    assert.equal(records.length, 2);
    assert.equal(first, records[0]);
    assert.ok(Math.abs((records[0]?.energyKWh ?? 0) - 0.18) < 1e-12);
    assert.equal(records[0]?.powerW, 360);
    assert.ok(Math.abs((records[0]?.emissionsKg ?? 0) - 0.027) < 1e-12);
    assert.ok(Math.abs((records[1]?.emissionsKg ?? 0) - 0.081) < 1e-12);
    assert.ok(Math.abs((records[1]?.cumulative.energyKWh ?? 0) - 0.36) < 1e-12);
    assert.ok(Math.abs((records[1]?.cumulative.facilityEnergyKWh ?? 0) - 0.54) < 1e-12);
    assert.ok(Math.abs((records[1]?.cumulative.emissionsKg ?? 0) - 0.108) < 1e-12);
    assert.equal(records[1]?.elapsedS, 3600);
    assert.equal(records[1]?.intervalS, 1800);
    // The midpoints are 900 s and 2700 s after the start, 1800 s apart.
    assert.equal((midpoints[1] ?? 0) - (midpoints[0] ?? 0), 1_800_000);
    const totals = sampler.totals();
    assert.equal(totals.elapsedS, 3600);
    assert.ok(Math.abs(totals.emissionsKg - 0.108) < 1e-12);
    assert.equal(totals.lastPowerW, 360);
    const gpuTotal = totals.components.get("gpu:0");
    assert.equal(gpuTotal?.energyJ, 300 * 3600);
    assert.equal(gpuTotal?.utilizationS, 0.5 * 3600);
    assert.equal(gpuTotal?.utilizationCoveredS, 3600);
    // The CPU gave no utilization: nothing covered.
    assert.equal(totals.components.get("cpu")?.utilizationCoveredS, 0);
    assert.equal(totals.components.get("cpu")?.method, "estimated");
  });

  test("no time passed: no record; without onRecord, ticks integrate but build none", () => {
    const time = clock();
    const intervals: [number, number][] = [];
    const sampler = new Sampler({
      sensors: [gpu(100)],
      pue: 1,
      intensityAt: () => 500,
      onInterval: (midpointMs, facilityKWh) => intervals.push([midpointMs, facilityKWh]),
      now: time.now,
    });
    assert.equal(sampler.tick(), null);
    assert.equal(intervals.length, 0);
    time.advance(36);
    assert.equal(sampler.tick(), null);
    // 100 W × 36 s = 3600 J = 0.001 kWh; × 500 g/kWh = 0.5 g.
    assert.equal(intervals.length, 1);
    assert.ok(Math.abs((intervals[0]?.[1] ?? 0) - 0.001) < 1e-15);
    assert.ok(Math.abs(sampler.totals().emissionsKg - 0.0005) < 1e-15);
  });

  test("a sensor that throws counts as no reading; the others still count", () => {
    const time = clock();
    const sampler = new Sampler({
      sensors: [
        steady(
          { component: "cpu", key: "cpu", label: "CPU", powerW: 50, method: "measured", via: "rapl" },
          { fail: true },
        ),
        gpu(200),
      ],
      pue: 1,
      intensityAt: () => 0,
      now: time.now,
    });
    time.advance(10);
    sampler.tick();
    const totals = sampler.totals();
    assert.equal(totals.components.has("cpu"), false);
    assert.equal(totals.components.get("gpu:0")?.energyJ, 2000);
  });

  test("allocation-idle readings are kept apart from the job's energy", () => {
    const time = clock();
    const records: SampleRecord[] = [];
    const sampler = new Sampler({
      sensors: [
        gpu(250),
        steady({
          component: "gpu",
          key: "idle:gpu:1",
          label: "GPU 1 (no process on it)",
          powerW: 50,
          method: "measured",
          via: "nvidia-smi",
          scope: "allocation-idle",
        }),
      ],
      pue: 2,
      intensityAt: () => 400,
      onRecord: (r) => records.push(r),
      now: time.now,
    });
    time.advance(3600);
    sampler.tick();
    const record = records[0];
    // Job: 250 W for 1 h = 0.25 kWh, × 2 × 400 g = 200 g. Idle: 0.05 kWh, × 2 × 400 g = 40 g.
    assert.equal(record?.powerW, 250);
    assert.deepEqual(
      record?.components.map((c) => c.key),
      ["gpu:0"],
    );
    assert.ok(Math.abs((record?.emissionsKg ?? 0) - 0.2) < 1e-12);
    assert.equal(record?.allocationIdle?.powerW, 50);
    assert.ok(Math.abs((record?.allocationIdle?.emissionsKg ?? 0) - 0.04) < 1e-12);
    const totals = sampler.totals();
    assert.ok(Math.abs(totals.energyKWh - 0.25) < 1e-12);
    assert.ok(Math.abs(totals.allocationIdle.energyKWh - 0.05) < 1e-12);
    assert.equal(totals.allocationIdle.components.get("idle:gpu:1")?.energyJ, 180_000);
  });

  test("a reading that turns estimated keeps the total estimated; details are gathered from sensors", () => {
    const time = clock();
    let method: Reading["method"] = "measured";
    const records: SampleRecord[] = [];
    const flaky: Sensor = {
      name: "flaky",
      sample: (tick) =>
        tick.intervalS <= 0
          ? []
          : [
              {
                component: "cpu",
                key: "cpu",
                label: "CPU",
                powerW: 10,
                energyJ: 10 * tick.intervalS,
                method,
                via: method,
              },
            ],
      warnings: () => [],
      details: () => ({ cpuUtilization: 0.25 }),
      close: () => {},
    };
    const sampler = new Sampler({
      sensors: [flaky],
      pue: 1,
      intensityAt: () => 0,
      onRecord: (r) => records.push(r),
      now: time.now,
    });
    method = "estimated";
    time.advance(1);
    sampler.tick();
    method = "measured";
    time.advance(1);
    sampler.tick();
    const total = sampler.totals().components.get("cpu");
    assert.equal(total?.method, "estimated");
    assert.equal(total?.via, "measured");
    assert.equal(total?.energyJ, 20);
    assert.deepEqual(records[1]?.details, { cpuUtilization: 0.25 });
  });
});
