import type { HardwareEntry } from "../../data/types.ts";
import { findHardware, indexOf } from "../dataset-index.ts";
import type { Problem } from "../errors.ts";
import { cpuModelName } from "../normalize-name.ts";
import { conflict, required, unknownName, wrongKind } from "../problems.ts";
import { closestNames } from "../suggest.ts";
import type { Dataset, EstimateInput } from "../types.ts";
import { type InstanceJob, instanceJobOf } from "./instance.ts";

/** What ran: the catalog device (none when only watts were given), the host CPU entry, the instance type. */
export interface ResolvedHardware {
  /** The device, when `hardware` names one (an instance's accelerator is in `instance`). */
  readonly entry: HardwareEntry | undefined;
  /** The host CPU, when `cpu` names a catalog entry (null for a TDP or no CPU). */
  readonly cpuEntry: HardwareEntry | null;
  /** The instance type and its count, when `instance` names one. */
  readonly instance: InstanceJob | null;
}

/** Words of a CPU model string that name a maker, family or hypervisor, never a model. */
const NO_MODEL_WORDS = new Set([
  "amd",
  "intel",
  "epyc",
  "xeon",
  "core",
  "ryzen",
  "opteron",
  "pentium",
  "celeron",
  "atom",
  "genuine",
  "qemu",
  "kvm",
  "virtual",
  "common",
  "version",
]);

/**
 * Whether a `/proc/cpuinfo` model string names a family but no model, as many virtual machines print
 * it ("AMD EPYC", "Intel(R) Xeon(R) CPU @ 2.20GHz", "Intel Xeon Processor (Icelake)", "QEMU Virtual CPU
 * version 2.5+").
 *
 * @example
 * namesNoModel("Intel(R) Xeon(R) CPU @ 2.20GHz") // true
 * namesNoModel("AMD EPYC 7B13") // false
 */
export const namesNoModel = (query: string): boolean => {
  const words = (cpuModelName(query) ?? query)
    .replace(/\([^)]*\)/g, " ")
    .toLowerCase()
    .split(/[^a-z0-9.+]+/)
    .filter((w) => w !== "" && !/^\d+(\.\d+)+\+?$|^\d+\+$/.test(w)); // versions such as "2.5+", not model numbers
  return words.length > 0 && words.every((w) => NO_MODEL_WORDS.has(w));
};

/** "Did you mean" for an unknown hardware name: the display names of the closest entries. */
export const unknownHardware = (dataset: Dataset, path: "hardware" | "cpu", query: string): Problem => {
  if (namesNoModel(query))
    return unknownName(
      "unknown-hardware",
      path,
      {
        not: "not a CPU model: it names a family or a hypervisor only (virtual machines often hide the model)",
      },
      query,
      [],
      "; give the model (from the provider's documentation), the cloud instance type, or the CPU's TDP in watts",
    );
  const suggestions = closestNames(query, indexOf(dataset).hardwareNames, 8)
    .map((name) => findHardware(dataset, name)?.name ?? name)
    .filter((name, i, all) => all.indexOf(name) === i)
    .slice(0, 3);
  return unknownName(
    "unknown-hardware",
    path,
    "hardware",
    query,
    suggestions,
    " (list the catalog with mlco2 hardware)",
  );
};

const cpuEntryOf = (dataset: Dataset, input: EstimateInput, problems: Problem[]): HardwareEntry | null => {
  if (typeof input.cpu === "string") {
    const found = findHardware(dataset, input.cpu);
    if (found === undefined) problems.push(unknownHardware(dataset, "cpu", input.cpu));
    else if (found.kind !== "cpu" && found.kind !== "soc")
      problems.push(
        wrongKind("cpu", input.cpu, found.kind, "a CPU; allowed: a CPU from the catalog or a TDP in watts"),
      );
    else return found;
  } else if (
    input.cpu === undefined &&
    (input.cpuCount !== undefined || input.cpuUtilization !== undefined)
  ) {
    problems.push(
      required("cpu", ["cpu"], " (a catalog name or a TDP in watts): the CPU count and utilization need one"),
    );
  }
  return null;
};

/** Whether the input describes a CPU-only job: a host CPU, and neither hardware nor watts. */
export const isCpuOnly = (input: EstimateInput): boolean =>
  input.hardware === undefined &&
  input.watts === undefined &&
  input.instance === undefined &&
  input.cpu !== undefined;

/**
 * Stage 2: the device and host CPU named by the input, pushing every problem found onto `problems`.
 *
 * @example
 * hardwareOf(dataset, { hardware: "A100 SXM4 80GB" }, []).entry?.tdpW // 400
 */
export const hardwareOf = (dataset: Dataset, input: EstimateInput, problems: Problem[]): ResolvedHardware => {
  if (input.instance !== undefined)
    return { entry: undefined, cpuEntry: null, instance: instanceJobOf(dataset, input, problems) };
  let entry: HardwareEntry | undefined;
  if (input.hardware !== undefined) {
    entry = findHardware(dataset, input.hardware);
    if (entry === undefined) problems.push(unknownHardware(dataset, "hardware", input.hardware));
  } else if (input.watts === undefined && input.cpu === undefined) {
    problems.push(
      required(
        "hardware",
        ["hardware", "watts", "cpu", "instance"],
        " (a catalog name, the average watts per device, the CPU of a CPU-only job, or a cloud instance type)",
      ),
    );
  } else if (input.watts === undefined) {
    // A CPU-only job: its CPUs are the devices, counted by cpuCount at cpuUtilization.
    if (input.count !== undefined)
      problems.push(
        conflict("count", ["cpu"], " without hardware (a CPU-only job counts its CPUs with cpuCount)"),
      );
    if (input.utilization !== undefined)
      problems.push(conflict("utilization", ["cpu"], " without hardware (give cpuUtilization)"));
  }
  if (input.watts !== undefined && input.utilization !== undefined) {
    problems.push(conflict("utilization", ["watts"], " (watts is the average power already)"));
  }
  return { entry, cpuEntry: cpuEntryOf(dataset, input, problems), instance: null };
};
