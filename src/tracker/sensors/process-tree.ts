import { CLOCK_TICKS_PER_S, childrenOf, type ProcessStat, parentsByPid, readPidStat } from "./proc.ts";
import { TreeCpuAccount } from "./tree-cpu.ts";

/** The tracked tree over one interval. */
export interface TreeReading {
  /** CPU ticks the tree used since the previous reading, each process counted once. */
  readonly ticks: number;
  /** CPU seconds the tree has used since tracking began. */
  readonly cpuS: number;
  /** Sum of resident set sizes now, kB (pages shared between processes counted once per process). */
  readonly rssKB: number;
  /** Pids of the tree's live processes now (those re-parented out of it included). */
  readonly pids: ReadonlySet<number>;
}

/** Options of {@link watchProcessTree}. */
export interface ProcessTreeOptions {
  /** Root pid. */
  readonly rootPid: number;
  /** Root of procfs (default /proc). */
  readonly procRoot?: string;
  /** CPUs the tree may use at most (bounds the time attributed after the root ends). */
  readonly maxCpus: number;
  /**
   * cutime + cstime of this process, read when the root was spawned as its child (see
   * {@link readSelfReapedTicks}): the root's CPU time is then counted from 0 and up to its very end.
   */
  readonly selfReapedAtStart?: number;
  /** When the root was started, on the monotonic clock (default: now). */
  readonly startMs?: number;
  /** Monotonic clock, ms (default performance.now). */
  readonly now?: () => number;
}

/** The process tree, read once per tick and shared by the CPU and memory sensors. */
export interface ProcessTree {
  /** The reading at `nowMs` (read once per distinct `nowMs`). */
  at(nowMs: number): TreeReading;
}

/**
 * cutime + cstime of this process: the CPU time of the children it has reaped, in clock ticks (null
 * where /proc cannot be read). Read it just before spawning a command to track, and pass it on.
 *
 * @example
 * const selfReapedTicks = readSelfReapedTicks();
 * const child = spawn("python", ["train.py"], { stdio: "inherit" });
 * prepareTracking({ country: "FR" }).start({ pid: child.pid, selfReapedTicks, startMs: performance.now() });
 */
export const readSelfReapedTicks = (procRoot = "/proc"): number | null =>
  readPidStat("self", procRoot)?.reapedTicks ?? null;

/** Page size in kB: this process's resident bytes over its resident pages, to the nearest power of two. */
const pageKBOf = (procRoot: string): number => {
  const pages = readPidStat("self", procRoot)?.rssPages ?? 0;
  const bytes = process.memoryUsage.rss();
  if (pages <= 0) return 4;
  return Math.max(4, 2 ** Math.round(Math.log2(bytes / pages / 1024)));
};

/** Every live process of the trees rooted at `roots`, by children files, else by parent links. */
const walk = (roots: readonly number[], procRoot: string): Map<number, ProcessStat> => {
  const processes = new Map<number, ProcessStat>();
  const queue = [...roots];
  for (let i = 0; i < queue.length; i++) {
    const pid = queue[i] as number;
    if (processes.has(pid)) continue;
    const stat = readPidStat(pid, procRoot);
    if (stat === null) continue;
    processes.set(pid, stat);
    const children = childrenOf(procRoot, pid, stat.threads);
    if (children === null) return walkByParents(roots, procRoot);
    for (const child of children) queue.push(child);
  }
  return processes;
};

/** The same walk through every process's parent link (kernels without children files). */
const walkByParents = (roots: readonly number[], procRoot: string): Map<number, ProcessStat> => {
  const parentOf = parentsByPid(procRoot);
  const childrenByParent = new Map<number, number[]>();
  for (const [pid, ppid] of parentOf)
    childrenByParent.set(ppid, [...(childrenByParent.get(ppid) ?? []), pid]);
  const processes = new Map<number, ProcessStat>();
  const queue = roots.filter((pid) => parentOf.has(pid));
  for (let i = 0; i < queue.length; i++) {
    const pid = queue[i] as number;
    const stat = processes.has(pid) ? null : readPidStat(pid, procRoot);
    if (stat === null) continue;
    processes.set(pid, stat);
    queue.push(...(childrenByParent.get(pid) ?? []));
  }
  return processes;
};

/**
 * Watches the process tree rooted at `rootPid`. A process that leaves the tree alive (its parent ended
 * and it was re-parented) stays watched until it ends: it is still the job's work.
 */
export const watchProcessTree = (options: ProcessTreeOptions): ProcessTree => {
  const procRoot = options.procRoot ?? "/proc";
  const now = options.now ?? (() => performance.now());
  const account = new TreeCpuAccount({
    rootPid: options.rootPid,
    fromStart: options.selfReapedAtStart !== undefined,
    ...(options.selfReapedAtStart === undefined ? {} : { selfReapedAtStart: options.selfReapedAtStart }),
  });
  const pageKB = pageKBOf(procRoot);
  let known = new Map<number, ProcessStat>();
  /** Processes of the job re-parented out of the tree, with their start times. */
  const adopted = new Map<number, number>();
  let lastMs = options.startMs ?? now();
  let cpuTicks = 0;
  let cached: { atMs: number; reading: TreeReading } | null = null;
  const read = (): TreeReading => {
    const processes = walk([options.rootPid], procRoot);
    for (const [pid, startTicks] of adopted) {
      if (processes.has(pid)) continue;
      if (readPidStat(pid, procRoot)?.startTicks !== startTicks) adopted.delete(pid);
      else for (const [p, s] of walk([pid], procRoot)) processes.set(p, s);
    }
    // A process read before but not reached now has ended, or was re-parented: then it stays watched.
    for (const [pid, stat] of known) {
      if (processes.has(pid) || pid === options.rootPid) continue;
      const again = readPidStat(pid, procRoot);
      if (again === null || again.startTicks !== stat.startTicks) continue;
      adopted.set(pid, stat.startTicks);
      for (const [p, s] of walk([pid], procRoot)) processes.set(p, s);
    }
    const nowMs = now();
    const elapsedS = Math.max(0, nowMs - lastMs) / 1000;
    lastMs = nowMs;
    const ticks = account.update(processes, {
      selfReapedTicks: options.selfReapedAtStart === undefined ? null : readSelfReapedTicks(procRoot),
      maxTicks: Math.ceil(elapsedS * CLOCK_TICKS_PER_S * options.maxCpus) + 1,
    });
    known = processes;
    cpuTicks += ticks;
    let rssKB = 0;
    for (const stat of processes.values()) rssKB += stat.rssPages * pageKB;
    return { ticks, cpuS: cpuTicks / CLOCK_TICKS_PER_S, rssKB, pids: new Set(processes.keys()) };
  };
  return {
    at(nowMs) {
      if (cached === null || cached.atMs !== nowMs) cached = { atMs: nowMs, reading: read() };
      return cached.reading;
    },
  };
};
