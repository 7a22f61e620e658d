import assert from "node:assert/strict";
import { test } from "node:test";
import type { ProcessStat } from "./proc.ts";
import { TreeCpuAccount } from "./tree-cpu.ts";

/** A process as /proc would show it. */
const proc = (ppid: number, ownTicks: number, reapedTicks = 0, startTicks = 1): ProcessStat => ({
  ppid,
  ownTicks,
  reapedTicks,
  startTicks,
  threads: 1,
  rssPages: 0,
});

const ROOT = 100;
const SELF = 1; // the tracker

/** Feeds snapshots (each a list of [pid, stat]) and returns the ticks of each update. */
const feed = (account: TreeCpuAccount, snapshots: [number, ProcessStat][][], self: (number | null)[] = []) =>
  snapshots.map((snapshot, i) =>
    account.update(new Map(snapshot), { selfReapedTicks: self[i] ?? null, maxTicks: 1e9 }),
  );

test("a shell running children one after another: each child's time is counted once, not again when reaped", () => {
  // sh (100) runs child 101 (30 ticks, 10 of them after the last look), then child 102 (20 ticks).
  const ticks = feed(new TreeCpuAccount({ rootPid: ROOT, fromStart: true }), [
    [[ROOT, proc(SELF, 0)]],
    [
      [ROOT, proc(SELF, 0)],
      [101, proc(ROOT, 12)],
    ],
    [
      [ROOT, proc(SELF, 0)],
      [101, proc(ROOT, 20)],
    ],
    // 101 ended (30 in all) and was reaped; 102 started.
    [
      [ROOT, proc(SELF, 1, 30)],
      [102, proc(ROOT, 5, 0, 2)],
    ],
    [
      [ROOT, proc(SELF, 1, 30)],
      [102, proc(ROOT, 20, 0, 2)],
    ],
    [[ROOT, proc(SELF, 1, 50)]],
  ]);
  assert.deepEqual(ticks, [0, 12, 8, 1 + 10 + 5, 15, 0]);
  assert.equal(
    ticks.reduce((a, b) => a + b, 0),
    51,
  );
});

test("a child reaped after the parent was read: its time is settled when the parent's reaped time grows", () => {
  const ticks = feed(new TreeCpuAccount({ rootPid: ROOT, fromStart: true }), [
    [
      [ROOT, proc(SELF, 0)],
      [101, proc(ROOT, 10)],
    ],
    // 101 is gone, but the parent's cutime read before the reap does not show it yet.
    [[ROOT, proc(SELF, 0, 0)]],
    [[ROOT, proc(SELF, 0, 14)]],
  ]);
  assert.deepEqual(ticks, [10, 0, 4]);
});

test("grandchildren: a subtree that ends at once is settled against the nearest live ancestor", () => {
  // 100 → 101 → 102; 102 and 101 end together; 101 had reaped 102 (102's 8 ticks in 101's cutime).
  const ticks = feed(new TreeCpuAccount({ rootPid: ROOT, fromStart: true }), [
    [
      [ROOT, proc(SELF, 0)],
      [101, proc(ROOT, 3)],
      [102, proc(101, 6)],
    ],
    [[ROOT, proc(SELF, 0, 3 + 1 + 8 + 0)]],
  ]);
  // 101 used 1 more tick, 102 2 more, all unseen before the reap: 12 − (3 + 6) = 3 new.
  assert.deepEqual(ticks, [9, 3]);
});

test("the root's last partial interval comes from the tracker's own reaped time; it is bounded by the CPUs", () => {
  const account = new TreeCpuAccount({ rootPid: ROOT, fromStart: true, selfReapedAtStart: 500 });
  const first = account.update(new Map([[ROOT, proc(SELF, 40)]]), { selfReapedTicks: 500, maxTicks: 1e9 });
  // The root ends with 70 ticks in all (30 unseen); the tracker's cutime grows by exactly that.
  const last = account.update(new Map(), { selfReapedTicks: 570, maxTicks: 1e9 });
  assert.deepEqual([first, last], [40, 30]);
  assert.equal(account.rootEnded, true);
  const bounded = new TreeCpuAccount({ rootPid: ROOT, fromStart: true, selfReapedAtStart: 0 });
  bounded.update(new Map([[ROOT, proc(SELF, 40)]]), { selfReapedTicks: 0, maxTicks: 1e9 });
  // Another child of the tracker reaped in the same interval cannot push it past elapsed × CPUs.
  assert.equal(bounded.update(new Map(), { selfReapedTicks: 400, maxTicks: 25 }), 25);
});

test("a command that ended before the first look is counted whole from the tracker's reaped time", () => {
  const account = new TreeCpuAccount({ rootPid: ROOT, fromStart: true, selfReapedAtStart: 7 });
  assert.equal(account.update(new Map(), { selfReapedTicks: 19, maxTicks: 1e9 }), 12);
});

test("an existing process (not started for the run): the first look is a baseline", () => {
  const ticks = feed(new TreeCpuAccount({ rootPid: ROOT, fromStart: false }), [
    [
      [ROOT, proc(SELF, 1000, 500)],
      [101, proc(ROOT, 300)],
    ],
    [
      [ROOT, proc(SELF, 1010, 500)],
      [101, proc(ROOT, 320)],
    ],
    // 101 (counted only from the baseline) is reaped: its whole 330 lands in the parent's cutime.
    [[ROOT, proc(SELF, 1010, 830)]],
  ]);
  assert.deepEqual(ticks, [0, 30, 10]);
});

test("a reused pid is a new process", () => {
  const ticks = feed(new TreeCpuAccount({ rootPid: ROOT, fromStart: true }), [
    [
      [ROOT, proc(SELF, 0)],
      [101, proc(ROOT, 10, 0, 5)],
    ],
    [
      [ROOT, proc(SELF, 0, 10)],
      [101, proc(ROOT, 4, 0, 9)],
    ],
  ]);
  assert.deepEqual(ticks, [10, 4]);
});
