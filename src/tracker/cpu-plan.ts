import { findHardware } from "../core/dataset-index.ts";
import { type PowerModel, powerModelOf } from "../core/power-model.ts";
import type { Dataset, Factor } from "../core/types.ts";
import type { HardwareEntry } from "../data/types.ts";
import type { HostInfo } from "./sensors/host.ts";

/** How the CPU load model turns utilization into watts on this host. */
export interface CpuPlan {
  /** E.g. "2 × Intel Xeon E5-2620 v3, 24 of 24 logical CPUs". */
  readonly label: string;
  /** Power model of the CPUs the job may use (idle at 0, max at full use of all of them; the curve's shape when known). */
  readonly model: PowerModel;
  /** CPUs the job may use: affinity bounded by the cgroup quota. */
  readonly capacityCpus: number;
  /** Factors behind the model, for the summary. */
  readonly factors: readonly Factor[];
  /** Assumptions made. */
  readonly warnings: readonly string[];
}

/** What the user said about the CPU (`--cpu`): a catalog name or a TDP per package in watts. */
export type CpuOverride = string | { readonly tdpW: number } | undefined;

/**
 * The instance type the job runs on (`--instance`, else DMI's): its CPU when /proc/cpuinfo's name is not
 * in the catalog, and its vCPUs' share of the packages.
 */
export interface InstanceCpu {
  /** "aws:p5.48xlarge". */
  readonly instance: string;
  /** Where the type came from, for notes: "--instance" or "instance type read from DMI". */
  readonly origin: string;
  /** Catalog id of its CPU, when the provider names the part. */
  readonly cpu?: string;
  /** Its vCPUs. */
  readonly vcpus: number;
  /** A GPU instance of the largest size, its whole host: charged at least a server's CPU packages in full. */
  readonly wholeHost: boolean;
}

const sourceOf = (dataset: Dataset, id: string) => dataset.sources.get(id) ?? null;

/** Hardware threads of one package and where that number came from; null when a VM cannot know it. */
interface PackageThreads {
  readonly threads: number;
  readonly factor: Factor;
}

/**
 * Threads of one package. On bare metal /proc/cpuinfo sees the real packages: logical CPUs ÷ sockets
 * (this follows SMT being switched off). A VM sees only its own vCPUs, so the catalog's thread count is
 * the package's; without one the share cannot be known (null).
 */
const packageThreadsOf = (
  dataset: Dataset,
  host: HostInfo,
  entry: HardwareEntry | null,
  instance: InstanceCpu | null,
): PackageThreads | null => {
  if (!host.virtualized || entry === null) {
    const threads = host.logicalCpus / host.packages;
    return {
      threads,
      factor: {
        name: "CPU threads per package",
        value: threads,
        unit: "threads",
        kind: "measured",
        source: null,
        year: null,
        note: `/proc/cpuinfo: ${host.logicalCpus} logical CPUs on ${host.packages} socket${host.packages === 1 ? "" : "s"} (distinct physical id)${host.virtualized ? "; a VM: these are its vCPUs, not the hardware's" : ""}`,
      },
    };
  }
  const threads = entry.threads;
  if (threads === undefined) return null;
  const source = sourceOf(dataset, entry.source);
  if (instance?.wholeHost === true) return wholeHostThreadsOf(dataset, entry, threads, instance);
  return {
    threads,
    factor: {
      name: `CPU threads per package (${entry.name})`,
      value: threads,
      unit: "threads",
      kind: "published",
      source,
      year: source?.year ?? null,
      note: `a VM (hypervisor flag in /proc/cpuinfo): charged ${host.logicalCpus} of the package's ${threads} threads, not the whole package`,
    },
  };
};

/**
 * A whole-host instance's vCPUs per charged package: it holds all of its host's packages, at least a
 * server's (providers reserve cores or turn SMT off: Azure's ND H100 v5 shows 96 of 2 × 112 threads), so
 * its vCPUs are spread over max(vCPUs ÷ threads, CPUs per server) packages, each charged in full.
 */
const wholeHostThreadsOf = (
  dataset: Dataset,
  entry: HardwareEntry,
  threads: number,
  instance: InstanceCpu,
): PackageThreads => {
  const perServer = dataset.embodied.cpusPerServer;
  const packages = Math.max(instance.vcpus / threads, perServer.value);
  const perPackage = instance.vcpus / packages;
  const source = sourceOf(dataset, perServer.source);
  return {
    threads: perPackage,
    factor: {
      name: `vCPUs per charged package (${instance.instance}, whole host)`,
      value: perPackage,
      unit: "threads",
      kind: "estimated",
      source,
      year: perServer.year,
      note: `${instance.instance} (${instance.origin}) is a GPU instance of the largest size, its whole host: its ${instance.vcpus} vCPUs are charged ${Number(packages.toFixed(2))} full packages of ${entry.name} (${threads} threads each; at least ${perServer.value} CPUs per server), as mlco2 estimate --instance does`,
    },
  };
};

