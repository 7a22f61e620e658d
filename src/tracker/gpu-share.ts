// Which share of each GPU a tracked process tree is charged (pure). The rule, in docs/tracker.md:
// a GPU is split between the processes on it by their GPU memory (nvidia-smi's used_memory); when any
// of them has no memory figure, equally by process. A GPU no process holds is idle.
import type { ComputeApp } from "./sensors/gpu-apps.ts";

/** How a GPU was split. */
export type GpuShareRule = "memory" | "processes";

/** The tree's part of one GPU. */
export interface GpuShare {
  /** Share of the GPU's energy charged to the tree, 0–1. */
  readonly share: number;
  /** How it was split. */
  readonly rule: GpuShareRule;
  /** Processes of the tree on the GPU. */
  readonly treeProcesses: number;
  /** Other processes on it (other ranks, other jobs). */
  readonly otherProcesses: number;
}

/**
 * Each GPU that some process holds, by UUID, with the tree's share of it: the tree's GPU memory over
 * all the processes' memory on it; equally by process when a memory figure is missing or all are 0.
 *
 * @example
 * gpuSharesOf([{ pid: 7, gpuUuid: "GPU-a", usedMemoryMiB: 3000 }, { pid: 9, gpuUuid: "GPU-a", usedMemoryMiB: 1000 }], new Set([7]))
 * // Map { "GPU-a" => { share: 0.75, rule: "memory", treeProcesses: 1, otherProcesses: 1 } }
 */
export const gpuSharesOf = (
  apps: readonly ComputeApp[],
  treePids: ReadonlySet<number>,
): Map<string, GpuShare> => {
  const byGpu = new Map<string, ComputeApp[]>();
  for (const app of apps) byGpu.set(app.gpuUuid, [...(byGpu.get(app.gpuUuid) ?? []), app]);
  const shares = new Map<string, GpuShare>();
  for (const [uuid, onGpu] of byGpu) {
    const mine = onGpu.filter((a) => treePids.has(a.pid));
    const memoryKnown = onGpu.every((a) => a.usedMemoryMiB !== null);
    const totalMiB = onGpu.reduce((sum, a) => sum + (a.usedMemoryMiB ?? 0), 0);
    const byMemory = memoryKnown && totalMiB > 0;
    const share = byMemory
      ? mine.reduce((sum, a) => sum + (a.usedMemoryMiB ?? 0), 0) / totalMiB
      : mine.length / onGpu.length;
    shares.set(uuid, {
      share,
      rule: byMemory ? "memory" : "processes",
      treeProcesses: mine.length,
      otherProcesses: onGpu.length - mine.length,
    });
  }
  return shares;
};

/**
 * The share of each watched GPU charged to one tracker when nvidia-smi cannot say which processes hold
 * which GPU (an old driver, a container with its own PID namespace): the whole GPU, except when the
 * launcher says `localSize` > 1 tasks run on this node and this tracker sees more than one GPU (or all
 * of them): then the node's tasks are taken to share what they see, 1/localSize each.
 */
export const fallbackShareOf = (localSize: number | null, visibleGpus: number | null): number =>
  localSize !== null && localSize > 1 && (visibleGpus === null || visibleGpus > 1) ? 1 / localSize : 1;
