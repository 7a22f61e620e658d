import { findInstance } from "../core/find-instance.ts";
import { resolveLocation } from "../core/resolve-location.ts";
import type { Dataset } from "../core/types.ts";
import type { InstanceType } from "../data/types.ts";
import { type CloudHost, type CloudProvider, REGION_VARIABLES, regionFromEnv } from "./sensors/cloud-host.ts";
import { locationMissing, type TrackLocation } from "./summary.ts";
import { instanceMismatchOf, type TrackedInstance, trackedInstanceOf } from "./tracked-instance.ts";

/** What the tracker takes from the machine's own account of where it runs. */
export interface CloudUse {
  /** The region to use as the location (`provider:region`), when the user gave none and the machine says it. */
  readonly region: string | null;
  /** The instance type (--instance, else DMI's when the catalog knows it), with what it is made of. */
  readonly instance: TrackedInstance | null;
  /** One-line description for the log and the summary, e.g. "EC2 instance p4d.24xlarge (i-…): DMI …; region … from AWS_REGION". */
  readonly description: string;
  /** The facts behind it, one per line, for the log: the flag, what DMI said, the region variable. */
  readonly notes: readonly string[];
  /** The region the environment gives for the provider in use (DMI's, else --instance's), used or not. */
  readonly envRegion: string | null;
  /** The variable it came from, e.g. "AWS_REGION". */
  readonly envRegionFrom: string | null;
  /** What the user should know: the location taken from the environment, or why none could be. */
  readonly warnings: readonly string[];
  /** Added to the no-location warning: why the machine could not tell its region. */
  readonly whyNoRegion: string | null;
}

/** What decides the cloud use: the location flags, the machine's account, the environment, `--instance`. */
export interface CloudInput {
  /** The location flags. */
  readonly location: TrackLocation;
  /** What DMI and the region variables said. */
  readonly cloud: CloudHost;
  /** The environment (the region variables of `--instance`'s provider). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The type `--instance` named, already found in the catalog (null: not given). */
  readonly flag: InstanceType | null;
}

/** The instance to use: the flag's (a warning when DMI says otherwise), else DMI's when the catalog knows it. */
const instanceUseOf = (
  dataset: Dataset,
  cloud: CloudHost,
  flag: InstanceType | null,
): { instance: TrackedInstance | null; warnings: string[] } => {
  if (flag !== null) {
    const instance = trackedInstanceOf(dataset, flag, "flag");
    const mismatch = instanceMismatchOf(instance, cloud);
    return { instance, warnings: mismatch === null ? [] : [mismatch] };
  }
  if (cloud.provider === null || cloud.instanceType === null) return { instance: null, warnings: [] };
  const name = `${cloud.provider}:${cloud.instanceType}`;
  const found = findInstance(dataset, name);
  if (found.ok) return { instance: trackedInstanceOf(dataset, found.value, "dmi"), warnings: [] };
  return {
    instance: null,
    warnings: [`Instance type ${name} (read from DMI) is not in the catalog: its CPU is not known from it.`],
  };
};

/** Where the region comes from: DMI's provider, or `--instance`'s when DMI does not show that provider. */
const regionOf = (
  cloud: CloudHost,
  env: CloudInput["env"],
  flag: InstanceType | null,
): { provider: CloudProvider | null; region: string | null; from: string | null; notes: string[] } => {
  if (flag === null || flag.provider === cloud.provider)
    return {
      provider: cloud.provider,
      region: cloud.region,
      from: cloud.regionFrom,
      notes: [...(flag === null ? [] : [`--instance ${flag.provider}:${flag.id}`]), ...cloud.notes],
    };
  const provider = flag.provider as CloudProvider;
  const variables = REGION_VARIABLES[provider] ?? [];
  const found = variables.length === 0 ? null : regionFromEnv(provider, env);
  const regionNote =
    found === null
      ? `the region is not in the environment (${variables.join(", ")} unset)`
      : `region ${found.region.slice(found.region.indexOf(":") + 1)} from ${found.variable}`;
  return {
    provider,
    region: found?.region ?? null,
    from: found?.variable ?? null,
    notes: [`--instance ${flag.provider}:${flag.id}`, cloud.notes[0] ?? "", regionNote],
  };
};

const MACHINE_NAMES: Readonly<Record<CloudProvider, string>> = {
  aws: "EC2",
  gcp: "Compute Engine",
  azure: "Azure",
};

/**
 * Decides what the detected cloud host and `--instance` change: the instance type (the flag over DMI)
 * describes the hardware where nothing is measured; the region of its provider's environment variables
 * becomes the location when the user gave none (and the dataset knows the region). Nothing is guessed: a
 * region the dataset does not know, or a provider without a region variable, is said so.
 */
export const cloudUseOf = (dataset: Dataset, input: CloudInput): CloudUse => {
  const { location, cloud, env, flag } = input;
  const { instance, warnings } = instanceUseOf(dataset, cloud, flag);
  const place = regionOf(cloud, env, flag);
  const description = place.notes.join("; ");
  const facts = { description, notes: place.notes, envRegion: place.region, envRegionFrom: place.from };
  if (!locationMissing(location)) return { region: null, instance, ...facts, warnings, whyNoRegion: null };
  if (place.region === null) {
    return {
      region: null,
      instance,
      ...facts,
      warnings,
      whyNoRegion: `the machine does not say where it runs (${description})`,
    };
  }
  const resolved = resolveLocation(dataset, { region: place.region });
  if (!resolved.ok) {
    return {
      region: null,
      instance,
      ...facts,
      warnings,
      whyNoRegion: `${place.from} names ${place.region}, which is not a known region (${resolved.problems[0].message})`,
    };
  }
  const machine = place.provider === null ? "cloud" : MACHINE_NAMES[place.provider];
  warnings.push(
    `Location: ${place.region}, from ${place.from} on this ${machine} machine (${description}); pass --region to choose another.`,
  );
  return { region: place.region, instance, ...facts, warnings, whyNoRegion: null };
};
