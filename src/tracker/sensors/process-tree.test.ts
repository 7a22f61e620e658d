import assert from "node:assert/strict";
import { renameSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { type FakeProcess, removeProcess, writeProcesses } from "../fixtures/fake-proc.ts";
import { tempDir } from "../fixtures/test-helpers.ts";
import { readSelfReapedTicks, watchProcessTree } from "./process-tree.ts";

// The job: sh (100) started python (101), which started a worker (103); sh also runs sleep (102).
// Process 200 is someone else's. Without /proc/self in the fake, pages count 4 kB.
const job = (changes: Partial<Record<number, Partial<FakeProcess>>> = {}): FakeProcess[] =>
  [
    { pid: 100, ppid: 1, utime: 10, rssPages: 100, children: [101, 102] },
    { pid: 101, ppid: 100, utime: 20, rssPages: 1000, children: [103] },
    { pid: 102, ppid: 100, utime: 5, rssPages: 10 },
    { pid: 103, ppid: 101, utime: 7, rssPages: 500 },
    { pid: 200, ppid: 1, utime: 999, rssPages: 99_999 },
  ].map((p) => ({ ...p, ...changes[p.pid] }));

const setup = (childrenFiles = true) => {
  const root = tempDir("mlco2-proc-tree-");
  writeProcesses(root, job(), childrenFiles);
  let ms = 0;
  const tree = watchProcessTree({ rootPid: 100, procRoot: root, maxCpus: 4, startMs: 0, now: () => ms });
  return {
    root,
    tree,
    at: (s: number) => {
      ms = s * 1000;
      return tree.at(ms);
    },
  };
};

const sorted = (pids: ReadonlySet<number>) => [...pids].sort((a, b) => a - b);

describe("watchProcessTree", () => {
  test("the tree's processes and resident memory; the first reading is a baseline (not started here)", () => {
    const { at } = setup();
    const first = at(1);
    assert.deepEqual(sorted(first.pids), [100, 101, 102, 103]);
    assert.equal(first.rssKB, (100 + 1000 + 10 + 500) * 4);
    assert.equal(first.ticks, 0);
    assert.equal(first.cpuS, 0);
  });

  test("CPU ticks since the previous reading, each process once; cpuS accumulates", () => {
    const { root, at } = setup();
    at(1);
    writeProcesses(root, job({ 100: { utime: 12 }, 101: { utime: 30 }, 103: { utime: 17 } }));
    const second = at(2);
    assert.equal(second.ticks, 2 + 10 + 10);
    assert.equal(second.cpuS, 0.22);
    writeProcesses(root, job({ 100: { utime: 12 }, 101: { utime: 40 }, 103: { utime: 17 } }));
    assert.equal(at(3).cpuS, 0.32);
  });

  test("one reading per instant: a second call at the same time does not read again", () => {
    const { root, tree, at } = setup();
    const first = at(1);
    writeProcesses(root, job({ 101: { utime: 50 } }));
    assert.equal(tree.at(1000), first);
    assert.equal(at(2).ticks, 30);
  });

  test("a worker re-parented out of the tree (its parent ended) stays watched; a reused pid does not", () => {
    const { root, at } = setup();
    at(1);
    // python (101) ends; sh reaps it (its cutime grows by python's 20 ticks); the worker goes to init.
    removeProcess(root, 101);
    writeProcesses(
      root,
      job({ 100: { cutime: 20, children: [102] }, 103: { ppid: 1, utime: 12 } }).filter((p) => p.pid !== 101),
    );
    const after = at(2);
    assert.deepEqual(sorted(after.pids), [100, 102, 103]);
    // The worker's 5 new ticks; python ended with no time after the last look, so its reaping adds none.
    assert.equal(after.ticks, 5);
    assert.equal(after.rssKB, (100 + 10 + 500) * 4);
    // The worker ends and its pid is taken by an unrelated process (another start time): dropped.
    writeProcesses(root, [{ pid: 103, ppid: 1, utime: 1, startTicks: 5000, rssPages: 7 }]);
    const reused = at(3);
    assert.deepEqual(sorted(reused.pids), [100, 102]);
    assert.equal(reused.ticks, 0);
  });

  test("without children files (older kernels): the same tree from the parent links", () => {
    const { root, at } = setup(false);
    const first = at(1);
    assert.deepEqual(sorted(first.pids), [100, 101, 102, 103]);
    writeProcesses(root, job({ 102: { utime: 8 } }), false);
    assert.equal(at(2).ticks, 3);
  });

  test("a root that is gone: no processes, no ticks", () => {
    const root = tempDir("mlco2-proc-tree-");
    const tree = watchProcessTree({ rootPid: 4242, procRoot: root, maxCpus: 1, now: () => 5 });
    const reading = tree.at(5);
    assert.equal(reading.pids.size, 0);
    assert.equal(reading.rssKB, 0);
    assert.equal(reading.ticks, 0);
  });
});

describe("readSelfReapedTicks", () => {
  test("cutime + cstime of /proc/self; null where it cannot be read", () => {
    const root = tempDir("mlco2-proc-self-");
    writeProcesses(root, [{ pid: 1, ppid: 0, cutime: 30, cstime: 12 }]);
    assert.equal(readSelfReapedTicks(root), null);
    // /proc/self is a link to the reader's pid; here a folder written the same way.
    const self = tempDir("mlco2-proc-self-");
    writeProcesses(self, [{ pid: 1, ppid: 0, cutime: 30, cstime: 12 }]);
    renameSync(join(self, "1"), join(self, "self"));
    assert.equal(readSelfReapedTicks(self), 42);
  });
});
