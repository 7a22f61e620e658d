import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { powercapCopy, setEnergy } from "../fixtures/test-helpers.ts";
import { counterDeltaUJ, openRapl } from "./rapl.ts";

const byKey = (readings: readonly { key: string; energyJ: number }[]) =>
  Object.fromEntries(readings.map((r) => [r.key, r.energyJ]));

test("counts each package and DRAM once; core, psys and the mmio mirror are left out", () => {
  const root = powercapCopy("two-package");
  const { sensor, problem, hasDram } = openRapl(root);
  assert.equal(problem, null);
  assert.ok(sensor);
  assert.equal(hasDram, true);
  sensor.sample({ intervalS: 0, nowMs: 0 });
  setEnergy(root, "intel-rapl:0", 1_000_000 + 50_000_000); // +50 J
  setEnergy(root, "intel-rapl:1", 3_000_000 + 30_000_000); // +30 J
  setEnergy(root, "intel-rapl:0:0", 500_000 + 40_000_000); // core: inside package-0, not added
  setEnergy(root, "intel-rapl:0:1", 200_000 + 5_000_000); // dram +5 J
  setEnergy(root, "intel-rapl:1:0", 400_000 + 2_000_000); // dram +2 J
  setEnergy(root, "intel-rapl:2", 9_000_000 + 99_000_000); // psys: whole platform, not added
  setEnergy(root, "intel-rapl-mmio:0", 1_000_000 + 50_000_000); // mirror of package-0
  const readings = sensor.sample({ intervalS: 1, nowMs: 1000 });
  const energy = byKey(readings);
  assert.deepEqual(Object.keys(energy).sort(), [
    "cpu:rapl:package-0",
    "cpu:rapl:package-1",
    "memory:rapl:dram (intel-rapl:0:1)",
    "memory:rapl:dram (intel-rapl:1:0)",
  ]);
  assert.equal(energy["cpu:rapl:package-0"], 50);
  assert.equal(energy["cpu:rapl:package-1"], 30);
  assert.equal(
    readings.filter((r) => r.component === "memory").reduce((s, r) => s + r.energyJ, 0),
    7,
  );
  assert.ok(readings.every((r) => r.method === "measured"));
});

test("a counter that wraps mid-run is read across max_energy_range_uj", () => {
  const root = powercapCopy("two-package");
  const { sensor } = openRapl(root);
  assert.ok(sensor);
  const max = 262143328850;
  setEnergy(root, "intel-rapl:0", max - 1_000_000);
  sensor.sample({ intervalS: 0, nowMs: 0 });
  setEnergy(root, "intel-rapl:0", 2_000_000); // wrapped: 1 J before the top, 2 J after
  const energy = byKey(sensor.sample({ intervalS: 1, nowMs: 1000 }));
  assert.equal(energy["cpu:rapl:package-0"], 3);
  assert.equal(counterDeltaUJ(10, 5, 100), 95);
});

test("a mirrored counter (two zones named package-0) is counted once", () => {
  const root = powercapCopy("mirrored");
  const { sensor } = openRapl(root);
  assert.ok(sensor);
  sensor.sample({ intervalS: 0, nowMs: 0 });
  setEnergy(root, "intel-rapl:0", 5_000_000 + 10_000_000);
  setEnergy(root, "intel-rapl:1", 5_000_000 + 10_000_000);
  const readings = sensor.sample({ intervalS: 2, nowMs: 2000 });
  assert.equal(readings.length, 1);
  assert.equal(readings[0]?.energyJ, 10);
  assert.equal(readings[0]?.powerW, 5);
});

test("unreadable energy_uj: no sensor, a message saying how to grant access", () => {
  const root = powercapCopy("two-package");
  const denied = (path: string): string => {
    if (path.endsWith("energy_uj"))
      throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    return readFileSync(path, "utf8");
  };
  const { sensor, problem } = openRapl(root, denied);
  assert.equal(sensor, null);
  assert.match(problem ?? "", /permission denied/);
  assert.match(problem ?? "", /chmod a\+r/);
  assert.match(problem ?? "", /falling back to the CPU load model/);
});

test("no powercap tree: absent, not an error", () => {
  const { sensor, problem } = openRapl("/nonexistent/powercap");
  assert.equal(sensor, null);
  assert.equal(problem, null);
});