/** The catalog CPU to use: --cpu's name, else /proc/cpuinfo's model, else the detected instance type's CPU. */
const catalogCpuOf = (
  dataset: Dataset,
  host: HostInfo,
  override: CpuOverride,
  instance: InstanceCpu | null,
): { entry: HardwareEntry | null; via: string | null } => {
  const usable = (e: HardwareEntry | undefined) =>
    e !== undefined && (e.kind === "cpu" || e.kind === "soc") ? e : null;
  if (typeof override === "object") return { entry: null, via: null };
  const query = typeof override === "string" ? override : host.cpuModel;
  const named = query === "" ? null : usable(findHardware(dataset, query));
  if (named !== null || typeof override === "string") return { entry: named, via: null };
  if (instance?.cpu === undefined) return { entry: null, via: null };
  const fromInstance = usable(findHardware(dataset, instance.cpu));
  return {
    entry: fromInstance,
    via:
      fromInstance === null
        ? null
        : `the CPU of ${instance.instance} (${instance.origin})${host.cpuModel === "" ? "" : `; /proc/cpuinfo names "${host.cpuModel}", which the catalog does not know`}`,
  };
};

const idleFactorOf = (dataset: Dataset, entry: HardwareEntry, model: PowerModel): Factor | null => {
  if (model.idleKind === "published") return null;
  const curve = entry.powerCurve;
  if (curve !== undefined) {
    const source = sourceOf(dataset, curve.source);
    return {
      name: `CPU idle power (${entry.name})`,
      value: model.idleW,
      unit: "W",
      kind: "estimated",
      source,
      year: curve.year,
      note: `${curve.idleFraction} × TDP, the fitted idle share of its load curve (${curve.id}); power follows the curve's shape between idle and TDP`,
    };
  }
  const idle = dataset.defaults.idleFractionByKind.cpu;
  return {
    name: `CPU idle power (${entry.name})`,
    value: model.idleW,
    unit: "W",
    kind: "estimated",
    source: sourceOf(dataset, idle.source),
    year: idle.year,
    note: `${idle.value} × TDP; no published idle power`,
  };
};

/** Per-thread figures from Cloud Carbon Footprint's average vCPU, for a CPU the tracker cannot price. */
const unknownCpu = (
  dataset: Dataset,
  reason: string,
): { perThread: { idleW: number; maxW: number }; factors: Factor[] } => {
  const unknown = dataset.defaults.unknownCpuWPerThread;
  const perThread = { idleW: unknown.idle.value, maxW: unknown.max.value };
  return {
    perThread,
    factors: [
      {
        name: "CPU power per thread at full load",
        value: perThread.maxW,
        unit: "W",
        kind: "default",
        source: sourceOf(dataset, unknown.max.source),
        year: unknown.max.year,
        note: `average AWS vCPU; ${reason}`,
      },
      {
        name: "CPU power per thread at idle",
        value: perThread.idleW,
        unit: "W",
        kind: "default",
        source: sourceOf(dataset, unknown.idle.source),
        year: unknown.idle.year,
        note: "average AWS vCPU",
      },
    ],
  };
};

/** Power per thread (at idle and full load) with its curve, its label, and the factors and warnings behind it. */
interface ThreadPower {
  readonly perThread: { readonly idleW: number; readonly maxW: number };
  readonly shape?: readonly number[];
  readonly label: string;
  readonly factors: Factor[];
  readonly warnings: string[];
}

/** `--cpu <TDP W>`: the package's TDP over its threads (a VM's vCPUs count as the whole package). */
const tdpThreadPower = (
  dataset: Dataset,
  host: HostInfo,
  tdpW: number,
  threads: PackageThreads,
): ThreadPower => {
  const model = powerModelOf({ tdpW, kind: "cpu" }, dataset.defaults.idleFractionByKind);
  const perPackage = threads.threads;
  return {
    perThread: { idleW: model.idleW / perPackage, maxW: model.maxW / perPackage },
    label: `CPU of ${tdpW} W TDP × ${host.packages}`,
    factors: [
      { name: "CPU TDP", value: tdpW, unit: "W", kind: "user", source: null, year: null },
      threads.factor,
    ],
    warnings: host.virtualized
      ? [
          `A VM: --cpu ${tdpW} W is spread over its ${host.logicalCpus} vCPUs as if they were the whole package; name the CPU (--cpu "<model>") to be charged the VM's share of the package.`,
        ]
      : [],
  };
};

