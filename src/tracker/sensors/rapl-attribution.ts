import { formatQuantity } from "../../core/format-number.ts";
import type { Reading, SampleTick, Sensor } from "../types.ts";
import { type MachineTicks, readMachineTicks } from "./proc.ts";
import type { ProcessTree } from "./process-tree.ts";

/** Options of {@link attributeRapl}. */
export interface RaplAttributionOptions {
  /** The whole machine's RAPL readings (package zones as cpu, DRAM zones as memory). */
  readonly rapl: Sensor;
  /** The tracked process tree (its CPU ticks per interval and resident memory). */
  readonly tree: ProcessTree;
  /** Share of the machine's CPUs the job's allocation holds on this node, 0–1 (for its part of the idle time). */
  readonly allocationShare: number;
  /** Whether this tracker reports the node's idle share as allocation idle (local rank 0, or alone). */
  readonly reportsIdle: boolean;
  /** Installed memory, kB (the DRAM energy is split by resident memory over it). */
  readonly memoryTotalKB: number;
  /** Reads the machine's CPU ticks (default /proc/stat). */
  readonly machineTicks?: () => MachineTicks | null;
}

/** How the interval's energy of one zone is split. */
export interface RaplSplit {
  /** The tree's share, 0–1. */
  readonly job: number;
  /** The allocation's idle share, 0–1 (CPU packages only). */
  readonly idle: number;
}

/**
 * The split of a CPU package's energy over an interval: the tree's CPU ticks over all the machine's
 * ticks (busy and idle, every CPU), and the idle ticks × the allocation's share of the CPUs. What is
 * left belongs to the machine's other processes.
 *
 * @example
 * packageSplit({ treeTicks: 50, busyTicks: 80, totalTicks: 200, allocationShare: 1 }) // { job: 0.25, idle: 0.6 }
 */
export const packageSplit = (ticks: {
  readonly treeTicks: number;
  readonly busyTicks: number;
  readonly totalTicks: number;
  readonly allocationShare: number;
}): RaplSplit => {
  if (ticks.totalTicks <= 0) return { job: 0, idle: 0 };
  const job = Math.min(1, Math.max(0, ticks.treeTicks / ticks.totalTicks));
  const idleTicks = Math.max(0, ticks.totalTicks - ticks.busyTicks);
  const idle = Math.min(
    1 - job,
    (idleTicks / ticks.totalTicks) * Math.max(0, Math.min(1, ticks.allocationShare)),
  );
  return { job, idle };
};

/** Running totals of one zone. */
interface ZoneTotals {
  wholeJ: number;
  chargedJ: number;
}

/**
 * RAPL measures the whole machine; this charges the tracked tree its part: a package's energy × the
 * tree's share of the machine's CPU time, a DRAM zone's × the tree's share of the installed memory
 * (labelled measured, attributed). The package's idle share (× the allocation's share of the CPUs) is
 * the allocation's idle energy, reported by one tracker per node.
 */
export const attributeRapl = (options: RaplAttributionOptions): Sensor => {
  const machineTicks = options.machineTicks ?? (() => readMachineTicks());
  let last: MachineTicks | null = null;
  const totals = new Map<string, ZoneTotals>();
  let lastShare = 0;
  return {
    name: "rapl",
    sample(tick: SampleTick): Reading[] {
      const whole = options.rapl.sample(tick);
      const tree = options.tree.at(tick.nowMs);
      const machine = machineTicks();
      const previous = last;
      last = machine;
      if (tick.intervalS <= 0) return [];
      const split =
        machine === null || previous === null
          ? { job: 0, idle: 0 }
          : packageSplit({
              treeTicks: tree.ticks,
              busyTicks: machine.busy - previous.busy,
              totalTicks: machine.total - previous.total,
              allocationShare: options.allocationShare,
            });
      lastShare = split.job;
      const memoryShare = options.memoryTotalKB > 0 ? Math.min(1, tree.rssKB / options.memoryTotalKB) : 0;
      const out: Reading[] = [];
      for (const reading of whole) {
        const cpu = reading.component === "cpu";
        const share = cpu ? split.job : memoryShare;
        const t = totals.get(reading.key) ?? { wholeJ: 0, chargedJ: 0 };
        totals.set(reading.key, t);
        t.wholeJ += reading.energyJ;
        t.chargedJ += reading.energyJ * share;
        const of = cpu ? "the machine's CPU time" : "the installed memory";
        out.push({
          ...reading,
          label: `${reading.label}, attributed: ${formatQuantity(t.wholeJ > 0 ? (t.chargedJ / t.wholeJ) * 100 : 0)} % of ${of}`,
          energyJ: reading.energyJ * share,
          powerW: (reading.energyJ * share) / tick.intervalS,
          via: `RAPL energy counter × the tracked processes' share of ${of} (measured, attributed)`,
        });
        if (cpu && options.reportsIdle && split.idle > 0)
          out.push({
            ...reading,
            key: `idle:${reading.key}`,
            label: `${reading.label}, idle share of the allocation's CPUs`,
            energyJ: reading.energyJ * split.idle,
            powerW: (reading.energyJ * split.idle) / tick.intervalS,
            via: "RAPL energy counter × the idle share of the machine's CPU time × the allocation's share of the CPUs",
            scope: "allocation-idle",
          });
      }
      return out;
    },
    warnings: () => options.rapl.warnings(),
    details: () => ({ ...(options.rapl.details?.() ?? {}), cpuTreeShareOfMachine: lastShare }),
    close: () => options.rapl.close(),
  };
};
