// `mlco2 track` as a real process (npm run build first): the command's output read for progress and units
// while passed through byte for byte, default log names of concurrent trackers, the launcher in the log.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { fakeGpuEnv, tempDir } from "../../tracker/fixtures/test-helpers.ts";
import { parseJsonlLog } from "../../tracker/log-jsonl.ts";

const CLI = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
const NODE = process.execPath;
const skip = !existsSync(CLI);

/** An environment with no launcher variables and no GPU tools. */
const cleanEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {
    PATH: `${fakeGpuEnv(null).PATH}:${process.env.PATH}`,
    HOME: process.env.HOME,
  };
  return env;
};

/** Runs `mlco2 track …` and collects its stdout and stderr as bytes. */
const track = (args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) =>
  new Promise<{ code: number | null; stdout: Buffer; stderr: Buffer }>((resolve) => {
    const child = spawn(NODE, [CLI, "track", ...args], {
      cwd: options.cwd ?? tempDir(),
      env: options.env ?? cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
  });

type LogLine = {
  type: string;
  prediction?: { done: number; total: number; energyKWh: number; lowKWh: number; highKWh: number } | null;
  result?: { energyKWh: number; emissionsKg: number; perUnit?: { unit: string; units: number } };
  task?: { runKey: string | null; host: string; rank: number | null };
};

test("--progress and --units-from: the output passes through byte for byte; the log predicts and counts", {
  skip,
}, async () => {
  const dir = tempDir();
  const noise = randomBytes(3000); // invalid UTF-8, \r, NUL: whatever the command prints
  const script = `
    const noise = Buffer.from(${JSON.stringify(noise.toString("base64"))}, "base64");
    const busy = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
    process.stdout.write(noise.subarray(0, 1000));
    for (let e = 1; e <= 4; e++) {
      busy(150);
      process.stdout.write("\\nepoch " + e + "/4 loss 0.1\\n");
      process.stderr.write("generated 1,024 tokens\\r");
    }
    process.stdout.write(noise.subarray(1000));
    process.stderr.write(noise.subarray(0, 10));`;
  const log = join(dir, "run.jsonl");
  const args = [
    "--quiet",
    "--interval",
    "0.1",
    "--intensity",
    "100",
    "--log",
    log,
    "--progress",
    "epoch (\\d+)/(\\d+)",
  ];
  const r = await track([
    ...args,
    "--units-from",
    "generated ([\\d,]+) tokens",
    "--unit",
    "tokens",
    "--",
    NODE,
    "-e",
    script,
  ]);
  assert.equal(r.code, 0, r.stderr.toString());
  const expectedOut = Buffer.concat([
    noise.subarray(0, 1000),
    ...[1, 2, 3, 4].map((e) => Buffer.from(`\nepoch ${e}/4 loss 0.1\n`)),
    noise.subarray(1000),
  ]);
  assert.ok(r.stdout.equals(expectedOut), "stdout is the command's, byte for byte");
  const expectedErr = Buffer.concat([
    Buffer.from("generated 1,024 tokens\r".repeat(4)),
    noise.subarray(0, 10),
  ]);
  assert.ok(r.stderr.equals(expectedErr), `stderr is the command's, byte for byte: ${r.stderr.toString()}`);
  const lines = parseJsonlLog(readFileSync(log, "utf8")) as LogLine[];
  const summary = lines.at(-1) as LogLine;
  assert.equal(summary.type, "summary");
  assert.deepEqual(summary.result?.perUnit?.units, 4096);
  assert.equal(summary.result?.perUnit?.unit, "tokens");
  const predicted = lines.filter((l) => l.type === "sample" && l.prediction != null);
  assert.ok(predicted.length > 0, "sample lines carry the prediction once progress shows");
  assert.equal(summary.prediction?.total, 4);
  for (const l of predicted) {
    const p = l.prediction as NonNullable<LogLine["prediction"]>;
    assert.ok(p.lowKWh <= p.energyKWh && p.energyKWh <= p.highKWh, JSON.stringify(p));
  }
});

test("--progress: a summary line shows the prediction; a pattern that never matches says so", {
  skip,
}, async () => {
  const r = await track([
    "--no-log",
    "--intensity",
    "100",
    "--progress",
    "step (\\d+) of (\\d+)",
    "--",
    NODE,
    "-e",
    "console.log('nothing to see')",
  ]);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.toString(), "nothing to see\n");
  assert.match(r.stderr.toString(), /mlco2: --progress: no line of the output matched; no prediction/);
  const done = await track([
    "--no-log",
    "--intensity",
    "100",
    "--units",
    "20",
    "--unit",
    "requests",
    "--progress",
    "step (\\d+) of (\\d+)",
    "--",
    NODE,
    "-e",
    'for (let i = 1; i <= 3; i++) console.log("step " + i + " of 3")',
  ]);
  assert.match(done.stderr.toString(), /predicted whole job ≈ .* at 3\/3/);
  assert.match(
    done.stderr.toString(),
    /per unit .* per (request|1,000 requests|1 M requests|1 G requests) \(20 requests\)/,
  );
});

test("bad --progress, --units-from, --units or --run-id: one line, exit 2, nothing runs", {
  skip,
}, async () => {
  const dir = tempDir();
  const marker = join(dir, "ran");
  const touch = [NODE, "-e", `require("fs").writeFileSync(${JSON.stringify(marker)}, "")`];
  // Every case runs in-process in track-flags.cli.test.ts; two here as real processes.
  for (const [args, message] of [
    [["--progress", "epoch (\\d+"], /^mlco2: --progress: is not a regular expression/],
    [["--run-id", "a\nb"], /^mlco2: --run-id: "a\\nb" is not allowed; use 1 to 200 characters/],
  ] as const) {
    const r = await track(["--no-log", "--intensity", "100", ...args, "--", ...touch], { cwd: dir });
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr.toString()}`);
    assert.match(r.stderr.toString(), message);
    assert.equal(r.stderr.toString().trim().split("\n").length, 1, r.stderr.toString());
    assert.equal(existsSync(marker), false, `${args.join(" ")} ran the command`);
  }
});

test("concurrent trackers started in the same second never share a default log; names hold run key, host, rank, pid", {
  skip,
}, async () => {
  const dir = tempDir();
  const slurm = (rank: number) => ({
    ...cleanEnv(),
    SLURM_JOB_ID: "4242",
    SLURM_STEP_ID: "0",
    SLURM_PROCID: String(rank),
    SLURM_LOCALID: String(rank),
    SLURM_NODEID: "0",
    SLURMD_NODENAME: "gpu001",
  });
  const args = [
    "--quiet",
    "--interval",
    "0.1",
    "--intensity",
    "100",
    "--",
    NODE,
    "-e",
    "setTimeout(() => {}, 200)",
  ];
  const runs = await Promise.all([
    track(args, { cwd: dir }),
    track(args, { cwd: dir }),
    track(args, { cwd: dir, env: slurm(0) }),
    track(args, { cwd: dir, env: slurm(1) }),
  ]);
  for (const r of runs) assert.equal(r.code, 0, r.stderr.toString());
  const logs = readdirSync(dir).filter((f) => f.endsWith(".jsonl"));
  assert.equal(logs.length, 4, logs.join(", "));
  assert.equal(
    logs.filter((f) => /^mlco2-\d{8}-\d{6}-[^-]+.*-\d+\.jsonl$/.test(f)).length,
    4,
    logs.join(", "),
  );
  const ranked = logs.filter((f) => f.includes("-slurm-4242.0-gpu001-rank"));
  assert.equal(ranked.length, 2, logs.join(", "));
  for (const file of ranked) {
    const lines = parseJsonlLog(readFileSync(join(dir, file), "utf8")) as LogLine[];
    const rank = Number(/-rank(\d+)-/.exec(file)?.[1]);
    for (const line of lines)
      assert.deepEqual(line.task, { runKey: "slurm:4242.0", host: "gpu001", node: 0, rank, localRank: rank });
  }
});
