import { type PowerModel, powerAtUtilization } from "../../core/power-model.ts";
import type { Reading, SampleTick, Sensor } from "../types.ts";
import { CLOCK_TICKS_PER_S, type MachineTicks, readMachineTicks } from "./proc.ts";
import type { ProcessTree } from "./process-tree.ts";

/** Options of the CPU load model. */
export interface CpuLoadOptions {
  /** Power model of the CPUs the job may use. */
  readonly model: PowerModel;
  /** CPUs the job may use (affinity bounded by cgroup quota). */
  readonly capacityCpus: number;
  /** Label, e.g. "1 × AMD EPYC 7601, 2 of 64 logical CPUs". */
  readonly label: string;
  /** The process tree, read once per tick (shared with the memory sensor). */
  readonly tree: ProcessTree;
  /** Root of /proc. */
  readonly procRoot?: string;
}

const clamp01 = (value: number): number => Math.max(0, Math.min(1, value));

/**
 * CPU power from the engine's power model, driven by the tracked process tree's CPU time over the CPUs it
 * may use: idle + (max − idle) × shape(u), along the CPU architecture's fitted load curve (`model.shape`;
 * linear only for a CPU known by its TDP alone); the whole machine's utilization is kept alongside for the log. CPU time read in one interval
 * beyond what the CPUs could do in it (sampling jitter) is carried into the next, so none is lost.
 */
export const openCpuLoadModel = (options: CpuLoadOptions): Sensor => {
  const procRoot = options.procRoot ?? "/proc";
  let lastMachine: MachineTicks | null = null;
  let treeUtilization: number | null = null;
  let machineUtilization: number | null = null;
  let treeCpuS = 0;
  let pendingTicks = 0;
  const via =
    options.model.shape === undefined
      ? "CPU load model (process tree's utilization, linear)"
      : "CPU load model (process tree's utilization, architecture's load curve)";
  return {
    name: "cpu-load-model",
    sample(tick: SampleTick): Reading[] {
      const reading = options.tree.at(tick.nowMs);
      treeCpuS = reading.cpuS;
      pendingTicks += reading.ticks;
      if (tick.intervalS <= 0) {
        lastMachine = readMachineTicks(procRoot);
        return [];
      }
      const capacityTicks = tick.intervalS * CLOCK_TICKS_PER_S * options.capacityCpus;
      treeUtilization = clamp01(pendingTicks / capacityTicks);
      pendingTicks = Math.max(0, pendingTicks - capacityTicks);
      const powerW = powerAtUtilization(options.model, treeUtilization);
      return [
        {
          component: "cpu",
          key: "cpu:load-model",
          label: options.label,
          powerW,
          energyJ: powerW * tick.intervalS,
          method: "estimated",
          via,
          utilization: treeUtilization,
        },
      ];
    },
    warnings: () => [],
    // The whole machine's utilization is only for the log: read when a record asks for the details.
    details: () => {
      const machine = readMachineTicks(procRoot);
      const previous = lastMachine;
      lastMachine = machine;
      if (machine !== null && previous !== null && machine.total > previous.total)
        machineUtilization = clamp01((machine.busy - previous.busy) / (machine.total - previous.total));
      return {
        cpuTreeUtilization: treeUtilization,
        cpuTreeCpuS: treeCpuS,
        cpuMachineUtilization: machineUtilization,
      };
    },
    close: () => {},
  };
};
