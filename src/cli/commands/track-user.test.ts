// `mlco2 track` as a real process (npm run build first): who ran the job, in the log's start line.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { fakeGpuEnv, tempDir } from "../../tracker/fixtures/test-helpers.ts";
import { parseJsonlLog } from "../../tracker/log-jsonl.ts";

const CLI = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
const NODE = process.execPath;
const skip = !existsSync(CLI);

/** An environment with no launcher variables and no GPU tools, plus `extra`. */
const envWith = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: `${fakeGpuEnv(null).PATH}:${process.env.PATH}`,
  HOME: process.env.HOME,
  ...extra,
});

const track = (args: string[], env: NodeJS.ProcessEnv, cwd: string) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(NODE, [CLI, "track", ...args], { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("close", (code) => resolve({ code, stderr }));
  });

/** The `user` field of the start line `mlco2 track` writes with these flags and variables. */
const startUser = async (flags: string[], extra: Record<string, string> = {}): Promise<unknown> => {
  const dir = tempDir();
  const log = join(dir, "run.jsonl");
  const r = await track(
    ["--quiet", "--intensity", "100", "--interval", "0.1", "--log", log, ...flags, "--", NODE, "-e", ""],
    envWith(extra),
    dir,
  );
  assert.equal(r.code, 0, r.stderr);
  const [start] = parseJsonlLog(readFileSync(log, "utf8")) as Record<string, unknown>[];
  assert.equal(start?.type, "start");
  return start?.user;
};

test("the start line records --user, else SLURM_JOB_USER, else the login name; --user '' records none", {
  skip,
}, async () => {
  const [flag, slurm, login, none, noneUnderSlurm] = await Promise.all([
    startUser(["--user", "bob"], { SLURM_JOB_USER: "alice" }),
    startUser([], { SLURM_JOB_USER: "alice" }),
    startUser([]),
    startUser(["--user", ""]),
    startUser(["--user", ""], { SLURM_JOB_USER: "alice" }),
  ]);
  assert.equal(flag, "bob");
  assert.equal(slurm, "alice");
  assert.equal(login, userInfo().username);
  assert.equal(none, null);
  assert.equal(noneUnderSlurm, null);
});

test("a bad --user: one line naming the flag, exit 2, nothing runs", { skip }, async () => {
  const dir = tempDir();
  const marker = join(dir, "ran");
  const touch = [NODE, "-e", `require("fs").writeFileSync(${JSON.stringify(marker)}, "")`];
  for (const [user, message] of [
    ["a\nb", /^mlco2: --user: "a\\nb" is not allowed; use a name of 1 to 100 characters/],
    ["x".repeat(101), /^mlco2: --user: "x+…" \(101 characters\) is not allowed; use a name of 1 to 100/],
  ] as const) {
    const r = await track(["--no-log", "--intensity", "100", "--user", user, "--", ...touch], envWith(), dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.equal(existsSync(marker), false, "the command ran");
  }
});
