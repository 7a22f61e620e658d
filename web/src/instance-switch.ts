// Which instance type the form holds when the visitor switches to instance types or changes provider:
// the same job where the catalog has it (the same accelerators, the devices carried over as instances),
// else the provider's first type with accelerators. Part of the instance picker's chunk. Pure: dataset
// and form state in, form state out.
import { instanceNameOf } from "../../src/core/find-instance.ts";
import type { Dataset, InstanceType } from "../../src/core/types.ts";
import { type FormState, type MachineMode, parseNumber } from "./form-state.ts";
import { chosenInstance } from "./instance-choice.ts";

/** Providers with instance types in the catalog, in the dataset's order. */
export const instanceProviders = (
  dataset: Dataset,
): readonly { readonly id: string; readonly name: string }[] =>
  dataset.providers.filter((p) => dataset.instances.some((i) => i.provider === p.id));

/** The provider's type that best stands for `like` (same accelerators and count, else same count), if any. */
const likeOf = (dataset: Dataset, provider: string, like: InstanceType | undefined) => {
  const own = dataset.instances.filter((i) => i.provider === provider);
  const a = like?.accelerators;
  return (
    (a === undefined
      ? undefined
      : (own.find((i) => i.accelerators?.hardware === a.hardware && i.accelerators.count === a.count) ??
        own.find((i) => i.accelerators?.count === a.count))) ??
    (like !== undefined && a === undefined ? own.find((i) => i.accelerators === undefined) : undefined) ??
    own.find((i) => i.accelerators !== undefined) ??
    own[0]
  );
};

/**
 * A provider change in instance mode: the new provider's type most like the current one (the current one
 * is kept when the provider has none, and the engine says why it cannot run there).
 */
export const withInstanceProvider = (dataset: Dataset, before: FormState, next: FormState): FormState => {
  if (next.machine !== "instance" || next.provider === before.provider || dataset.instances.length === 0)
    return next;
  const current = chosenInstance(dataset, before.instance);
  if (current?.provider === next.provider) return next;
  const like = likeOf(dataset, next.provider, current);
  return like === undefined ? next : { ...next, instance: instanceNameOf(like) };
};

/**
 * The first instance type for a form that names none yet: the provider's type with the form's hardware
 * whose accelerators divide the device count (most first), the count then counting instances; else the
 * provider's first type with accelerators. Unchanged when it names one or the types are not loaded.
 */
export const withDefaultInstance = (dataset: Dataset, state: FormState): FormState => {
  if (state.machine !== "instance" || state.instance !== "" || dataset.instances.length === 0) return state;
  const devices = parseNumber(state.count);
  const same = dataset.instances
    .filter((i) => i.provider === state.provider && i.accelerators?.hardware === state.hardware)
    .sort((a, b) => (b.accelerators?.count ?? 0) - (a.accelerators?.count ?? 0));
  const fits = same.find((i) => devices !== undefined && devices % (i.accelerators?.count ?? 1) === 0);
  if (fits !== undefined && devices !== undefined)
    return {
      ...state,
      instance: instanceNameOf(fits),
      count: String(devices / (fits.accelerators?.count ?? 1)),
    };
  const first = same[0] ?? likeOf(dataset, state.provider, undefined);
  return first === undefined ? state : { ...state, instance: instanceNameOf(first) };
};

/**
 * Switches between hardware × count and instance types, keeping the job: an instance type's accelerators
 * become the hardware and its instances the devices, and back (see `withDefaultInstance`).
 */
export const withMachine = (dataset: Dataset, state: FormState, machine: MachineMode): FormState => {
  if (machine === state.machine) return state;
  if (machine === "instance") return withDefaultInstance(dataset, { ...state, machine, instance: "" });
  const type = chosenInstance(dataset, state.instance);
  const instances = parseNumber(state.count);
  const a = type?.accelerators;
  if (a === undefined) return { ...state, machine };
  return {
    ...state,
    machine,
    hardware: a.hardware,
    count: instances === undefined ? state.count : String(instances * a.count),
  };
};
