// The CPU plan on recorded and kernel-format /proc/cpuinfo fixtures, against figures computed by hand
// from the catalog (TDP, threads) and the architectures' fitted load curves.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { powerAtUtilization } from "../core/power-model.ts";
import { dataset } from "../data/index.ts";
import { cpuPlanOf } from "./cpu-plan.ts";
import { FIXTURES } from "./fixtures/test-helpers.ts";
import { openCpuLoadModel } from "./sensors/cpu-load.ts";
import { type HostInfo, parseCpuinfo } from "./sensors/host.ts";

/** A host from a cpuinfo fixture, the job allowed `affinity` CPUs. */
const hostOf = (fixture: string, affinity?: number): HostInfo => {
  const info = parseCpuinfo(readFileSync(join(FIXTURES, "cpuinfo", fixture), "utf8"));
  return {
    cpuModel: info.model,
    logicalCpus: info.logical,
    packages: info.packages,
    virtualized: info.virtualized,
    affinityCpus: affinity ?? info.logical,
    cgroupQuotaCpus: null,
    memoryTotalGB: 16,
  };
};

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} vs ${expected}`);

test("two sockets are two TDPs: 2 × Xeon E5-2620 v3 (85 W, 12 threads each) at full use of 24 CPUs = 170 W", () => {
  const plan = cpuPlanOf(dataset, hostOf("dual-xeon-e5-2620v3"), undefined);
  close(plan.model.maxW, 170, "max");
  // Intel's fitted idle share 0.094 of TDP: 0.094 × 170 = 15.98 W.
  close(plan.model.idleW, 15.98, "idle");
  assert.match(plan.label, /^2 × Intel Xeon E5-2620 v3, 24 of 24 logical CPUs$/);
  const threads = plan.factors.find((f) => f.name === "CPU threads per package");
  assert.equal(threads?.value, 12);
  assert.equal(threads?.kind, "measured");
  assert.deepEqual(plan.warnings, []);
});

test("the load model follows the Haswell curve, not a line: 50 % of 24 CPUs draws 78.97 W (linear: 92.99 W)", () => {
  const plan = cpuPlanOf(dataset, hostOf("dual-xeon-e5-2620v3"), undefined);
  // Haswell's shape at 0.5 is 0.409: 15.98 + (170 − 15.98) × 0.409 = 78.97418.
  close(powerAtUtilization(plan.model, 0.5), 78.97418, "u = 0.5");
  // At 0.25, halfway between 0.209 (0.2) and 0.274 (0.3): 0.2415 → 15.98 + 154.02 × 0.2415 = 53.17583.
  close(powerAtUtilization(plan.model, 0.25), 53.17583, "u = 0.25");
  close(powerAtUtilization(plan.model, 1), 170, "u = 1");
  close(powerAtUtilization(plan.model, 0), 15.98, "u = 0");
});

test("a small cloud VM is charged its share: 2 vCPUs of an AMD EPYC 7B13 (280 W, 128 threads) = 4.375 W at full load", () => {
  const host = hostOf("gcp-epyc-7b13-2vcpu");
  assert.equal(host.virtualized, true);
  const plan = cpuPlanOf(dataset, host, undefined);
  close(plan.model.maxW, (280 * 2) / 128, "max");
  // AMD's fitted idle share 0.218: 0.218 × 4.375 = 0.95375 W.
  close(plan.model.idleW, 0.95375, "idle");
  // Zen 3's shape at 0.5 is 0.511: 0.95375 + (4.375 − 0.95375) × 0.511 = 2.70200875 W.
  close(powerAtUtilization(plan.model, 0.5), 2.70200875, "u = 0.5");
  const threads = plan.factors.find((f) => f.name.startsWith("CPU threads per package"));
  assert.equal(threads?.value, 128);
  assert.equal(threads?.kind, "published");
  assert.match(plan.label, /^2 vCPUs of one AMD EPYC 7B13 \(VM share\), 2 of 2 logical CPUs$/);
});

test("a single-socket host with the job pinned to 4 of 8 CPUs: 69 W × 4 / 8 = 34.5 W at full load", () => {
  const plan = cpuPlanOf(dataset, hostOf("xeon-e3-1240v2", 4), undefined);
  close(plan.model.maxW, 34.5, "max");
  close(plan.model.idleW, 0.094 * 34.5, "idle");
  assert.equal(plan.capacityCpus, 4);
  // Ivy Bridge's curve at 0.5 is 0.418.
  close(powerAtUtilization(plan.model, 0.5), 3.243 + (34.5 - 3.243) * 0.418, "u = 0.5");
});

test("a VM on a CPU whose threads the catalog lacks: the per-vCPU default, with a warning, never the whole package", () => {
  const plan = cpuPlanOf(dataset, hostOf("hyperv-e5-2620v3-1vcpu"), undefined);
  close(plan.model.maxW, 3.5, "max");
  close(plan.model.idleW, 0.74, "idle");
  assert.equal(plan.model.shape, undefined);
  assert.match(
    plan.warnings.join(" "),
    /E5-2620 v3 in a VM: the catalog does not give its threads per package/,
  );
});

test("a CPU the catalog does not know: Cloud Carbon Footprint's 0.74–3.5 W per thread, with a warning", () => {
  const plan = cpuPlanOf(dataset, hostOf("vm-amd-epyc-2vcpu"), undefined);
  close(plan.model.maxW, 7, "max");
  close(plan.model.idleW, 1.48, "idle");
  assert.match(plan.warnings.join(" "), /"AMD EPYC" is not in the catalog/);
});

test("an instance type read from DMI names the CPU /proc/cpuinfo does not: 2 vCPUs of an EPYC 7R13 (225 W, 96 threads)", () => {
  const plan = cpuPlanOf(dataset, hostOf("vm-amd-epyc-2vcpu"), undefined, {
    instance: "aws:m6a.large",
    origin: "instance type read from DMI",
    cpu: "amd-epyc-7r13",
    vcpus: 2,
    wholeHost: false,
  });
  close(plan.model.maxW, (225 * 2) / 96, "max");
  assert.deepEqual(plan.warnings, []);
  assert.match(plan.factors[0]?.note ?? "", /the CPU of aws:m6a.large \(instance type read from DMI\)/);
});

test("--cpu W is per package: 2 sockets × 120 W; in a VM it warns that the share is unknown", () => {
  const plan = cpuPlanOf(dataset, hostOf("dual-xeon-e5-2620v3"), { tdpW: 120 });
  close(plan.model.maxW, 240, "max");
  // A TDP alone has no architecture: linear, idle 0.21 × TDP (CCF's 0.74 / 3.5).
  assert.equal(plan.model.shape, undefined);
  const vm = cpuPlanOf(dataset, hostOf("gcp-epyc-7b13-2vcpu"), { tdpW: 120 });
  close(vm.model.maxW, 120, "VM max");
  assert.match(vm.warnings.join(" "), /spread over its 2 vCPUs as if they were the whole package/);
});

test("the CPU load sensor applies the curve to the tree's utilization of its CPUs", () => {
  const plan = cpuPlanOf(dataset, hostOf("dual-xeon-e5-2620v3"), undefined);
  let ticks = 0;
  const sensor = openCpuLoadModel({
    model: plan.model,
    capacityCpus: plan.capacityCpus,
    label: plan.label,
    tree: { at: () => ({ ticks, cpuS: 0, rssKB: 0, pids: new Set<number>() }) },
    procRoot: "/nonexistent",
  });
  sensor.sample({ intervalS: 0, nowMs: 0 });
  // 12 of 24 CPUs busy for 2 s: 2400 ticks of 4800 → u = 0.5.
  ticks = 2400;
  const [reading] = sensor.sample({ intervalS: 2, nowMs: 2000 });
  close(reading?.powerW ?? 0, 78.97418, "power");
  close(reading?.energyJ ?? 0, 2 * 78.97418, "energy");
  assert.match(reading?.via ?? "", /load curve/);
});
