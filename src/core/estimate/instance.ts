import type { HardwareEntry, InstanceType } from "../../data/types.ts";
import { findHardware, indexOf, remember } from "../dataset-index.ts";
import type { Problem } from "../errors.ts";
import { findInstance, instanceNameOf } from "../find-instance.ts";
import { INPUT_LIMITS } from "../input-limits.ts";
import { conflict, outOfRange } from "../problems.ts";
import type { Dataset, EstimateInput } from "../types.ts";

/** GiB in GB: AWS and Azure list memory in GiB, the engine counts GB. */
const GB_PER_GIB = 1.073741824;

/** What one instance type is made of, resolved against the catalog (the same for every job). */
export interface InstanceParts {
  /** "provider:type" as the catalog spells it. */
  readonly name: string;
  /** The catalog record. */
  readonly type: InstanceType;
  /** Its accelerator, or null for a CPU instance. */
  readonly accelerator: HardwareEntry | null;
  /** Accelerators per instance (0 for a CPU instance). */
  readonly accelerators: number;
  /** Its host CPU from the catalog, or null when the provider names a part the catalog lacks. */
  readonly cpu: HardwareEntry | null;
  /**
   * CPU packages one instance holds: its vCPUs over the package's threads, at least a server's CPUs when
   * it is its whole host (a GPU instance of the largest size); null without a catalog CPU and threads.
   */
  readonly packages: number | null;
  /** Memory of one instance, GB (GiB converted for AWS and Azure). */
  readonly memoryGB: number;
  /** Accelerators of the whole host: the largest size of the provider with the same accelerator. */
  readonly hostAccelerators: number;
  /** vCPUs of the whole host: the largest size of the provider with the same CPU. */
  readonly hostVcpus: number;
}

/** An instance-type job: the type's parts and how many instances ran. */
export interface InstanceJob extends InstanceParts {
  /** Instances (`count`, default 1). */
  readonly count: number;
}

const largest = (dataset: Dataset, type: InstanceType, read: (i: InstanceType) => number | null): number => {
  let most = 0;
  for (const other of dataset.instances) {
    const value = other.provider === type.provider ? read(other) : null;
    if (value !== null && value > most) most = value;
  }
  return most;
};

const partsOf = (dataset: Dataset, type: InstanceType): InstanceParts => {
  const accelerator =
    type.accelerators === undefined ? null : (findHardware(dataset, type.accelerators.hardware) ?? null);
  const cpu = type.cpu === undefined ? null : (findHardware(dataset, type.cpu) ?? null);
  const threads = cpu?.threads ?? cpu?.cores;
  const hardware = type.accelerators?.hardware;
  const accelerators = type.accelerators?.count ?? 0;
  const hostAccelerators = largest(dataset, type, (i) =>
    i.accelerators !== undefined && i.accelerators.hardware === hardware ? i.accelerators.count : null,
  );
  // A GPU instance that is its whole host holds all of the host's packages, though providers reserve
  // cores or turn SMT off (Azure's ND H100 v5 shows 96 of 2 × 112 threads): at least a server's CPUs.
  const wholeHost = accelerators > 0 && accelerators === hostAccelerators;
  const share = threads === undefined ? null : type.vcpus / threads;
  return {
    name: instanceNameOf(type),
    type,
    accelerator,
    accelerators,
    cpu,
    packages: share === null || !wholeHost ? share : Math.max(share, dataset.embodied.cpusPerServer.value),
    memoryGB: type.provider === "gcp" ? type.memoryGB : type.memoryGB * GB_PER_GIB,
    hostAccelerators,
    hostVcpus: largest(dataset, type, (i) => (i.cpuFamily === type.cpuFamily ? i.vcpus : null)),
  };
};

/** The parts of an instance type (memoised per dataset: immutable). */
export const instancePartsOf = (dataset: Dataset, type: InstanceType): InstanceParts =>
  remember(indexOf(dataset).memos.constants, "instance", type, () => partsOf(dataset, type));

/** Inputs an instance type already says, which cannot be given beside it. */
const SAID_BY_INSTANCE = ["hardware", "watts", "cpu", "cpuCount", "memoryGB"] as const;

/** A region's provider differing from the instance's, as a problem (null when they agree or cannot be told). */
const regionConflict = (dataset: Dataset, input: EstimateInput, parts: InstanceParts): Problem | null => {
  if (input.region === undefined) return null;
  const colon = input.region.indexOf(":");
  if (colon < 0) return null;
  const provider = indexOf(dataset).providerByKey.get(input.region.slice(0, colon).trim().toLowerCase());
  if (provider === undefined || provider.id === parts.type.provider) return null;
  const own = indexOf(dataset).providerByKey.get(parts.type.provider)?.name ?? parts.type.provider;
  return conflict(
    "instance",
    ["region"],
    `: ${parts.name} is an instance type of ${own}, ${input.region.trim()} a region of ${provider.name}; give a region of ${own}, or the country or grid zone where it ran`,
  );
};

/**
 * Stage 2a: the instance type the input names, with its count, pushing problems (unknown type, inputs
 * it already says, a region of another provider, too many devices) onto `problems`; null without one.
 *
 * @example
 * instanceJobOf(dataset, { instance: "aws:p4d.24xlarge", count: 2 }, []) // { accelerators: 8, count: 2, packages: 2, … }
 */
export const instanceJobOf = (
  dataset: Dataset,
  input: EstimateInput,
  problems: Problem[],
): InstanceJob | null => {
  if (input.instance === undefined) return null;
  for (const field of SAID_BY_INSTANCE) {
    if (input[field] !== undefined)
      problems.push(conflict(field, ["instance"], " (the instance type says what it is made of)"));
  }
  const found = findInstance(dataset, input.instance);
  if (!found.ok) {
    problems.push(...found.problems);
    return null;
  }
  const parts = instancePartsOf(dataset, found.value);
  const clash = regionConflict(dataset, input, parts);
  if (clash !== null) problems.push(clash);
  if (parts.accelerators === 0 && input.utilization !== undefined)
    problems.push(
      conflict("utilization", ["instance"], ` of CPUs only (${parts.name}): give its cpuUtilization`),
    );
  const count = input.count ?? 1;
  const devices = count * Math.max(1, parts.accelerators);
  if (Number.isInteger(count) && devices > INPUT_LIMITS.count.max)
    problems.push(
      outOfRange(
        "count",
        count,
        `fewer instances: ${count} × ${parts.accelerators} accelerators is beyond ${INPUT_LIMITS.count.max} devices`,
      ),
    );
  return { ...parts, count };
};
