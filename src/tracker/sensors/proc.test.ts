import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { statLine, writeProcesses } from "../fixtures/fake-proc.ts";
import { tempDir } from "../fixtures/test-helpers.ts";
import {
  childrenOf,
  parentsByPid,
  parsePidStat,
  parseProcStat,
  readMachineTicks,
  readPidStat,
  readProcText,
} from "./proc.ts";

describe("parseProcStat", () => {
  test("busy = user + nice + system + irq + softirq + steal; total adds idle and iowait", () => {
    // user nice system idle iowait irq softirq steal guest guest_nice
    const text = "cpu  100 5 50 1000 20 3 2 7 40 0\ncpu0 50 2 25 500 10 1 1 3 20 0\nintr 1\n";
    assert.deepEqual(parseProcStat(text), { busy: 167, total: 1187 });
  });

  test("a short line counts missing fields as 0; a file not starting with the cpu line is refused", () => {
    assert.deepEqual(parseProcStat("cpu 1 2 3 4"), { busy: 6, total: 10 });
    assert.equal(parseProcStat("cpu0 1 2 3 4\n"), null);
    assert.equal(parseProcStat(""), null);
  });
});

describe("parsePidStat", () => {
  test("reads ppid, utime+stime, cutime+cstime, threads, start time and rss at their places", () => {
    const line = statLine({
      pid: 4242,
      ppid: 17,
      utime: 300,
      stime: 45,
      cutime: 1000,
      cstime: 20,
      threads: 8,
      startTicks: 987_654,
      rssPages: 2560,
    });
    assert.deepEqual(parsePidStat(line), {
      ppid: 17,
      ownTicks: 345,
      reapedTicks: 1020,
      threads: 8,
      startTicks: 987_654,
      rssPages: 2560,
    });
  });

  test("a command name with spaces and parentheses is skipped to its last ')'", () => {
    const line = statLine({ pid: 7, ppid: 1, comm: "my (odd) cmd) x", utime: 9, rssPages: 3 });
    assert.equal(parsePidStat(line)?.ownTicks, 9);
    assert.equal(parsePidStat(line)?.rssPages, 3);
  });

  test("no name, or too few fields: null", () => {
    assert.equal(parsePidStat("4242 sh S 1 2 3"), null);
    assert.equal(parsePidStat("4242 (sh) S 1 2 3"), null);
  });
});

describe("procfs readers on a fake /proc", () => {
  test("readPidStat and readMachineTicks read their files; a missing process or file is null", () => {
    const root = tempDir("mlco2-proc-");
    writeProcesses(root, [{ pid: 10, ppid: 1, utime: 4 }]);
    writeFileSync(join(root, "stat"), "cpu  10 0 10 80 0 0 0 0\n");
    assert.equal(readPidStat(10, root)?.ownTicks, 4);
    assert.equal(readPidStat(11, root), null);
    assert.deepEqual(readMachineTicks(root), { busy: 20, total: 100 });
    assert.equal(readMachineTicks(join(root, "none")), null);
    assert.equal(readProcText(join(root, "none")), null);
  });

  test("childrenOf: the main thread's children file; every thread's for a threaded process", () => {
    const root = tempDir("mlco2-proc-");
    writeProcesses(root, [
      { pid: 10, ppid: 1, children: [11, 12] },
      { pid: 20, ppid: 1, threads: 2, children: [21] },
    ]);
    // Thread 25 of process 20 started child 22.
    mkdirSync(join(root, "20", "task", "25"), { recursive: true });
    writeFileSync(join(root, "20", "task", "25", "children"), "22 ");
    assert.deepEqual(childrenOf(root, 10, 1), [11, 12]);
    assert.deepEqual(childrenOf(root, 20, 2)?.sort(), [21, 22]);
  });

  test("childrenOf: null when the kernel has no children files, [] when the process has gone", () => {
    const root = tempDir("mlco2-proc-");
    writeProcesses(root, [{ pid: 10, ppid: 1 }], false);
    writeProcesses(root, [{ pid: 20, ppid: 1, threads: 3 }], false);
    assert.equal(childrenOf(root, 10, 1), null);
    assert.equal(childrenOf(root, 20, 3), null);
    assert.deepEqual(childrenOf(root, 99, 1), []);
    assert.deepEqual(childrenOf(root, 99, 4), []);
  });

  test("parentsByPid: every numeric entry with a readable stat", () => {
    const root = tempDir("mlco2-proc-");
    writeProcesses(root, [
      { pid: 10, ppid: 1 },
      { pid: 11, ppid: 10 },
    ]);
    mkdirSync(join(root, "self"));
    mkdirSync(join(root, "12")); // gone between the listing and the read: no stat
    assert.deepEqual(
      [...parentsByPid(root)].sort((a, b) => a[0] - b[0]),
      [
        [10, 1],
        [11, 10],
      ],
    );
  });
});
