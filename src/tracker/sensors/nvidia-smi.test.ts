import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fakeGpuEnv, sleep, tempDir } from "../fixtures/test-helpers.ts";
import type { Reading } from "../types.ts";
import { openNvidiaSmi, parseNvidiaLine } from "./nvidia-smi.ts";

/**
 * Runs the sensor against a recorded CSV until the fake has printed it all (it says so in a file: a loaded
 * machine may take seconds to start it); returns every reading and the warnings.
 */
const run = async (csv: string, extra: Record<string, string> = {}, gpus?: string[]) => {
  let clock = 0;
  const done = join(tempDir("mlco2-fake-smi-"), "done");
  const sensor = openNvidiaSmi({
    periodMs: 50,
    env: fakeGpuEnv(csv, { ...extra, FAKE_NVIDIA_SMI_DONE: done }),
    now: () => clock,
    ...(gpus === undefined ? {} : { gpus }),
  });
  const readings: Reading[] = [];
  sensor.sample({ intervalS: 0, nowMs: clock });
  // At least 20 samples; then until the fake has printed everything (or refused, for an old driver) and a
  // little longer for its last lines to arrive; at most 30 s.
  for (let i = 0, settled = 0; i < 600 && settled < 4; i++) {
    await sleep(50);
    clock += 50;
    readings.push(...sensor.sample({ intervalS: 0.05, nowMs: clock }));
    if (i >= 20 && existsSync(done)) settled++;
  }
  // Long after the last line: a GPU that stopped reporting is noticed.
  clock += 10_000;
  readings.push(...sensor.sample({ intervalS: 0.05, nowMs: clock }));
  sensor.close();
  const total = (key: string) => readings.filter((r) => r.key === key).reduce((s, r) => s + r.energyJ, 0);
  return { readings, total, warnings: sensor.warnings() };
};

test("parses nvidia-smi csv lines; N/A fields become null", () => {
  const line = parseNvidiaLine(
    "2026/01/15 10:00:00.100, 0, GPU-x, NVIDIA A100-SXM4-80GB, 312.50, 97, 40000, [Not Supported]",
  );
  assert.equal(line?.powerW, 312.5);
  assert.equal(line?.utilization, 0.97);
  assert.equal(line?.energyMJ, null);
  assert.equal(parseNvidiaLine("No devices were found"), null);
});

test("with the energy counter: counter deltas, labelled measured", async () => {
  const { total, readings } = await run("a100x2-energy.csv");
  assert.ok(Math.abs(total("gpu:0") - 300) < 1e-6, `GPU 0: ${total("gpu:0")} J`); // 300 W × 1 s
  assert.ok(Math.abs(total("gpu:1") - 100) < 1e-6, `GPU 1: ${total("gpu:1")} J`);
  assert.ok(readings.every((r) => r.method === "measured" && r.via === "nvidia-smi energy counter"));
});

test("without the energy counter: power integrated over nvidia-smi's timestamps, never 0", async () => {
  const { total, readings } = await run("a100x2-no-energy.csv");
  assert.ok(Math.abs(total("gpu:0") - 300) < 1e-6, `GPU 0: ${total("gpu:0")} J`);
  assert.ok(Math.abs(total("gpu:1") - 100) < 1e-6);
  assert.ok(readings.every((r) => r.via === "nvidia-smi power.draw integrated"));
});

test("an old driver that refuses the energy field is asked again without it", async () => {
  const { total, readings } = await run("a100x2-energy.csv", { FAKE_NVIDIA_SMI_OLD: "1" });
  assert.ok(Math.abs(total("gpu:0") - 300) < 1e-6);
  assert.ok(readings.every((r) => r.via === "nvidia-smi power.draw integrated"));
});

test("a GPU that disappears mid-run: counted until it went, the others still counted, a warning", async () => {
  const { total, warnings } = await run("a100x2-gpu1-lost.csv");
  assert.ok(Math.abs(total("gpu:0") - 300) < 1e-6);
  assert.ok(Math.abs(total("gpu:1") - 40) < 1e-6, `GPU 1: ${total("gpu:1")} J`); // 4 intervals of 100 ms at 100 W
  assert.ok(
    warnings.some((w) => /GPU 1 .* stopped reporting/.test(w)),
    warnings.join(" | "),
  );
});

test("no nvidia-smi on PATH: no readings, no warnings", async () => {
  const sensor = openNvidiaSmi({ periodMs: 50, env: fakeGpuEnv(null) });
  await sleep(100);
  assert.deepEqual(sensor.sample({ intervalS: 0.1, nowMs: 100 }), []);
  sensor.close();
  assert.deepEqual(sensor.warnings(), []);
});
