// The session's distributed-run parts: the allocation's idle energy kept apart from the job's, the launcher
// and run key in every line, units and progress from the caller.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { sleep, tempDir } from "./fixtures/test-helpers.ts";
import { parseJsonlLog } from "./log-jsonl.ts";
import { Sampler } from "./sampler.ts";
import { startTracking } from "./session.ts";
import type { Reading, Sensor } from "./types.ts";

/** A sensor drawing `jobW` for the job and `idleW` on an idle GPU of the allocation. */
const jobAndIdle = (jobW: number, idleW: number): Sensor => ({
  name: "test",
  sample: (tick) => {
    if (tick.intervalS <= 0) return [];
    const reading = (key: string, watts: number, scope?: "allocation-idle"): Reading => ({
      component: "gpu",
      key,
      label: key,
      powerW: watts,
      energyJ: watts * tick.intervalS,
      method: "measured",
      via: "test",
      ...(scope === undefined ? {} : { scope }),
    });
    return [reading("gpu:0", jobW), reading("idle:gpu:1", idleW, "allocation-idle")];
  },
  warnings: () => [],
  close: () => {},
});

test("the sampler keeps the allocation's idle energy apart: not in the job's total, priced the same way", () => {
  let clock = 0;
  const records: { energyKWh: number; idle: number | undefined }[] = [];
  const sampler = new Sampler({
    sensors: [jobAndIdle(3600, 1800)], // 1 Wh and 0.5 Wh per second
    pue: 1.5,
    intensityAt: () => 200,
    onRecord: (r) => records.push({ energyKWh: r.energyKWh, idle: r.allocationIdle?.energyKWh }),
    now: () => clock,
  });
  for (let i = 0; i < 4; i++) {
    clock += 1000;
    sampler.tick();
  }
  const totals = sampler.totals();
  assert.ok(Math.abs(totals.energyKWh - 0.004) < 1e-12, `job ${totals.energyKWh}`);
  assert.ok(Math.abs(totals.allocationIdle.energyKWh - 0.002) < 1e-12);
  // 0.002 kWh × PUE 1.5 × 200 g/kWh = 0.6 g
  assert.ok(Math.abs(totals.allocationIdle.emissionsKg - 0.0006) < 1e-12);
  assert.deepEqual([...totals.components.keys()], ["gpu:0"]);
  assert.deepEqual([...totals.allocationIdle.components.keys()], ["idle:gpu:1"]);
  assert.ok(
    records.every((r) => Math.abs(r.energyKWh - 0.001) < 1e-12 && Math.abs((r.idle ?? 0) - 0.0005) < 1e-12),
  );
});

test("a run's log: launcher, run key and task on every line; allocation idle, units and prediction in the summary", async () => {
  const logPath = join(tempDir(), "rank.jsonl");
  const env = {
    SLURM_JOB_ID: "900",
    SLURM_STEP_ID: "3",
    SLURM_NODEID: "1",
    SLURM_PROCID: "9",
    SLURM_LOCALID: "0",
    SLURMD_NODENAME: "gpu007",
  };
  const run = await startTracking({
    intervalS: 0.05,
    intensity: 100,
    pue: 1.2,
    sensors: [jobAndIdle(100, 50)],
    env,
    logPath,
    units: 1000,
    unit: "tokens",
  });
  assert.equal(run.launch.runKey, "slurm:900.3");
  run.observeProgress(1, 4);
  await sleep(120);
  run.observeProgress(2, 4);
  run.addUnits(500);
  await sleep(120);
  const result = await run.stop({ code: 0, signal: null });
  const idle = run.allocationIdle();
  assert.equal(idle.reported, true);
  assert.ok(idle.energyKWh > 0);
  // The idle GPU draws half the job's GPU: about half its energy, never in the job's total.
  assert.ok(
    Math.abs(idle.energyKWh / result.energyKWh - 0.5) < 1e-9,
    `${idle.energyKWh} / ${result.energyKWh}`,
  );
  assert.deepEqual(result.perUnit?.units, 1500);
  assert.equal(result.perUnit?.unit, "tokens");
  const lines = parseJsonlLog(readFileSync(logPath, "utf8")) as {
    type: string;
    task?: object;
    launch?: { launcher: string; jobId: string; stepId: string };
    allocationIdle?: { reported: boolean; energyKWh: number };
    prediction?: { total: number } | null;
  }[];
  for (const line of lines)
    assert.deepEqual(line.task, { runKey: "slurm:900.3", host: "gpu007", node: 1, rank: 9, localRank: 0 });
  assert.deepEqual(
    [lines[0]?.launch?.launcher, lines[0]?.launch?.jobId, lines[0]?.launch?.stepId],
    ["slurm", "900", "3"],
  );
  const summary = lines.at(-1);
  assert.equal(summary?.type, "summary");
  assert.equal(summary?.allocationIdle?.energyKWh, idle.energyKWh);
  assert.equal(summary?.prediction?.total, 4);
  assert.ok(lines.some((l) => l.type === "sample" && l.allocationIdle !== undefined));
});
