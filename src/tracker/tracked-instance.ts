// The cloud instance type a tracked job runs on (`--instance`, else what DMI names), resolved against the
// catalog to what it is made of: GPUs, vCPUs of which CPU, memory (pure).
import { type InstanceParts, instancePartsOf } from "../core/estimate/instance.ts";
import type { Dataset } from "../core/types.ts";
import type { InstanceType } from "../data/types.ts";
import type { InstanceCpu } from "./cpu-plan.ts";
import type { CloudHost } from "./sensors/cloud-host.ts";

/** Where the instance type came from: the `--instance` flag, or the machine's DMI strings. */
export type InstanceFrom = "flag" | "dmi";

/** An instance type the tracker uses as the hardware description where it measures nothing. */
export interface TrackedInstance {
  /** "provider:type" as the catalog spells it, e.g. "aws:p4d.24xlarge". */
  readonly name: string;
  /** Where it came from. */
  readonly from: InstanceFrom;
  /** Its parts from the catalog (accelerators, CPU, packages, memory in GB). */
  readonly parts: InstanceParts;
  /** A GPU instance of the provider's largest size: it holds its whole host, all CPU packages included. */
  readonly wholeHost: boolean;
  /** A virtual machine (every type but EC2's `.metal`). */
  readonly virtualMachine: boolean;
}

/**
 * The tracked instance of a catalog type.
 *
 * @example
 * trackedInstanceOf(dataset, findInstance(dataset, "aws:p4d.24xlarge").value, "flag")
 * // { name: "aws:p4d.24xlarge", from: "flag", wholeHost: true, virtualMachine: true, parts: { accelerators: 8, packages: 2, … } }
 */
export const trackedInstanceOf = (
  dataset: Dataset,
  type: InstanceType,
  from: InstanceFrom,
): TrackedInstance => {
  const parts = instancePartsOf(dataset, type);
  return {
    name: parts.name,
    from,
    parts,
    wholeHost: parts.accelerators > 0 && parts.accelerators === parts.hostAccelerators,
    virtualMachine: !type.id.toLowerCase().endsWith(".metal"),
  };
};

/** How it came, for messages: "--instance" or "instance type read from DMI". */
export const instanceOrigin = (instance: TrackedInstance): string =>
  instance.from === "flag" ? "--instance" : "instance type read from DMI";

/** What the CPU load model needs of it. */
export const instanceCpuOf = (instance: TrackedInstance): InstanceCpu => ({
  instance: instance.name,
  origin: instanceOrigin(instance),
  vcpus: instance.parts.type.vcpus,
  wholeHost: instance.wholeHost,
  ...(instance.parts.type.cpu === undefined ? {} : { cpu: instance.parts.type.cpu }),
});

/**
 * The warning when `--instance` and DMI disagree (another type, or another provider), else null: the
 * flag is used, said once.
 */
export const instanceMismatchOf = (flag: TrackedInstance, cloud: CloudHost): string | null => {
  const provider = flag.parts.type.provider;
  if (cloud.instanceType !== null) {
    const dmiName = `${cloud.provider}:${cloud.instanceType}`;
    if (dmiName.toLowerCase() === flag.name.toLowerCase()) return null;
    return `--instance ${flag.name} is used, but DMI names this machine ${dmiName} (product_name): check the flag.`;
  }
  if (cloud.provider !== null && cloud.provider !== provider)
    return `--instance ${flag.name} is used, but DMI shows a ${cloud.provider} machine, not ${provider}: check the flag.`;
  return null;
};

/** The instance as the log's start line records it (null without one). */
export const instanceRecordOf = (
  instance: TrackedInstance | null,
): Readonly<Record<string, unknown>> | null => {
  if (instance === null) return null;
  const { parts } = instance;
  return {
    name: instance.name,
    from: instance.from,
    vcpus: parts.type.vcpus,
    cpu: parts.cpu?.name ?? parts.type.cpuFamily,
    cpuPackages: parts.packages,
    memoryGB: parts.memoryGB,
    accelerators:
      parts.accelerators === 0
        ? null
        : {
            hardware: parts.accelerator?.name ?? parts.type.accelerators?.hardware,
            count: parts.accelerators,
          },
    wholeHost: instance.wholeHost,
    source: parts.type.source,
  };
};
