// The tracker's CPU time against ground truth from the kernel (npm run build first): real child processes
// burn CPU, report their own totals (sh's `times`, node's process.cpuUsage()), and the tracker's log must
// attribute the same core-seconds, each process once, the last partial interval included.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { fakeGpuEnv, tempDir } from "../../tracker/fixtures/test-helpers.ts";
import { parseJsonlLog } from "../../tracker/log-jsonl.ts";

const CLI = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
const NODE = process.execPath;

/** A node one-liner that burns `seconds` of its own CPU time, then writes that time (s) to `file` if given. */
const busy = (seconds: number, file?: string): string =>
  `const s=process.cpuUsage();for(;;){const u=process.cpuUsage(s);if(u.user+u.system>=${seconds * 1e6})break}` +
  (file === undefined
    ? ""
    : `;const u=process.cpuUsage();require("fs").writeFileSync(${JSON.stringify(file)},String((u.user+u.system)/1e6))`);

/** Runs `mlco2 track` with a log; returns the core-seconds the log attributes to the tracked tree. */
const trackedCoreSeconds = async (intervalS: number, command: string[]): Promise<number> => {
  const log = join(tempDir(), "run.jsonl");
  const child = spawn(
    NODE,
    [
      CLI,
      "track",
      "--quiet",
      "--intensity",
      "100",
      "--interval",
      String(intervalS),
      "--log",
      log,
      "--",
      ...command,
    ],
    { env: { ...process.env, PATH: `${fakeGpuEnv(null).PATH}:${process.env.PATH}` }, stdio: "inherit" },
  );
  const code = await new Promise((resolve) => child.on("close", resolve));
  assert.equal(code, 0);
  const records = parseJsonlLog(readFileSync(log, "utf8")) as {
    type: string;
    intervalS?: number;
    details?: { cpuTreeUtilization?: number | null };
    result?: { factors: { name: string; value: number }[] };
  }[];
  const capacity = records.at(-1)?.result?.factors.find((f) => f.name === "CPUs available to the job")?.value;
  assert.ok(capacity !== undefined && capacity > 0);
  return records
    .filter((r) => r.type === "sample")
    .reduce((sum, r) => sum + (r.details?.cpuTreeUtilization ?? 0) * (r.intervalS ?? 0) * capacity, 0);
};

/** Seconds from sh's `times` output: the children's user + system line. */
const childrenSecondsOf = (times: string): number => {
  const line = times.trim().split("\n")[1] ?? "";
  return [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((s, m) => s + Number(m[1]) * 60 + Number(m[2]), 0);
};

const close = (measured: number, truth: number, what: string) =>
  assert.ok(
    Math.abs(measured - truth) <= truth * 0.05 + 0.03,
    `${what}: tracker ${measured.toFixed(3)} core-s vs ground truth ${truth.toFixed(3)} core-s`,
  );

test("children that exit are counted once: a shell running busy processes one after another", {
  skip: !existsSync(CLI),
}, async () => {
  const truthFile = join(tempDir(), "times.txt");
  const script = `for i in 1 2 3 4 5; do ${JSON.stringify(NODE)} -e '${busy(0.3)}'; done; times > ${JSON.stringify(truthFile)}`;
  const measured = await trackedCoreSeconds(0.2, ["/bin/sh", "-c", script]);
  close(measured, childrenSecondsOf(readFileSync(truthFile, "utf8")), "sh with 5 sequential children");
});

test("the last partial interval is counted: the command's CPU time after the last sample", {
  skip: !existsSync(CLI),
}, async () => {
  const truthFile = join(tempDir(), "cpu.txt");
  const measured = await trackedCoreSeconds(1, [NODE, "-e", busy(0.7, truthFile)]);
  close(measured, Number(readFileSync(truthFile, "utf8")), "0.7 s of CPU with a 1 s interval");
});
