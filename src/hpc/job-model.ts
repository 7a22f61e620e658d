// What a Slurm job's energy is made of (docs/hpc.md): GPUs × Elapsed at the GPU's power; the CPUs it
// holds, each a share of its node's CPU TDP, at the utilization TotalCPU/CPUTime shows; its memory; or
// the energy Slurm measured. Every choice is labelled in the row (memory_basis, energy_basis).
import type { EstimateInput } from "../core/types.ts";
import type { NodeSpec } from "./cluster.ts";
import { type LineProblem, lineProblem } from "./problems.ts";
import type { SacctJob } from "./sacct-job.ts";

/** Which memory a job is charged for. */
export type MemoryChoice = "allocated" | "max-rss";

/** Where the memory charged comes from. */
export type MemoryBasis =
  /** AllocTRES mem= (the job's total). */
  | "allocated"
  /** ReqMem (per node × nodes, per CPU × CPUs, or the job's total). */
  | "requested"
  /** The largest MaxRSS of the job's steps: a per-task peak, a lower bound of what the job held. */
  | "max-rss"
  /** The job's CPU share of its nodes' memory (the cluster file's memory_gb_per_node). */
  | "node-share"
  /** Not known: memory not priced. */
  | "none";

/** A job's quantities as the engine takes them. NaN stands for "not given" (the engine's default). */
export interface JobQuantities {
  /** Hours (Elapsed). */
  readonly hours: number;
  /** Nodes. */
  readonly nodes: number;
  /** GPUs. */
  readonly gpus: number;
  /** Catalog GPU name ("" without GPUs). */
  readonly gpuName: string;
  /** CPUs. */
  readonly cpus: number;
  /** TotalCPU / CPUTime (at most 1); NaN: not known, the engine's default band. */
  readonly cpuUtilization: number;
  /** Memory charged, GB; NaN when none. */
  readonly memoryGB: number;
  /** Where it comes from. */
  readonly memoryBasis: MemoryBasis;
  /** Measured average power per node, W (Slurm's energy ÷ Elapsed ÷ nodes); NaN: modelled. */
  readonly measuredW: number;
}

const MIB_PER_GB = 1024;

/** The GPU model of a job: its gres type mapped in the cluster file, else the nodes' GPU. */
const gpuNameOf = (
  job: SacctJob,
  spec: NodeSpec,
  gres: ReadonlyMap<string, string>,
): string | LineProblem => {
  let named: string | undefined;
  for (const type of job.gpuTypes) {
    const model = gres.get(type) ?? spec.gpu ?? "";
    if (named === undefined) named = model;
    else if (model !== named)
      return lineProblem(
        job.line,
        "mixed-nodes",
        "AllocTRES",
        `GPUs of several kinds (${job.gpuTypes.join(", ")}) in one job; price them as separate jobs`,
      );
  }
  const name = named || spec.gpu;
  if (name === undefined || name === "")
    return lineProblem(
      job.line,
      "no-gpu-model",
      "AllocTRES",
      `${job.gpus} GPU(s)${job.gpuTypes.length > 0 ? ` of type ${job.gpuTypes.join(", ")}` : ""} on ${spec.label}, which names no gpu; add gpu = "…"${job.gpuTypes.length > 0 ? " or a [gres] entry" : ""}`,
    );
  return name;
};

const memoryOf = (
  job: SacctJob,
  spec: NodeSpec,
  choice: MemoryChoice,
): { gb: number; basis: MemoryBasis } => {
  if (choice === "max-rss" && job.maxRssMiB > 0) return { gb: job.maxRssMiB / MIB_PER_GB, basis: "max-rss" };
  if (job.allocMemMiB > 0) return { gb: job.allocMemMiB / MIB_PER_GB, basis: "allocated" };
  if (job.reqMiB > 0) {
    const times = job.reqPer === "node" ? job.nodes : job.reqPer === "cpu" ? job.cpus : 1;
    return { gb: (job.reqMiB * times) / MIB_PER_GB, basis: "requested" };
  }
  if (spec.memoryGBPerNode !== undefined)
    return { gb: (spec.memoryGBPerNode * job.cpus) / spec.cpusPerNode, basis: "node-share" };
  return { gb: Number.NaN, basis: "none" };
};

