import { findHardware } from "../core/dataset-index.ts";
import { type PowerModel, powerModelOf } from "../core/power-model.ts";
import type { Dataset, Factor } from "../core/types.ts";
import type { HostInfo } from "./sensors/host.ts";

/** How the CPU load model turns utilization into watts on this host. */
export interface CpuPlan {
  /** E.g. "AMD EPYC 7601 32-Core Processor, 2 of 64 threads". */
  readonly label: string;
  /** Power model of the CPUs the job may use (idle at 0, max at full use of all of them). */
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

const sourceOf = (dataset: Dataset, id: string) => dataset.sources.get(id) ?? null;

/**
 * Plans the CPU load model: per-thread power from the catalog entry of the host CPU (or `--cpu`),
 * scaled to the CPUs the job may use; an unknown CPU gets Cloud Carbon Footprint's per-vCPU figures,
 * with a warning.
 */
export const cpuPlanOf = (dataset: Dataset, host: HostInfo, override: CpuOverride): CpuPlan => {
  const capacityCpus = Math.max(
    0.01,
    Math.min(host.affinityCpus, host.cgroupQuotaCpus ?? Number.POSITIVE_INFINITY),
  );
  const capacityFactor: Factor = {
    name: "CPUs available to the job",
    value: capacityCpus,
    unit: "CPUs",
    kind: "measured",
    source: null,
    year: null,
    note: `affinity ${host.affinityCpus} of ${host.logicalCpus} logical CPUs; cgroup quota ${host.cgroupQuotaCpus ?? "none"}`,
  };
  const query = typeof override === "string" ? override : host.cpuModel;
  const entry = typeof override === "object" || query === "" ? undefined : findHardware(dataset, query);
  const usable = entry !== undefined && (entry.kind === "cpu" || entry.kind === "soc") ? entry : undefined;
  const warnings: string[] = [];
  let perThread: { idleW: number; maxW: number };
  let label: string;
  const factors: Factor[] = [];
  if (typeof override === "object") {
    const model = powerModelOf({ tdpW: override.tdpW, kind: "cpu" }, dataset.defaults.idleFractionByKind);
    const threads = host.logicalCpus;
    perThread = {
      idleW: (model.idleW * host.packages) / threads,
      maxW: (model.maxW * host.packages) / threads,
    };
    label = `CPU of ${override.tdpW} W TDP × ${host.packages}`;
    factors.push({
      name: "CPU TDP",
      value: override.tdpW,
      unit: "W",
      kind: "user",
      source: null,
      year: null,
    });
  } else if (usable !== undefined) {
    const model = powerModelOf(usable, dataset.defaults.idleFractionByKind);
    const threads = (usable.threads ?? usable.cores ?? host.logicalCpus / host.packages) * host.packages;
    perThread = {
      idleW: (model.idleW * host.packages) / threads,
      maxW: (model.maxW * host.packages) / threads,
    };
    label = `${host.packages} × ${usable.name}`;
    const source = sourceOf(dataset, usable.source);
    factors.push({
      name: `CPU TDP (${usable.name})`,
      value: usable.tdpW,
      unit: "W",
      kind: "published",
      source,
      year: source?.year ?? null,
    });
    if (model.idleKind !== "published") {
      const idle = dataset.defaults.idleFractionByKind.cpu;
      factors.push({
        name: `CPU idle power (${usable.name})`,
        value: model.idleW,
        unit: "W",
        kind: "estimated",
        source: sourceOf(dataset, idle.source),
        year: idle.year,
        note: `${idle.value} × TDP; no published idle power`,
      });
    }
  } else {
    // The dataset's per-thread figures for a CPU that is not in the catalog (Cloud Carbon Footprint).
    const unknown = dataset.defaults.unknownCpuWPerThread;
    perThread = { idleW: unknown.idle.value, maxW: unknown.max.value };
    label = `unknown CPU${host.cpuModel === "" ? "" : ` "${host.cpuModel}"`}`;
    factors.push(
      {
        name: "CPU power per thread at full load",
        value: perThread.maxW,
        unit: "W",
        kind: "default",
        source: sourceOf(dataset, unknown.max.source),
        year: unknown.max.year,
        note: "average AWS vCPU; the CPU model is not in the catalog",
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
    );
    warnings.push(
      `CPU ${host.cpuModel === "" ? "model unknown" : `"${host.cpuModel}" is not in the catalog`}: ${perThread.idleW}–${perThread.maxW} W per thread assumed (Cloud Carbon Footprint's AWS average); pass --cpu <name|TDP W> for a better figure.`,
    );
  }
  factors.push(capacityFactor);
  return {
    label: `${label}, ${Number(capacityCpus.toFixed(2))} of ${host.logicalCpus} logical CPUs`,
    model: {
      maxW: perThread.maxW * capacityCpus,
      idleW: perThread.idleW * capacityCpus,
      idleKind: "estimated",
    },
    capacityCpus,
    factors,
    warnings,
  };
};
