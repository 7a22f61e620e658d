// The instance type the form names, as the form and the engine input need it before the instance
// picker's chunk has loaded (what to switch to is in instance-switch.ts, in that chunk). Pure.
import { findInstance } from "../../src/core/find-instance.ts";
import type { Dataset, InstanceType } from "../../src/core/types.ts";
import type { FormState } from "./form-state.ts";

/** The instance type the form names, if the dataset holds it. */
export const chosenInstance = (dataset: Dataset, name: string): InstanceType | undefined => {
  if (name.trim() === "" || dataset.instances.length === 0) return undefined;
  const found = findInstance(dataset, name);
  return found.ok ? found.value : undefined;
};

/** Devices one instance counts as (its accelerators; 1 for a CPU-only type or none chosen). */
export const devicesPerInstance = (dataset: Dataset, state: FormState): number =>
  state.machine === "instance"
    ? Math.max(1, chosenInstance(dataset, state.instance)?.accelerators?.count ?? 0)
    : 1;

/** Whether the form's instance type has no accelerators (its utilization is then its CPUs'). */
export const isCpuOnlyInstance = (dataset: Dataset, state: FormState): boolean => {
  const type = state.machine === "instance" ? chosenInstance(dataset, state.instance) : undefined;
  return type !== undefined && type.accelerators === undefined;
};

/** Said when the instance types' chunk could not be fetched (offline before the service worker had it). */
export const INSTANCES_FAILED = "The cloud instance types could not be loaded: reload the page to try again.";
