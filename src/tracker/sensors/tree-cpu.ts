import type { ProcessStat } from "./proc.ts";

/** What the account remembers of a process: its last stat and what it still owes. */
interface Known {
  /** The last stat read. */
  readonly stat: ProcessStat;
  /**
   * Ticks already counted for children that have ended but are not yet seen in `reapedTicks`: when the
   * process reaps them, that much of the growth of its reaped time was counted before.
   */
  readonly debt: number;
}

/** What one update is told besides the processes. */
export interface TreeCpuContext {
  /**
   * cutime + cstime of the tracker itself now, when the root is the tracker's own child (the kernel adds
   * the root's whole CPU time there when the tracker reaps it); null otherwise.
   */
  readonly selfReapedTicks: number | null;
  /** Most ticks the tree can have used since the previous update (elapsed time × CPUs), a bound on remainders. */
  readonly maxTicks: number;
}

/** Options of {@link TreeCpuAccount}. */
export interface TreeCpuOptions {
  /** Pid of the tracked tree's root. */
  readonly rootPid: number;
  /**
   * The root was started for this run (the tracked command): count every tick of it from 0, and, when
   * `selfReapedAtStart` is given, the remainder of its time after the last look when it is reaped.
   * Otherwise the first update is a baseline and counts nothing.
   */
  readonly fromStart: boolean;
  /** cutime + cstime of the tracker when the root was started, if the root is its child. */
  readonly selfReapedAtStart?: number;
}

const totalOf = (stat: ProcessStat): number => stat.ownTicks + stat.reapedTicks;

/**
 * CPU time of a process tree, each process counted once.
 *
 * A live process's own time (utime + stime) is counted as it grows. When a child ends and its parent
 * reaps it, the kernel adds the child's whole time (its own and that of the children it reaped) to the
 * parent's cutime + cstime: of that growth only the part not already counted while the child lived is
 * new. So what was counted for an ended process is remembered as a debt of its nearest live ancestor and
 * paid out of that ancestor's reaped time. A root that is the tracker's own child is settled the same way
 * against the tracker's own reaped time, which gives its last partial interval.
 *
 * @example
 * const account = new TreeCpuAccount({ rootPid: child.pid, fromStart: true, selfReapedAtStart: 0 });
 * const ticks = account.update(processes, { selfReapedTicks, maxTicks }); // ticks since the last update
 */
export class TreeCpuAccount {
  readonly #options: TreeCpuOptions;
  #known = new Map<number, Known>();
  #first = true;
  #rootEnded = false;
  #selfReaped: number | null;

  constructor(options: TreeCpuOptions) {
    this.#options = options;
    this.#selfReaped = options.selfReapedAtStart ?? null;
  }

  /** Whether the root has been seen to end. */
  get rootEnded(): boolean {
    return this.#rootEnded;
  }

  /** Ticks used by the tree since the previous update, given every live process of it now. */
  update(processes: ReadonlyMap<number, ProcessStat>, context: TreeCpuContext): number {
    const countNew = !this.#first || this.#options.fromStart;
    this.#first = false;
    // First what ended: what was counted for it becomes a debt of the process that reaps it.
    const debts = new Map<number, number>();
    let selfDebt = 0;
    for (const [pid, known] of this.#known) {
      if (processes.get(pid)?.startTicks === known.stat.startTicks) continue;
      const accounted = totalOf(known.stat) + known.debt;
      const heir = this.#heirOf(pid, processes);
      if (heir === "self") selfDebt += accounted;
      else if (heir !== null) debts.set(heir, (debts.get(heir) ?? 0) + accounted);
    }
    // Then the live: their own time as it grows, and the part of their reaped time not counted before.
    const next = new Map<number, Known>();
    let ticks = 0;
    for (const [pid, stat] of processes) {
      const known = this.#known.get(pid);
      const owed = debts.get(pid) ?? 0;
      if (known === undefined || known.stat.startTicks !== stat.startTicks) {
        if (countNew) ticks += totalOf(stat);
        next.set(pid, { stat, debt: owed });
        continue;
      }
      const own = Math.max(0, stat.ownTicks - known.stat.ownTicks);
      const reaped = Math.max(0, stat.reapedTicks - known.stat.reapedTicks);
      const debt = known.debt + owed;
      const paid = Math.min(debt, reaped);
      ticks += own + reaped - paid;
      next.set(pid, { stat, debt: debt - paid });
    }
    const selfReaped = context.selfReapedTicks;
    if (!this.#rootEnded && !processes.has(this.#options.rootPid)) {
      this.#rootEnded = true;
      if (selfReaped !== null && this.#selfReaped !== null && this.#options.selfReapedAtStart !== undefined) {
        const remainder = selfReaped - this.#selfReaped - selfDebt;
        ticks += Math.min(Math.max(0, remainder), context.maxTicks);
      }
    }
    this.#selfReaped = selfReaped;
    this.#known = next;
    return ticks;
  }

  /** The live process whose reaped time an ended one's time lands in: its nearest live ancestor, or the tracker. */
  #heirOf(pid: number, live: ReadonlyMap<number, ProcessStat>): number | "self" | null {
    let current = pid;
    for (let depth = 0; depth < 4096; depth++) {
      if (current === this.#options.rootPid) return "self";
      const parent = this.#known.get(current)?.stat.ppid;
      if (parent === undefined) return null;
      if (live.has(parent)) return parent;
      current = parent;
    }
    return null;
  }
}
