// The accelerators of an instance type, modelled where no tool measures them (no nvidia-smi on PATH, no
// amd-smi/rocm-smi, or a part no tool here reads: Trainium, Inferentia, TPU). Pure: whether the tools are
// there is passed in.
import { powerAtUtilization, powerModelOf } from "../core/power-model.ts";
import type { Dataset, Factor } from "../core/types.ts";
import type { TrackedInstance } from "./tracked-instance.ts";
import { instanceOrigin } from "./tracked-instance.ts";
import type { Reading, SampleTick, Sensor } from "./types.ts";

/** The tool that measures a vendor's GPUs, for the messages; null: none the tracker runs. */
const TOOL_OF: Readonly<Record<string, string>> = { NVIDIA: "nvidia-smi", AMD: "amd-smi or rocm-smi" };

/** What the tracker knows about the GPUs it could measure. */
export interface GpuTools {
  /** Whether the measuring tool of the vendor is on PATH. */
  readonly measures: (vendor: string) => boolean;
  /** GPUs asked for (`--gpus`, CUDA_VISIBLE_DEVICES), undefined: all; [] none. */
  readonly gpus: readonly string[] | undefined;
  /** Tasks of a distributed run on this node (each is charged 1/localSize of each GPU), null when unknown. */
  readonly localSize: number | null;
}

/** The modelled GPUs: how many, at what power each, and why. */
export interface InstanceGpuPlan {
  /** Catalog name of the accelerator, e.g. "NVIDIA A100 SXM4 40GB". */
  readonly name: string;
  /** Accelerators charged. */
  readonly count: number;
  /** Power charged per accelerator, W (its power at the estimator's default utilization × the task's share). */
  readonly powerW: number;
  /** How, for each reading. */
  readonly via: string;
  /** Factors behind the power. */
  readonly factors: readonly Factor[];
  /** What the user should know. */
  readonly warnings: readonly string[];
}

/**
 * The instance's accelerators to model, or null when it has none, none are asked for, or a tool measures
 * them. Each is charged its power at the estimator's default utilization (its TDP: 1, as `mlco2 estimate`
 * does) for the whole run, × 1/localSize when several tasks of a run share the node's GPUs.
 *
 * @example
 * instanceGpuPlanOf(dataset, p4d, { measures: () => false, gpus: undefined, localSize: null })
 * // { name: "NVIDIA A100 SXM4 40GB", count: 8, powerW: 400, … }
 */
export const instanceGpuPlanOf = (
  dataset: Dataset,
  instance: TrackedInstance,
  tools: GpuTools,
): InstanceGpuPlan | null => {
  const { accelerator, accelerators } = instance.parts;
  if (accelerator === null || accelerators === 0) return null;
  if (tools.gpus !== undefined && tools.gpus.length === 0) return null;
  const tool = TOOL_OF[accelerator.vendor] ?? null;
  if (tool !== null && tools.measures(accelerator.vendor)) return null;
  const count = Math.min(accelerators, tools.gpus?.length ?? accelerators);
  const share =
    tools.gpus === undefined && tools.localSize !== null && tools.localSize > 1 ? 1 / tools.localSize : 1;
  const utilization = dataset.defaults.defaultUtilization;
  const model = powerModelOf(accelerator, dataset.defaults.idleFractionByKind);
  const powerW = powerAtUtilization(model, utilization.value) * share;
  const source = dataset.sources.get(accelerator.source) ?? null;
  const why = tool === null ? "no tool here measures them" : `${tool} is not on PATH`;
  const factors: Factor[] = [
    {
      name: `accelerator TDP (${accelerator.name})`,
      value: accelerator.tdpW,
      unit: "W",
      kind: "published",
      source,
      year: source?.year ?? null,
      note: `${count} of ${instance.name}'s ${accelerators} (${instanceOrigin(instance)}), not measured: ${why}`,
    },
    {
      name: "accelerator utilization (assumed)",
      value: utilization.value,
      unit: "",
      kind: "default",
      source: dataset.sources.get(utilization.source) ?? null,
      year: utilization.year,
      note: `${utilization.note ?? "the estimator's default"}${share === 1 ? "" : `; × 1/${tools.localSize} for ${tools.localSize} tasks on this node`}`,
    },
  ];
  return {
    name: accelerator.name,
    count,
    powerW,
    via: `modelled: ${instance.name}'s ${accelerator.name} at ${utilization.value * 100} % utilization (no measurement)`,
    factors,
    warnings: [
      `GPUs not measured (${why}): ${count} × ${accelerator.name} of ${instance.name} (${instanceOrigin(instance)}) charged ${Number(powerW.toFixed(1))} W each for the whole run, the estimator's default utilization ${utilization.value}; install ${tool ?? "a measuring tool"} or pass --gpus none if the job uses none.`,
    ],
  };
};

/** A sensor that reads the planned accelerators at their modelled power, one reading per accelerator. */
export const openInstanceGpuModel = (plan: InstanceGpuPlan): Sensor => ({
  name: "instance-gpu-model",
  sample(tick: SampleTick): Reading[] {
    if (tick.intervalS <= 0) return [];
    return Array.from({ length: plan.count }, (_, i) => ({
      component: "gpu" as const,
      key: `gpu:model:${i}`,
      label: `GPU ${i} ${plan.name}`,
      powerW: plan.powerW,
      energyJ: plan.powerW * tick.intervalS,
      method: "estimated" as const,
      via: plan.via,
    }));
  },
  warnings: () => [],
  close: () => {},
});
