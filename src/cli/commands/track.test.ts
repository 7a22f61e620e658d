// Runs the built CLI (npm run build first): `node dist/cli.js track …` around real child processes.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { fakeGpuEnv, sleep, tempDir } from "../../tracker/fixtures/test-helpers.ts";
import { CODECARBON_COLUMNS } from "../../tracker/log-csv.ts";
import { parseJsonlLog } from "../../tracker/log-jsonl.ts";

const CLI = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
const NODE = process.execPath;

const start = (
  args: string[],
): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } => {
  const child = spawn(NODE, [CLI, "track", ...args], {
    env: { ...fakeGpuEnv(null), PATH: `${fakeGpuEnv(null).PATH}:${process.env.PATH}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stderr })),
  );
  return { child, done };
};

const track = (args: string[]) => start(args).done;

/** Waits until `ready()` holds (checked every 50 ms, for at most 10 s). */
const until = async (ready: () => boolean) => {
  for (let i = 0; i < 200 && !ready(); i++) await sleep(50);
};

test("exit code passthrough and a crashing child; the log ends with a summary carrying the result", {
  skip: !existsSync(CLI),
}, async () => {
  const dir = tempDir();
  const log = join(dir, "run.jsonl");
  const csv = join(dir, "run.csv");
  const ok = await track([
    "--interval",
    "0.1",
    "--country",
    "FR",
    "--log",
    log,
    "--csv",
    csv,
    "--",
    NODE,
    "-e",
    "setTimeout(() => process.exit(3), 300)",
  ]);
  assert.equal(ok.code, 3, ok.stderr);
  const records = parseJsonlLog(readFileSync(log, "utf8")) as {
    type: string;
    result?: { energyKWh: number; components: unknown[]; factors: { kind: string }[] };
  }[];
  assert.equal(records.at(-1)?.type, "summary");
  assert.ok((records.at(-1)?.result?.energyKWh ?? 0) > 0);
  assert.match(ok.stderr, /CPU .* estimated/);
  const [header, row] = readFileSync(csv, "utf8").trim().split("\n");
  assert.equal(header, CODECARBON_COLUMNS.join(","));
  assert.equal(row?.split(",").length, CODECARBON_COLUMNS.length);
  const crash = await track([
    "--quiet",
    "--no-log",
    "--intensity",
    "100",
    "--",
    NODE,
    "-e",
    "throw new Error('boom')",
  ]);
  assert.equal(crash.code, 1, crash.stderr);
});

// The whole flag and error matrix runs in-process (track-flags.cli.test.ts); these few cases check the
// real process's exit code and stderr.
test("bad options exit 2 with one line before anything runs; a missing command exits 127", {
  skip: !existsSync(CLI),
}, async () => {
  const dir = tempDir();
  const marker = join(dir, "ran");
  const touch = [NODE, "-e", `require("fs").writeFileSync(${JSON.stringify(marker)}, "")`];
  for (const args of [["--interval", "0"], ["--bogus"], ["--log", "/nonexistent/dir/x.jsonl"]]) {
    const result = await track([...args, "--", ...touch]);
    assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
    assert.equal(existsSync(marker), false, `${args.join(" ")} ran the command`);
  }
  assert.equal((await track([])).code, 2);
  const missing = await track(["--no-log", "--intensity", "100", "--", "no-such-command-xyz"]);
  assert.equal(missing.code, 127);
  assert.match(missing.stderr, /no-such-command-xyz: command not found/);
});

test("SIGTERM and SIGINT are forwarded to the child, and the summary is still written", {
  skip: !existsSync(CLI),
}, async () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const dir = tempDir();
    const log = join(dir, "run.jsonl");
    const ready = join(dir, "ready");
    const script = `process.on("${signal}", () => { console.error("child got ${signal}"); process.exit(42); }); require("fs").writeFileSync(${JSON.stringify(ready)}, ""); setInterval(() => {}, 1000);`;
    const { child, done } = start([
      "--interval",
      "0.1",
      "--intensity",
      "100",
      "--log",
      log,
      "--",
      NODE,
      "-e",
      script,
    ]);
    // Once the command runs (on a busy machine that can take a while), with a sample or two taken.
    await until(() => existsSync(ready));
    await sleep(300);
    child.kill(signal);
    const result = await done;
    assert.equal(result.code, 42, result.stderr);
    assert.match(result.stderr, new RegExp(`child got ${signal}`));
    assert.equal((parseJsonlLog(readFileSync(log, "utf8")).at(-1) as { type: string }).type, "summary");
  }
});

test("a tracker killed with SIGKILL leaves a parseable log", { skip: !existsSync(CLI) }, async () => {
  const dir = tempDir();
  const log = join(dir, "run.jsonl");
  const { child, done } = start([
    "--interval",
    "0.1",
    "--intensity",
    "100",
    "--log",
    log,
    "--",
    NODE,
    "-e",
    "setTimeout(() => {}, 3000)",
  ]);
  await until(() => existsSync(log) && readFileSync(log, "utf8").split("\n").length > 3);
  child.kill("SIGKILL");
  await done;
  const text = readFileSync(log, "utf8");
  const lines = text.trim().split("\n");
  assert.ok(lines.length >= 3, text);
  for (const line of lines) JSON.parse(line);
  assert.equal((JSON.parse(lines[0] ?? "{}") as { type: string }).type, "start");
});
