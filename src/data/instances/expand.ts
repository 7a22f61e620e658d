import type { InstanceType, ProviderId } from "../types.ts";

/** One size of a CPU family: the suffix and its vCPUs. */
export type FamilySize = readonly [suffix: string, vcpus: number];

/** What every size of a CPU instance family shares. */
export interface CpuFamily {
  readonly provider: ProviderId;
  /** The type for a size suffix, e.g. (s) => `c6i.${s}`. */
  readonly name: (suffix: string) => string;
  /** Memory per vCPU, in the provider's unit (GiB for AWS and Azure, GB for Google Cloud). */
  readonly memoryPerVcpu: number;
  readonly cpu?: string;
  readonly cpuFamily: string;
  readonly released: number;
  readonly source: string;
  readonly note?: string;
  readonly sizes: readonly FamilySize[];
}

/** Every size of a CPU family whose memory is a fixed multiple of its vCPUs, as the providers size them. */
export const expandFamily = (family: CpuFamily): InstanceType[] =>
  family.sizes.map(([suffix, vcpus]) => ({
    provider: family.provider,
    id: family.name(suffix),
    vcpus,
    ...(family.cpu === undefined ? {} : { cpu: family.cpu }),
    cpuFamily: family.cpuFamily,
    memoryGB: vcpus * family.memoryPerVcpu,
    released: family.released,
    source: family.source,
    ...(family.note === undefined ? {} : { note: family.note }),
  }));

/** AWS size suffixes: large = 2 vCPUs, xlarge = 4, Nxlarge = 4N. */
export const awsSizes = (...suffixes: string[]): FamilySize[] =>
  suffixes.map(
    (s): FamilySize => [s, s === "large" ? 2 : s === "xlarge" ? 4 : 4 * Number(s.replace("xlarge", ""))],
  );
