import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fallbackShareOf, gpuSharesOf } from "./gpu-share.ts";
import { parseComputeApps } from "./sensors/gpu-apps.ts";

const A = "GPU-aaaaaaaa-0000-0000-0000-000000000000";
const B = "GPU-bbbbbbbb-0000-0000-0000-000000000000";

describe("parseComputeApps", () => {
  it("reads pid, GPU UUID and memory; [N/A] memory is null; other lines are skipped", () => {
    const apps = parseComputeApps(
      [
        `1201, ${A}, 40000`,
        `1202, ${B}, [N/A]`,
        "No running processes found",
        `1203, MIG-11111111-2222-3333-4444-555555555555, 512`,
        "",
      ].join("\n"),
    );
    assert.deepEqual(apps, [
      { pid: 1201, gpuUuid: A, usedMemoryMiB: 40000 },
      { pid: 1202, gpuUuid: B, usedMemoryMiB: null },
      { pid: 1203, gpuUuid: "MIG-11111111-2222-3333-4444-555555555555", usedMemoryMiB: 512 },
    ]);
  });
});

describe("gpuSharesOf", () => {
  it("splits by GPU memory: 3000 of 4000 MiB is 75 %", () => {
    const shares = gpuSharesOf(
      [
        { pid: 7, gpuUuid: A, usedMemoryMiB: 3000 },
        { pid: 9, gpuUuid: A, usedMemoryMiB: 1000 },
      ],
      new Set([7]),
    );
    assert.deepEqual(shares.get(A), { share: 0.75, rule: "memory", treeProcesses: 1, otherProcesses: 1 });
  });
  it("two processes of the tree on one GPU add up; a GPU held by others only is 0", () => {
    const shares = gpuSharesOf(
      [
        { pid: 7, gpuUuid: A, usedMemoryMiB: 1000 },
        { pid: 8, gpuUuid: A, usedMemoryMiB: 1000 },
        { pid: 9, gpuUuid: A, usedMemoryMiB: 2000 },
        { pid: 9, gpuUuid: B, usedMemoryMiB: 2000 },
      ],
      new Set([7, 8]),
    );
    assert.equal(shares.get(A)?.share, 0.5);
    assert.equal(shares.get(A)?.treeProcesses, 2);
    assert.equal(shares.get(B)?.share, 0);
  });
  it("equally by process when a memory figure is missing, or all are 0", () => {
    const missing = gpuSharesOf(
      [
        { pid: 7, gpuUuid: A, usedMemoryMiB: null },
        { pid: 8, gpuUuid: A, usedMemoryMiB: 500 },
        { pid: 9, gpuUuid: A, usedMemoryMiB: 500 },
      ],
      new Set([7]),
    );
    assert.equal(missing.get(A)?.rule, "processes");
    assert.equal(missing.get(A)?.share, 1 / 3);
    const zero = gpuSharesOf(
      [
        { pid: 7, gpuUuid: A, usedMemoryMiB: 0 },
        { pid: 8, gpuUuid: A, usedMemoryMiB: 0 },
      ],
      new Set([8]),
    );
    assert.deepEqual(zero.get(A), { share: 0.5, rule: "processes", treeProcesses: 1, otherProcesses: 1 });
  });
  it("a GPU no process holds is not in the map (idle)", () => {
    assert.equal(gpuSharesOf([{ pid: 7, gpuUuid: A, usedMemoryMiB: 1 }], new Set([7])).has(B), false);
  });
});

describe("fallbackShareOf", () => {
  it("whole, unless several tasks on the node see the same several GPUs", () => {
    assert.equal(fallbackShareOf(null, null), 1);
    assert.equal(fallbackShareOf(1, 8), 1);
    assert.equal(fallbackShareOf(8, 1), 1); // one GPU per task (bound): each task's own
    assert.equal(fallbackShareOf(8, 8), 1 / 8);
    assert.equal(fallbackShareOf(4, null), 1 / 4); // every GPU watched
  });
});