/** A job's quantities on its nodes; the problem when they cannot hold it. */
export const quantitiesOf = (
  job: SacctJob,
  spec: NodeSpec,
  gres: ReadonlyMap<string, string>,
  memory: MemoryChoice,
): JobQuantities | LineProblem => {
  const perNode = job.cpus / job.nodes;
  if (perNode > spec.cpusPerNode)
    return lineProblem(
      job.line,
      "too-many-cpus",
      "NCPUS",
      `${job.cpus} CPUs on ${job.nodes} node(s) is more than the ${spec.cpusPerNode} per node of ${spec.label}${spec.cpusPerNodeGiven ? "" : " (sockets × the CPU's cores; set cpus_per_node if Slurm counts hardware threads)"}`,
    );
  let gpuName = "";
  if (job.gpus > 0) {
    const name = gpuNameOf(job, spec, gres);
    if (typeof name === "object") return name;
    gpuName = name;
    if (spec.gpusPerNode !== undefined && job.gpus > spec.gpusPerNode * job.nodes)
      return lineProblem(
        job.line,
        "out-of-range",
        "AllocTRES",
        `${job.gpus} GPUs on ${job.nodes} node(s) is more than the ${spec.gpusPerNode} per node of ${spec.label}`,
      );
  }
  const cpuTimeS = job.cpuTimeS > 0 ? job.cpuTimeS : job.elapsedS * job.cpus;
  const cpuUtilization =
    job.totalCpuS > 0 && cpuTimeS > 0 ? Math.min(1, job.totalCpuS / cpuTimeS) : Number.NaN;
  const mem = memoryOf(job, spec, memory);
  const measured = spec.slurmEnergy === "use" && job.energyJ > 0 && job.elapsedS > 0;
  return {
    hours: job.elapsedS / 3600,
    nodes: job.nodes,
    gpus: job.gpus,
    gpuName,
    cpus: job.cpus,
    cpuUtilization,
    memoryGB: mem.gb,
    memoryBasis: mem.basis,
    measuredW: measured ? job.energyJ / job.elapsedS / job.nodes : Number.NaN,
  };
};

/** TDP of one CPU as Slurm counts CPUs: the node's TDP (packages × TDP) over its CPUs. */
export const perCpuTdpW = (spec: NodeSpec): number => (spec.cpuTdpW * spec.sockets) / spec.cpusPerNode;

/**
 * The engine input that prices the job: what `mlco2 estimate` is given for the same figures.
 *
 * @example
 * // 4 × A100 for 2 h, 32 of 128 CPUs of 2 × 280 W at 50 %, 256 GB, in DE:
 * // { hardware: "NVIDIA A100 SXM4 80GB", count: 4, hours: 2, cpu: { tdpW: 4.375 }, cpuCount: 32, cpuUtilization: 0.5, memoryGB: 256, country: "DE" }
 */
export const engineInputOf = (q: JobQuantities, spec: NodeSpec): EstimateInput => {
  const place = { ...spec.location, ...(spec.pue === undefined ? {} : { pue: spec.pue }) };
  if (q.measuredW > 0)
    return { watts: q.measuredW, wattsKind: "measured", count: q.nodes, hours: q.hours, ...place };
  const host = {
    ...(q.cpus > 0 || q.gpus === 0 ? { cpu: { tdpW: perCpuTdpW(spec) }, cpuCount: q.cpus } : {}),
    ...(Number.isNaN(q.cpuUtilization) || (q.cpus === 0 && q.gpus > 0)
      ? {}
      : { cpuUtilization: q.cpuUtilization }),
    ...(Number.isNaN(q.memoryGB) ? {} : { memoryGB: q.memoryGB }),
  };
  const devices = q.gpus > 0 ? { hardware: q.gpuName, count: q.gpus } : {};
  return { ...devices, hours: q.hours, ...host, ...place };
};
