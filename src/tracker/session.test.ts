import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { estimate } from "../index.ts";
import { FIXTURES, fakeGpuEnv, sleep, tempDir } from "./fixtures/test-helpers.ts";
import { intensitySeriesOf } from "./intensity-series.ts";
import { parseJsonlLog } from "./log-jsonl.ts";
import { Sampler } from "./sampler.ts";
import { prepareTracking, startTracking } from "./session.ts";
import type { Sensor } from "./types.ts";

/** CPU seconds (utime + stime) a process has used. */
const ownCpuS = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

/**
 * Tracks an existing child for `ms` with the auto-detected sensors (no GPU on PATH); returns the CPU
 * energy, the CPU seconds the tracker attributed, and the child's own CPU seconds over the same time.
 */
const cpuEnergyOf = async (script: string, ms: number) => {
  const child = spawn(process.execPath, ["-e", script], { stdio: "ignore" });
  await new Promise((resolve) => child.once("spawn", resolve));
  await sleep(100);
  let trackedS = 0;
  const before = ownCpuS(child.pid as number);
  const run = await startTracking({
    pid: child.pid as number,
    intervalS: 0.1,
    intensity: 100,
    env: fakeGpuEnv(null),
    powercapRoot: "/nonexistent",
    onSample: (record) => {
      trackedS = Number(record.details.cpuTreeCpuS);
    },
  });
  await sleep(ms);
  const truthS = ownCpuS(child.pid as number) - before;
  const result = await run.stop();
  child.kill();
  const cpu = result.components.find((c) => c.component === "cpu");
  return { kWh: cpu?.energyKWh ?? 0, kind: cpu?.kind, result, trackedS, truthS };
};

