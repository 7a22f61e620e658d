import { type PowerModel, powerAtUtilization } from "../../core/power-model.ts";
import type { Reading, SampleTick, Sensor } from "../types.ts";
import {
  CLOCK_TICKS_PER_S,
  type MachineTicks,
  readMachineTicks,
  type TreeSnapshot,
  treeTicksBetween,
} from "./proc.ts";

/** Options of the CPU load model. */
export interface CpuLoadOptions {
  /** Power model of the CPUs the job may use. */
  readonly model: PowerModel;
  /** CPUs the job may use (affinity bounded by cgroup quota). */
  readonly capacityCpus: number;
  /** Label, e.g. "1 × AMD EPYC 7601, 2 of 64 logical CPUs". */
  readonly label: string;
  /** The process tree, read once per tick (shared with the memory sensor). */
  readonly treeAt: (nowMs: number) => TreeSnapshot;
  /** Root of /proc. */
  readonly procRoot?: string;
}

const clamp01 = (value: number): number => Math.max(0, Math.min(1, value));

/**
 * CPU power from the engine's power model, driven by the tracked process tree's CPU time over the CPUs it
 * may use; the whole machine's utilization is kept alongside for the log.
 */
export const openCpuLoadModel = (options: CpuLoadOptions): Sensor => {
  const procRoot = options.procRoot ?? "/proc";
  let lastTree: TreeSnapshot | null = null;
  let lastMachine: MachineTicks | null = null;
  let treeUtilization: number | null = null;
  let machineUtilization: number | null = null;
  return {
    name: "cpu-load-model",
    sample(tick: SampleTick): Reading[] {
      const tree = options.treeAt(tick.nowMs);
      const machine = readMachineTicks(procRoot);
      const previousTree = lastTree;
      const previousMachine = lastMachine;
      lastTree = tree;
      lastMachine = machine;
      if (previousTree === null || tick.intervalS <= 0) return [];
      const ticks = treeTicksBetween(previousTree, tree);
      treeUtilization = clamp01(ticks / (tick.intervalS * CLOCK_TICKS_PER_S * options.capacityCpus));
      if (machine !== null && previousMachine !== null && machine.total > previousMachine.total) {
        machineUtilization = clamp01(
          (machine.busy - previousMachine.busy) / (machine.total - previousMachine.total),
        );
      }
      const powerW = powerAtUtilization(options.model, treeUtilization);
      return [
        {
          component: "cpu",
          key: "cpu:load-model",
          label: options.label,
          powerW,
          energyJ: powerW * tick.intervalS,
          method: "estimated",
          via: "CPU load model (process tree's utilization)",
          utilization: treeUtilization,
        },
      ];
    },
    warnings: () => [],
    details: () => ({ cpuTreeUtilization: treeUtilization, cpuMachineUtilization: machineUtilization }),
    close: () => {},
  };
};