/** A catalog CPU: its TDP over its package's threads, along its architecture's curve. */
const catalogThreadPower = (
  dataset: Dataset,
  host: HostInfo,
  entry: HardwareEntry,
  threads: PackageThreads,
  via: string | null,
  instance: InstanceCpu | null,
): ThreadPower => {
  const model = powerModelOf(entry, dataset.defaults.idleFractionByKind);
  const source = sourceOf(dataset, entry.source);
  const factors: Factor[] = [
    {
      name: `CPU TDP (${entry.name})`,
      value: entry.tdpW,
      unit: "W",
      kind: "published",
      source,
      year: source?.year ?? null,
      ...(via === null ? {} : { note: via }),
    },
    threads.factor,
  ];
  const idle = idleFactorOf(dataset, entry, model);
  if (idle !== null) factors.push(idle);
  return {
    perThread: { idleW: model.idleW / threads.threads, maxW: model.maxW / threads.threads },
    ...(model.shape === undefined ? {} : { shape: model.shape }),
    label: !host.virtualized
      ? `${host.packages} × ${entry.name}`
      : instance?.wholeHost === true
        ? `${instance.instance}: ${instance.vcpus} vCPUs on ${Number((instance.vcpus / threads.threads).toFixed(2))} × ${entry.name} (whole host)`
        : `${host.logicalCpus} vCPU${host.logicalCpus === 1 ? "" : "s"} of one ${entry.name} (VM share)`,
    factors,
    warnings: [],
  };
};

/** A CPU not in the catalog, or a VM whose package's threads the catalog lacks: per-vCPU averages, said so. */
const unknownThreadPower = (dataset: Dataset, host: HostInfo, entry: HardwareEntry | null): ThreadPower => {
  const reason =
    entry !== null
      ? `a VM, and the catalog does not give the threads of a ${entry.name} package, so its share cannot be known`
      : "the CPU model is not in the catalog";
  const { perThread, factors } = unknownCpu(dataset, reason);
  return {
    perThread,
    label:
      entry !== null
        ? `${entry.name} (VM, share unknown)`
        : `unknown CPU${host.cpuModel === "" ? "" : ` "${host.cpuModel}"`}`,
    factors: [...factors],
    warnings: [
      entry !== null
        ? `CPU ${entry.name} in a VM: the catalog does not give its threads per package, so this VM's share of the package cannot be known; ${perThread.idleW}–${perThread.maxW} W per vCPU assumed (Cloud Carbon Footprint's AWS average).`
        : `CPU ${host.cpuModel === "" ? "model unknown" : `"${host.cpuModel}" is not in the catalog`}: ${perThread.idleW}–${perThread.maxW} W per thread assumed (Cloud Carbon Footprint's AWS average); pass --cpu <name|TDP W> for a better figure.`,
    ],
  };
};

/** The CPUs the job may use: its affinity, capped by its cgroup quota (at least 0.01), with its factor. */
const capacityOf = (host: HostInfo): { readonly capacityCpus: number; readonly factor: Factor } => {
  const capacityCpus = Math.max(
    0.01,
    Math.min(host.affinityCpus, host.cgroupQuotaCpus ?? Number.POSITIVE_INFINITY),
  );
  return {
    capacityCpus,
    factor: {
      name: "CPUs available to the job",
      value: capacityCpus,
      unit: "CPUs",
      kind: "measured",
      source: null,
      year: null,
      note: `affinity ${host.affinityCpus} of ${host.logicalCpus} logical CPUs; cgroup quota ${host.cgroupQuotaCpus ?? "none"}`,
    },
  };
};

/**
 * Plans the CPU load model: per-thread power = the package's TDP (catalog entry of the host CPU, `--cpu`,
 * or the detected instance type's CPU) ÷ its threads, scaled to the CPUs the job may use, along the
 * CPU architecture's load curve. A two-socket host has twice the threads and so twice the TDP at full
 * load; a VM is charged its vCPUs' share of the package (catalog threads), not the whole package. An
 * unknown CPU, or a VM whose package's threads the catalog lacks, gets Cloud Carbon Footprint's
 * per-vCPU figures, with a warning.
 *
 * @example
 * // 2 vCPUs of an AMD EPYC 7B13 (280 W, 128 threads): 2 × 280 / 128 = 4.375 W at full load
 * cpuPlanOf(dataset, { cpuModel: "AMD EPYC 7B13", logicalCpus: 2, packages: 1, virtualized: true, affinityCpus: 2, cgroupQuotaCpus: null, memoryTotalGB: 8 }, undefined).model.maxW // 4.375
 */
export const cpuPlanOf = (
  dataset: Dataset,
  host: HostInfo,
  override: CpuOverride,
  instance: InstanceCpu | null = null,
): CpuPlan => {
  const { capacityCpus, factor: capacityFactor } = capacityOf(host);
  const { entry, via } = catalogCpuOf(dataset, host, override, instance);
  const threads = packageThreadsOf(dataset, host, entry, instance);
  const power =
    typeof override === "object"
      ? tdpThreadPower(dataset, host, override.tdpW, threads as PackageThreads)
      : entry !== null && threads !== null
        ? catalogThreadPower(dataset, host, entry, threads, via, instance)
        : unknownThreadPower(dataset, host, entry);
  const { perThread, shape } = power;
  return {
    label: `${power.label}, ${Number(capacityCpus.toFixed(2))} of ${host.logicalCpus} logical CPUs`,
    model: {
      maxW: perThread.maxW * capacityCpus,
      idleW: perThread.idleW * capacityCpus,
      idleKind: "estimated",
      ...(shape === undefined ? {} : { shape }),
    },
    capacityCpus,
    factors: [...power.factors, capacityFactor],
    warnings: power.warnings,
  };
};