test("a busy loop shows more estimated CPU energy than a sleeping process, for the CPU time it really had", async () => {
  const [busy, idle] = await Promise.all([
    cpuEnergyOf("for(;;){}", 1200),
    cpuEnergyOf("setTimeout(()=>{}, 60000)", 1200),
  ]);
  assert.equal(busy.kind, "estimated");
  // On a busy machine the loop may get little of a core: the figure must follow what it got.
  assert.ok(busy.truthS > 0.05, `the busy loop got ${busy.truthS} s of CPU`);
  for (const { trackedS, truthS } of [busy, idle])
    assert.ok(
      Math.abs(trackedS - truthS) <= 0.05 + truthS * 0.1,
      `tracked ${trackedS} s vs ${truthS} s by /proc`,
    );
  assert.ok(busy.truthS > idle.truthS);
  assert.ok(busy.kWh > idle.kWh, `busy ${busy.kWh} kWh vs sleeping ${idle.kWh} kWh`);
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
  // estimate()'s fields, and the tracker's counterfactual (the cleanest region of the provider here).
  assert.deepEqual(Object.keys(result).sort(), [...Object.keys(reference), "counterfactual"].sort());
  assert.equal(result.counterfactual?.cleanestRegionScope, "provider");
  assert.equal(result.counterfactual?.bestWindowKg, null);
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

test("a log on a full device: reported once through onFileError, the run and its result go on", {
  skip: !existsSync("/dev/full"),
}, async () => {
  const reported: string[] = [];
  const run = await startTracking({
    sensors: [constantSensor(100)],
    intervalS: 0.05,
    intensity: 100,
    logPath: "/dev/full",
    onFileError: (error) => reported.push(`${error.file} ${error.code} ${error.reason}`),
  });
  await sleep(200);
  const result = await run.stop();
  assert.ok(result.energyKWh > 0);
  assert.deepEqual(reported, ["log unwritable ENOSPC: no space left on device"]);
  assert.equal(run.fileErrors().length, 1);
});

test("prepareTracking checks everything and creates nothing; start opens the log", () => {
  const dir = tempDir();
  const logPath = join(dir, "run.jsonl");
  assert.throws(() => prepareTracking({ cpu: "NotACpu", logPath }), { name: "Mlco2Error", path: "cpu" });
  assert.throws(() => prepareTracking({ cpu: { tdpW: 0 }, logPath }), { name: "Mlco2Error", path: "cpu" });
  assert.throws(() => prepareTracking({ year: 2022 }), { name: "Mlco2Error", path: "year" });
  const prepared = prepareTracking({ intensity: 100, logPath, sensors: [constantSensor(10)] });
  assert.equal(existsSync(logPath), false);
  const run = prepared.start();
  assert.equal(existsSync(logPath), true);
  return run.stop().then(() => undefined);
});

test("on an EC2 instance with AWS_REGION and no location flag: the region is the location, said so", async () => {
  const run = prepareTracking({
    sensors: [constantSensor(100)],
    intervalS: 0.05,
    dmiRoot: join(FIXTURES, "dmi", "aws-nitro-p4d"),
    env: { AWS_REGION: "us-east-1" },
  }).start();
  assert.ok(!run.warnings.some((w) => w.includes("WORLD AVERAGE")));
  assert.ok(
    run.warnings.some((w) => w.startsWith("Location: aws:us-east-1, from AWS_REGION on this EC2 machine")),
  );
  await sleep(100);
  const result = await run.stop();
  assert.equal(result.job.location.region, "us-east-1");
  assert.equal(result.job.location.provider, "aws");
});

test("on a GCE VM without a region variable: the world average, and the warning says the machine cannot tell", async () => {
  const run = prepareTracking({
    sensors: [constantSensor(100)],
    intervalS: 0.05,
    dmiRoot: join(FIXTURES, "dmi", "gcp"),
    env: {},
  }).start();
  const warning = run.warnings.find((w) => w.startsWith("No location given")) ?? "";
  assert.match(
    warning,
    /the machine does not say where it runs \(Google Compute Engine VM .*CLOUDSDK_COMPUTE_REGION, GOOGLE_CLOUD_REGION, CLOUDSDK_COMPUTE_ZONE unset\)/,
  );
  assert.match(warning, /WORLD AVERAGE/);
  const result = await run.stop();
  assert.equal(result.warnings.filter((w) => w.startsWith("No location given")).length, 1);
});

test("a location flag wins over the environment's region", async () => {
  const run = prepareTracking({
    sensors: [constantSensor(100)],
    intervalS: 0.05,
    country: "FR",
    dmiRoot: join(FIXTURES, "dmi", "aws-nitro-p4d"),
    env: { AWS_REGION: "us-east-1" },
  }).start();
  const result = await run.stop();
  assert.equal(result.job.location.by, "country");
});

test("a series file through the library: each interval at its hour's reading; no zone, or an intensity function beside it, is refused", async () => {
  const dir = tempDir();
  const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const rows = [-2, -1, 0, 1, 2].map(
    (h) => `${new Date(hour + h * 3_600_000).toISOString()},DE,${300 + h * 10}`,
  );
  const path = join(dir, "de.csv");
  writeFileSync(path, `datetime,zone,carbon_intensity\n${rows.join("\n")}\n`);
  const intensitySeries = intensitySeriesOf({ source: "file", seriesPath: path, env: {} });
  assert.throws(() => prepareTracking({ intensitySeries, sensors: [] }), {
    name: "Mlco2Error",
    path: "source",
  });
  assert.throws(() => prepareTracking({ intensitySeries, zone: "DE", intensityAt: () => 1, sensors: [] }), {
    name: "Mlco2Error",
    code: "conflict",
  });
  assert.throws(() => prepareTracking({ intensitySeries, zone: "FR", sensors: [] }), {
    name: "Mlco2Error",
    code: "unknown-zone",
  });
  const run = await startTracking({
    zone: "DE",
    intensitySeries,
    sensors: [constantSensor(3_600_000)],
    intervalS: 0.05,
  });
  await sleep(200);
  const result = await run.stop();
  // This hour's reading is 300 g/kWh (unless the run crossed the hour: then 310 for the rest).
  const mean = result.intensityGPerKWh;
  assert.ok(mean >= 300 - 1e-9 && mean <= 310 + 1e-9, String(mean));
  assert.ok(
    result.factors.some(
      (f) =>
        f.name === "grid intensity series (DE, CSV file)" &&
        f.kind === "user" &&
        /readings \d{4}-/.test(f.note ?? ""),
    ),
  );
  assert.ok(result.counterfactual?.bestWindowKg !== null);
});
