import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { powercapCopy, setEnergy, sleep } from "../fixtures/test-helpers.ts";
import type { Reading } from "../types.ts";
import { type MachineTicks, readMachineTicks } from "./proc.ts";
import { type ProcessTree, watchProcessTree } from "./process-tree.ts";
import { openRapl } from "./rapl.ts";
import { attributeRapl, packageSplit } from "./rapl-attribution.ts";

describe("packageSplit", () => {
  it("the tree's ticks over all ticks; idle ticks × the allocation's share of the CPUs", () => {
    // 2 s on 100 CPUs at 100 ticks/s: 20,000 ticks, of which 8,000 busy; the tree used 5,000.
    assert.deepEqual(
      packageSplit({ treeTicks: 5000, busyTicks: 8000, totalTicks: 20_000, allocationShare: 0.5 }),
      { job: 0.25, idle: 0.3 },
    );
    assert.deepEqual(packageSplit({ treeTicks: 50, busyTicks: 80, totalTicks: 200, allocationShare: 1 }), {
      job: 0.25,
      idle: 0.6,
    });
  });
  it("bounded: a tree's jitter above the machine's ticks is 1, and job + idle never exceed 1", () => {
    assert.deepEqual(packageSplit({ treeTicks: 300, busyTicks: 150, totalTicks: 200, allocationShare: 1 }), {
      job: 1,
      idle: 0,
    });
    assert.deepEqual(packageSplit({ treeTicks: 1, busyTicks: 0, totalTicks: 0, allocationShare: 1 }), {
      job: 0,
      idle: 0,
    });
  });
});

/** A fixed tree: `ticks` per interval, `rssKB` resident. */
const fixedTree = (ticks: number, rssKB: number): ProcessTree => ({
  at: () => ({ ticks, cpuS: 0, rssKB, pids: new Set() }),
});

describe("attributeRapl", () => {
  it("package × the tree's share, DRAM × its memory share, the idle share apart, labelled measured, attributed", () => {
    const root = powercapCopy("two-package");
    const rapl = openRapl(root);
    assert.ok(rapl.sensor !== null);
    let machine: MachineTicks = { busy: 0, total: 0 };
    const sensor = attributeRapl({
      rapl: rapl.sensor,
      tree: fixedTree(50, 4_000_000),
      allocationShare: 1,
      reportsIdle: true,
      memoryTotalKB: 16_000_000,
      machineTicks: () => machine,
    });
    sensor.sample({ intervalS: 0, nowMs: 0 });
    setEnergy(root, "intel-rapl:0", 1_000_000 + 100_000_000); // +100 J on package-0
    setEnergy(root, "intel-rapl:0:1", 200_000 + 8_000_000); // +8 J on its DRAM
    machine = { busy: 80, total: 200 };
    const readings = sensor.sample({ intervalS: 1, nowMs: 1000 });
    const byKey = new Map(readings.map((r) => [r.key, r]));
    const pkg = [...byKey.values()].find((r) => r.component === "cpu" && r.scope === undefined) as Reading;
    assert.ok(Math.abs(pkg.energyJ - 25) < 1e-9, `${pkg.energyJ} J: 100 J × 50/200`);
    assert.equal(pkg.method, "measured");
    assert.match(pkg.label, /attributed: 25 % of the machine's CPU time/);
    assert.match(pkg.via, /measured, attributed/);
    const idle = readings.find((r) => r.scope === "allocation-idle" && r.energyJ > 0) as Reading;
    assert.ok(Math.abs(idle.energyJ - 60) < 1e-9, `${idle.energyJ} J: 100 J × 120/200 idle`);
    const dram = readings.find((r) => r.component === "memory" && r.energyJ > 0) as Reading;
    assert.ok(Math.abs(dram.energyJ - 2) < 1e-9, `${dram.energyJ} J: 8 J × 4 of 16 GB`);
    assert.match(dram.label, /attributed: 25 % of the installed memory/);
    assert.ok(!readings.some((r) => r.component === "memory" && r.scope === "allocation-idle"));
  });
});

describe("attributeRapl with real processes", () => {
  it("a busy child's share of the machine's CPU time; job + idle never above the package", async () => {
    const root = powercapCopy("two-package");
    const rapl = openRapl(root);
    assert.ok(rapl.sensor !== null);
    const child = spawn(process.execPath, ["-e", "const end = Date.now() + 600; while (Date.now() < end);"], {
      stdio: "ignore",
    });
    const sensor = attributeRapl({
      rapl: rapl.sensor,
      tree: watchProcessTree({ rootPid: child.pid as number, maxCpus: 2 }),
      allocationShare: 1,
      reportsIdle: true,
      memoryTotalKB: 16_000_000,
      machineTicks: () => readMachineTicks(),
    });
    sensor.sample({ intervalS: 0, nowMs: 0 });
    const before = readMachineTicks() as MachineTicks;
    await sleep(400);
    setEnergy(root, "intel-rapl:0", 1_000_000 + 40_000_000); // +40 J over the interval
    const readings = sensor.sample({ intervalS: 0.4, nowMs: 400 });
    const afterTicks = readMachineTicks() as MachineTicks;
    child.kill();
    const cpu = readings.filter((r) => r.component === "cpu" && r.key.includes("package-0"));
    const job = cpu.filter((r) => r.scope === undefined).reduce((s, r) => s + r.energyJ, 0);
    const idle = cpu.filter((r) => r.scope === "allocation-idle").reduce((s, r) => s + r.energyJ, 0);
    assert.ok(job > 0, "the busy child is charged");
    assert.ok(job + idle <= 40 + 1e-9, `job ${job} J + idle ${idle} J within the package's 40 J`);
    // The busy child held one of the machine's CPUs for most of the interval: its share is about 1/CPUs.
    const cpus = (afterTicks.total - before.total) / 40; // ticks per CPU over 0.4 s
    assert.ok(job / 40 <= 1 / Math.max(1, cpus) + 0.35, `share ${job / 40} with ${cpus} CPUs`);
  });
});
