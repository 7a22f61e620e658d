// `nohup mlco2 track -- job` and a real hangup (npm run build first). As in a terminal: a shell on a
// pseudo-terminal (python3's pty module) starts the job in the background and the terminal is closed; the
// shell, the controlling process, dies of SIGHUP, and the kernel then sends SIGHUP to its process group.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { fakeGpuEnv, sleep, tempDir } from "../../tracker/fixtures/test-helpers.ts";
import { parseJsonlLog } from "../../tracker/log-jsonl.ts";
import { hangupIgnored } from "./track-hangup.ts";

const CLI = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
const NODE = process.execPath;
const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;

/**
 * Runs a shell script on a new pseudo-terminal in `cwd`, and closes the terminal 0.3 s after the file
 * `ready` appears (at most 15 s).
 */
const runThenHangUp = (script: string, args: string[], cwd: string, ready: string): void => {
  const harness = [
    "import os, pty, select, sys, time",
    "pid, fd = pty.fork()",
    "if pid == 0:",
    "    os.execvp('sh', ['sh', '-c'] + sys.argv[2:])",
    "end = time.time() + 15",
    "while time.time() < end and not os.path.exists(sys.argv[1]):",
    "    ready, _, _ = select.select([fd], [], [], 0.05)",
    "    if ready:",
    "        try:",
    "            os.read(fd, 4096)",
    "        except OSError:",
    "            break",
    "time.sleep(0.3)",
    "os.close(fd)",
    "os.waitpid(pid, 0)",
  ].join("\n");
  spawnSync("python3", ["-c", harness, ready, script, "sh", ...args], {
    cwd,
    env: { ...process.env, PATH: `${fakeGpuEnv(null).PATH}:${process.env.PATH}` },
    timeout: 20_000,
  });
};

/**
 * Tracks a job (a shell that says it is running, sleeps 2 s, leaves a marker and exits 7) started in the
 * background by a shell on a terminal, with or without nohup; the terminal is closed once the job runs.
 * Waits for the tracker's summary.
 */
const trackThroughHangup = async (nohup: boolean) => {
  const dir = tempDir();
  const log = join(dir, "run.jsonl");
  // The tracker runs under a shell that records its exit code (nohup's own shell survives the hangup).
  const script = `${nohup ? "nohup " : ""}sh -c '"$@"; echo $? > tracker-code' sh "$@" & wait`;
  const job = "touch running; sleep 2; echo done > finished; exit 7";
  runThenHangUp(
    script,
    [NODE, CLI, "track", "--intensity", "100", "--interval", "0.2", "--log", log, "--", "sh", "-c", job],
    dir,
    join(dir, "running"),
  );
  const summaryOf = () =>
    existsSync(log)
      ? (parseJsonlLog(readFileSync(log, "utf8")) as { type: string; exit?: unknown }[]).find(
          (r) => r.type === "summary",
        )
      : undefined;
  for (let i = 0; i < 100 && summaryOf() === undefined; i++) await sleep(100);
  await sleep(300);
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), "utf8") : null);
  return {
    summary: summaryOf(),
    finished: read("finished"),
    code: read("tracker-code"),
    out: read("nohup.out"),
  };
};

test("nohup protects the tracked command from a real hangup; the tracker stays and keeps its exit code", {
  skip: !existsSync(CLI) || !has("python3") || !has("nohup"),
}, async () => {
  const withNohup = await trackThroughHangup(true);
  assert.equal(withNohup.finished, "done\n", "the command survived the hangup");
  assert.deepEqual(withNohup.summary?.exit, { code: 7, signal: null });
  assert.equal(withNohup.code, "7\n");
  assert.match(withNohup.out ?? "", /exited\s+with code 7/);
  // Without nohup the same hangup ends the command (so the hangup above did reach the job).
  const without = await trackThroughHangup(false);
  assert.equal(without.finished, null, "without nohup the hangup ends the command");
  assert.deepEqual(without.summary?.exit, { code: null, signal: "SIGHUP" });
});

test("what nohup leaves behind is recognised: SIGHUP in SigIgn, stdin write-only on /dev/null, nohup.out", () => {
  const procWith = (status: string, fds: Record<string, string>, stdinFlags = "0100000") => {
    const root = tempDir("mlco2-proc-");
    mkdirSync(join(root, "self", "fd"), { recursive: true });
    mkdirSync(join(root, "self", "fdinfo"), { recursive: true });
    writeFileSync(join(root, "self", "status"), status);
    writeFileSync(join(root, "self", "fdinfo", "0"), `pos:\t0\nflags:\t${stdinFlags}\nmnt_id:\t1\n`);
    for (const [fd, target] of Object.entries(fds)) symlinkSync(target, join(root, "self", "fd", fd));
    return root;
  };
  const plain = "Name:\tnode\nSigIgn:\t0000000001001000\n";
  assert.equal(
    hangupIgnored(procWith(plain, { "0": "/dev/pts/1", "1": "/dev/pts/1", "2": "/dev/pts/1" })),
    false,
  );
  assert.equal(hangupIgnored(procWith("Name:\tx\nSigIgn:\t0000000000000001\n", {})), true);
  assert.equal(hangupIgnored(procWith(plain, { "0": "/dev/null" }, "0100001")), true);
  assert.equal(hangupIgnored(procWith(plain, { "0": "/dev/null" }, "0100000")), false); // `< /dev/null`
  assert.equal(hangupIgnored(procWith(plain, { "1": "/home/u/nohup.out" })), true);
  assert.equal(hangupIgnored(procWith(plain, { "1": "/home/u/out.log", "2": "/home/u/nohup.out" })), true);
});
