import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { estimate } from "../index.ts";
import { fakeGpuEnv, sleep, tempDir } from "./fixtures/test-helpers.ts";
import { parseJsonlLog } from "./log-jsonl.ts";
import { Sampler } from "./sampler.ts";
import { startTracking } from "./session.ts";
import type { Sensor } from "./types.ts";

/** Tracks a child for `ms` with the auto-detected sensors (no GPU on PATH); returns the CPU energy, J. */
const cpuEnergyOf = async (script: string, ms: number) => {
  const child = spawn(process.execPath, ["-e", script], { stdio: "ignore" });
  await new Promise((resolve) => child.once("spawn", resolve));
  const run = await startTracking({
    pid: child.pid as number,
    intervalS: 0.1,
    intensity: 100,
    env: fakeGpuEnv(null),
    powercapRoot: "/nonexistent",
  });
  await sleep(ms);
  const result = await run.stop();
  child.kill();
  const cpu = result.components.find((c) => c.component === "cpu");
  return { kWh: cpu?.energyKWh ?? 0, kind: cpu?.kind, result };
};

test("a busy loop on one core shows clearly more estimated CPU energy than a sleeping process", async () => {
  const [busy, idle] = await Promise.all([
    cpuEnergyOf("for(;;){}", 1200),
    cpuEnergyOf("setTimeout(()=>{}, 60000)", 1200),
  ]);
  assert.equal(busy.kind, "estimated");
  assert.ok(busy.kWh > idle.kWh * 1.5, `busy ${busy.kWh} kWh vs sleeping ${idle.kWh} kWh`);
  assert.ok(busy.result.factors.some((f) => f.name.startsWith("CPU power") && f.kind === "estimated"));
});

const constantSensor = (powerW: number): Sensor => ({
  name: "constant",
  sample: (tick) =>
    tick.intervalS <= 0
      ? []
      : [
          {
            component: "gpu",
            key: "gpu:0",
            label: "GPU 0 NVIDIA A100-SXM4-80GB",
            powerW,
            energyJ: powerW * tick.intervalS,
            method: "measured",
            via: "test",
          },
        ],
  warnings: () => [],
  close: () => {},
});

test("a time-varying intensity is integrated per interval (1 kWh at 100, 200, 300 g/kWh → 0.1, 0.3, 0.6 kg)", () => {
  let clock = 0;
  const intensities = [100, 200, 300];
  let call = 0;
  const cumulative: number[] = [];
  const sampler = new Sampler({
    sensors: [constantSensor(1000 * 3600)], // 1 kWh per second
    pue: 1,
    intensityAt: () => intensities[call++] ?? 0,
    onRecord: (r) => cumulative.push(r.cumulative.emissionsKg),
    now: () => clock,
  });
  for (let i = 0; i < 3; i++) {
    clock += 1000;
    sampler.tick();
  }
  assert.deepEqual(
    cumulative.map((v) => Number(v.toFixed(9))),
    [0.1, 0.3, 0.6],
  );
});

test("the summary has estimate()'s shape, measured energy, and the engine's location factors", async () => {
  const dir = tempDir();
  const logPath = join(dir, "run.jsonl");
  const run = await startTracking({
    sensors: [constantSensor(400)],
    intervalS: 0.05,
    region: "gcp:us-central1",
    logPath,
    project: "demo",
  });
  await sleep(300);
  const result = await run.stop();
  const reference = estimate({ watts: 400, hours: 1, region: "gcp:us-central1" });
  assert.deepEqual(Object.keys(result).sort(), Object.keys(reference).sort());
  assert.ok(Math.abs(result.energyKWh - (400 * result.job.hours) / 1000) / result.energyKWh < 1e-6);
  assert.ok(
    Math.abs(result.emissionsKg - (result.energyKWh * result.pue * result.intensityGPerKWh) / 1000) < 1e-12,
  );
  assert.equal(result.pue, reference.pue);
  assert.equal(result.intensityGPerKWh, reference.intensityGPerKWh);
  assert.equal(result.job.hardware?.id, reference.job.hardware?.id ?? result.job.hardware?.id);
  assert.equal(result.components[0]?.kind, "measured");
  const records = parseJsonlLog(readFileSync(logPath, "utf8")) as { type: string; result?: unknown }[];
  assert.equal(records[0]?.type, "start");
  assert.ok(records.filter((r) => r.type === "sample").length >= 3);
  assert.equal(records.at(-1)?.type, "summary");
  assert.deepEqual(records.at(-1)?.result, JSON.parse(JSON.stringify(result)));
});

test("no location: the world average, labelled default, with a loud warning; an AbortSignal stops the run", async () => {
  const controller = new AbortController();
  const run = await startTracking({
    sensors: [constantSensor(100)],
    intervalS: 0.05,
    signal: controller.signal,
  });
  assert.ok(run.warnings.some((w) => w.includes("WORLD AVERAGE")));
  await sleep(100);
  controller.abort();
  const result = await run.stop();
  assert.equal(result.factors.find((f) => f.name.startsWith("grid intensity"))?.kind, "default");
  assert.match(result.job.location.label, /world average/);
});
