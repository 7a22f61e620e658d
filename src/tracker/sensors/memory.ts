import { join } from "node:path";
import type { Reading, SampleTick, Sensor } from "../types.ts";
import { readProcText } from "./proc.ts";
import type { ProcessTree } from "./process-tree.ts";

/** Options of the memory model. */
export interface MemoryModelOptions {
  /** Watts per GB of resident memory (Green Algorithms' 0.3725 W/GB in the bundled dataset). */
  readonly wattsPerGB: number;
  /** The process tree, read once per tick. */
  readonly tree: ProcessTree;
  /** Root of /proc. */
  readonly procRoot?: string;
}

/** Memory in use on the whole machine (MemTotal − MemAvailable), GB, from /proc/meminfo text. */
export const parseMachineUsedGB = (text: string): number | null => {
  const kB = (name: string): number | null => {
    const at = text.indexOf(`${name}:`);
    if (at < 0) return null;
    const value = Number.parseInt(text.slice(at + name.length + 1, text.indexOf("\n", at)).trim(), 10);
    return Number.isFinite(value) ? value : null;
  };
  const total = kB("MemTotal");
  const available = kB("MemAvailable");
  return total === null || available === null ? null : ((total - available) * 1024) / 1e9;
};

/**
 * Memory power scaled to what the job holds: W/GB × the process tree's resident memory, per interval.
 * No fixed floor, so a small job is charged for the little memory it uses.
 */
export const openMemoryModel = (options: MemoryModelOptions): Sensor => {
  const procRoot = options.procRoot ?? "/proc";
  let usedGB = 0;
  let peakGB = 0;
  return {
    name: "memory-model",
    sample(tick: SampleTick): Reading[] {
      usedGB = (options.tree.at(tick.nowMs).rssKB * 1024) / 1e9;
      peakGB = Math.max(peakGB, usedGB);
      if (tick.intervalS <= 0) return [];
      const powerW = usedGB * options.wattsPerGB;
      return [
        {
          component: "memory",
          key: "memory:model",
          label: `memory (peak ${peakGB >= 1 ? `${peakGB.toFixed(2)} GB` : `${(peakGB * 1000).toFixed(1)} MB`} resident)`,
          powerW,
          energyJ: powerW * tick.intervalS,
          method: "estimated",
          via: `${options.wattsPerGB} W/GB × the process tree's resident memory`,
        },
      ];
    },
    warnings: () => [],
    // The whole machine's memory is only for the log: read when a record asks for the details.
    details: () => {
      const meminfo = readProcText(join(procRoot, "meminfo"));
      return {
        memoryUsedGB: usedGB,
        memoryMachineUsedGB: meminfo === null ? null : parseMachineUsedGB(meminfo),
      };
    },
    close: () => {},
  };
};
