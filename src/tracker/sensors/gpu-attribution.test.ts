// GPU attribution with real processes: the fake nvidia-smi lists the pids of child processes this test
// starts (a "trainer" that is the tracked tree, a "neighbour" outside it) on four fake A100s.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { after, describe, it } from "node:test";
import { fakeAppsEnv, fakeGpuEnv, registerPid, sleep, tempDir } from "../fixtures/test-helpers.ts";
import type { Reading } from "../types.ts";
import { pollComputeApps } from "./gpu-apps.ts";
import { attributeGpus } from "./gpu-attribution.ts";
import { openNvidiaSmi } from "./nvidia-smi.ts";
import { readPidStat } from "./proc.ts";
import { watchProcessTree } from "./process-tree.ts";

const started: ChildProcess[] = [];
after(() => {
  for (const child of started) if (child.exitCode === null) child.kill();
});

/** A process that idles until killed. */
const idler = (): ChildProcess => {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  started.push(child);
  return child;
};

/** Runs the attributed sensor over the whole fake output; returns the readings by key and the warnings. */
const run = async (options: {
  env: NodeJS.ProcessEnv;
  rootPid: number;
  reportsIdle?: boolean;
  fallbackShare?: number;
}) => {
  let clock = 0;
  const apps = pollComputeApps({
    env: options.env,
    nextDelayMs: () => 50,
    pidExists: (pid) => readPidStat(pid) !== null,
  });
  const sensor = attributeGpus({
    gpus: openNvidiaSmi({ periodMs: 50, env: options.env, now: () => clock }),
    apps,
    tree: watchProcessTree({ rootPid: options.rootPid, maxCpus: 2 }),
    fallbackShare: options.fallbackShare ?? 1,
    reportsIdle: options.reportsIdle ?? true,
  });
  const readings: Reading[] = [];
  sensor.sample({ intervalS: 0, nowMs: clock });
  for (let i = 0; i < 24; i++) {
    await sleep(50);
    clock += 50;
    readings.push(...sensor.sample({ intervalS: 0.05, nowMs: clock }));
  }
  sensor.close();
  const total = (key: string) => readings.filter((r) => r.key === key).reduce((s, r) => s + r.energyJ, 0);
  return { readings, total, warnings: sensor.warnings() };
};

const near = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: ${actual} J, expected ${expected} J`);

describe("GPU attribution against real pids", () => {
  const trainer = idler();
  const neighbour = idler();
  const pids = tempDir("mlco2-pids-");
  registerPid(pids, "trainer", trainer.pid as number);
  registerPid(pids, "neighbour", neighbour.pid as number);
  const env = fakeGpuEnv("a100x4-energy.csv", fakeAppsEnv("a100x4-apps.csv", pids));

  it("charges the tree's GPUs by memory share, else equally by process; an idle GPU is allocation idle", async () => {
    const { total, readings, warnings } = await run({ env, rootPid: trainer.pid as number });
    near(total("gpu:0"), 300, "GPU 0, held alone"); // 300 W × 1 s
    near(total("gpu:1"), 25, "GPU 1, 1000 of 4000 MiB"); // 100 W × 1 s × 25 %
    near(total("gpu:2"), 100, "GPU 2, one of two processes, a memory figure missing"); // 200 W × 1 s × 50 %
    near(total("gpu:3"), 0, "GPU 3 in the job");
    near(total("idle:gpu:3"), 50, "GPU 3, no process: allocation idle");
    assert.ok(readings.filter((r) => r.key === "idle:gpu:3").every((r) => r.scope === "allocation-idle"));
    assert.ok(readings.filter((r) => r.key !== "idle:gpu:3").every((r) => r.scope === undefined));
    const label = (key: string) => readings.filter((r) => r.key === key).at(-1)?.label ?? "";
    assert.match(label("gpu:1"), /25 % of it, split by GPU memory with 1 other process/);
    assert.match(label("gpu:2"), /50 % of it, split equally with 1 other process \(no GPU memory figure\)/);
    assert.equal(label("gpu:0"), "GPU 0 NVIDIA A100-SXM4-80GB");
    assert.deepEqual(warnings, []);
  });

  it("the neighbour's own tree is charged the rest, so the two add up to the GPUs' energy", async () => {
    const { total } = await run({ env, rootPid: neighbour.pid as number });
    near(total("gpu:0"), 0, "GPU 0, not the neighbour's");
    near(total("gpu:1"), 75, "GPU 1, 3000 of 4000 MiB");
    near(total("gpu:2"), 100, "GPU 2, one of two processes");
  });

  it("a tracker that is not its node's reporter leaves idle GPUs out", async () => {
    const { total, readings } = await run({ env, rootPid: trainer.pid as number, reportsIdle: false });
    near(total("gpu:0"), 300, "GPU 0");
    assert.ok(!readings.some((r) => r.scope === "allocation-idle"));
  });

  it("when nvidia-smi cannot list processes: each GPU × the fallback share, with a warning", async () => {
    const failing = { ...env, FAKE_NVIDIA_SMI_APPS_FAIL: "1" };
    const { total, warnings } = await run({
      env: failing,
      rootPid: trainer.pid as number,
      fallbackShare: 0.25,
    });
    near(total("gpu:0"), 75, "GPU 0 × 1/4");
    near(total("gpu:3"), 12.5, "GPU 3 × 1/4");
    assert.ok(
      warnings.some((w) =>
        /cannot list the processes .*Unknown Error.*split equally among the node's 4 tasks/.test(w),
      ),
      warnings.join(" | "),
    );
  });

  it("pids of another PID namespace (none of them here): the fallback, with a warning", async () => {
    const foreign = tempDir("mlco2-pids-");
    registerPid(foreign, "trainer", 4_194_305); // above Linux's largest pid_max: no such process here
    registerPid(foreign, "neighbour", 4_194_306);
    const elsewhere = fakeGpuEnv("a100x4-energy.csv", fakeAppsEnv("a100x4-apps.csv", foreign));
    const { total, warnings } = await run({ env: elsewhere, rootPid: trainer.pid as number });
    near(total("gpu:1"), 100, "GPU 1 whole");
    assert.ok(
      warnings.some((w) => /PID namespace/.test(w)),
      warnings.join(" | "),
    );
  });

  it("a run that ends before nvidia-smi lists the processes: the held energy is named in a warning", async () => {
    const waiting = { ...env, FAKE_NVIDIA_SMI_APPS_WAIT_MS: "5000" };
    const unregistered = tempDir("mlco2-pids-"); // no pid files: the fake waits for them
    const { readings, warnings } = await run({
      env: { ...waiting, FAKE_NVIDIA_SMI_PIDS: unregistered },
      rootPid: trainer.pid as number,
    });
    assert.deepEqual(readings, []);
    assert.ok(
      warnings.some((w) =>
        /^650 J of GPU energy is not counted: the run ended before nvidia-smi said/.test(w),
      ),
      warnings.join(" | "),
    );
  });

  it("no process on any GPU: nothing charged to the job, every GPU allocation idle", async () => {
    const { total } = await run({ env: fakeGpuEnv("a100x4-energy.csv"), rootPid: trainer.pid as number });
    near(total("gpu:0"), 0, "GPU 0");
    near(total("idle:gpu:0") + total("idle:gpu:1") + total("idle:gpu:2") + total("idle:gpu:3"), 650, "idle");
  });
});
