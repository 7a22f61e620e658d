import { findInstance } from "../core/find-instance.ts";
import { resolveLocation } from "../core/resolve-location.ts";
import type { Dataset } from "../core/types.ts";
import type { InstanceCpu } from "./cpu-plan.ts";
import type { CloudHost } from "./sensors/cloud-host.ts";
import { locationMissing, type TrackLocation } from "./summary.ts";

/** What the tracker takes from the machine's own account of where it runs. */
export interface CloudUse {
  /** The region to use as the location (`provider:region`), when the user gave none and the machine says it. */
  readonly region: string | null;
  /** The instance type and its CPU, when DMI names a type the catalog knows. */
  readonly instance: InstanceCpu | null;
  /** One-line description for the log and the summary, e.g. "EC2 instance p4d.24xlarge (i-…): DMI …; region … from AWS_REGION". */
  readonly description: string;
  /** What the user should know: the location taken from the environment, or why none could be. */
  readonly warnings: readonly string[];
  /** Added to the no-location warning: why the machine could not tell its region. */
  readonly whyNoRegion: string | null;
}

/**
 * Decides what the detected cloud host changes: its region becomes the location when the user gave
 * none (and the dataset knows the region), its instance type names the CPU for the load model. Nothing
 * is guessed: a region the dataset does not know, or a provider without a region variable, is said so.
 */
export const cloudUseOf = (dataset: Dataset, location: TrackLocation, cloud: CloudHost): CloudUse => {
  const description = cloud.notes.join("; ");
  const warnings: string[] = [];
  let instance: InstanceCpu | null = null;
  if (cloud.provider !== null && cloud.instanceType !== null) {
    const name = `${cloud.provider}:${cloud.instanceType}`;
    const found = findInstance(dataset, name);
    if (found.ok) {
      instance =
        found.value.cpu === undefined ? { instance: name } : { instance: name, cpu: found.value.cpu };
    } else {
      warnings.push(
        `Instance type ${name} (read from DMI) is not in the catalog: its CPU is not known from it.`,
      );
    }
  }
  if (!locationMissing(location)) return { region: null, instance, description, warnings, whyNoRegion: null };
  if (cloud.region === null) {
    return {
      region: null,
      instance,
      description,
      warnings,
      whyNoRegion: `the machine does not say where it runs (${description})`,
    };
  }
  const resolved = resolveLocation(dataset, { region: cloud.region });
  if (!resolved.ok) {
    return {
      region: null,
      instance,
      description,
      warnings,
      whyNoRegion: `${cloud.regionFrom} names ${cloud.region}, which is not a known region (${resolved.problems[0].message})`,
    };
  }
  warnings.push(
    `Location: ${cloud.region}, from ${cloud.regionFrom} on this ${cloud.provider === "aws" ? "EC2" : cloud.provider === "gcp" ? "Compute Engine" : "Azure"} machine (${description}); pass --region to choose another.`,
  );
  return { region: cloud.region, instance, description, warnings, whyNoRegion: null };
};
