// Stages 1–4 together: the input's numbers, hardware (or instance type), duration, embodied options and
// location, checked. Every problem found is pushed (one per field); the job comes back only when there
// is none.
import type { HardwareEntry } from "../../data/types.ts";
import type { Problem } from "../errors.ts";
import { type LocationFactors, resolveLocation } from "../resolve-location.ts";
import type { Dataset, EstimateInput } from "../types.ts";
import { appendAll } from "./append-all.ts";
import { type Duration, durationOf } from "./duration.ts";
import { embodiedProblems } from "./embodied.ts";
import { hardwareOf, isCpuOnly } from "./hardware.ts";
import type { InstanceJob } from "./instance.ts";
import { numberProblems } from "./numbers.ts";
import { unitProblems } from "./per-unit.ts";

/** A job whose every input checked out: what ran, for how long, and where. */
export interface CheckedJob {
  /** The devices' catalog entry (the hardware, or the instance's accelerator); undefined for watts only. */
  readonly entry: HardwareEntry | undefined;
  /** The host CPU's catalog entry (null for a TDP or no CPU). */
  readonly cpuEntry: HardwareEntry | null;
  /** The instance type and its count, when one was named. */
  readonly instance: InstanceJob | null;
  /** Whether the job's devices are its CPUs (a CPU-only job, or an instance without accelerators). */
  readonly cpuOnly: boolean;
  /** Devices and hours. */
  readonly duration: Duration;
  /** The location's intensity, PUE and factors. */
  readonly where: LocationFactors;
}

/**
 * The devices' count: instances' accelerators (or instances of CPUs), a CPU-only job's CPUs, else `count`.
 *
 * @example
 * deviceCountOf({ cpuCount: 2 }, null, true) // 2
 */
export const deviceCountOf = (
  input: EstimateInput,
  instance: InstanceJob | null,
  cpuOnly: boolean,
): number =>
  instance !== null
    ? instance.count * Math.max(1, instance.accelerators)
    : cpuOnly
      ? (input.cpuCount ?? 1)
      : (input.count ?? 1);

/**
 * The checked job, or null with every problem pushed onto `problems` (a location problem on a field the
 * numbers stage already reported, such as a bad year, is not repeated).
 */
export const checkedJobOf = (
  dataset: Dataset,
  input: EstimateInput,
  problems: Problem[],
): CheckedJob | null => {
  appendAll(problems, numberProblems(input));
  if (input.units !== undefined || input.unit !== undefined) appendAll(problems, unitProblems(input));
  const numbersOk = problems.length === 0;
  const { entry: named, cpuEntry, instance } = hardwareOf(dataset, input, problems);
  const entry = instance === null ? named : (instance.accelerator ?? undefined);
  // A CPU-only job (or an instance without accelerators) counts its CPUs as the devices.
  const cpuOnly = instance === null ? isCpuOnly(input) : instance.accelerators === 0;
  const count = deviceCountOf(input, instance, cpuOnly);
  const duration = durationOf(
    count === (input.count ?? 1) ? input : { ...input, count },
    problems,
    numbersOk,
  );
  if (input.embodied !== undefined || input.serviceLifeYears !== undefined || input.useShare !== undefined)
    appendAll(problems, embodiedProblems(input, entry));
  const located = resolveLocation(dataset, input);
  if (!located.ok) {
    for (const problem of located.problems)
      if (!problems.some((p) => p.path === problem.path)) problems.push(problem);
  }
  if (problems.length > 0 || duration === null || !located.ok) return null;
  return { entry, cpuEntry, instance, cpuOnly, duration, where: located.value };
};
