// One job as sacct prints it: the job's line and its steps' lines (`.batch`, `.extern`, `.0`…) read into
// numbers, steps counted once with their job.

import { type LineProblem, lineProblem } from "./problems.ts";
import type { FieldIndex } from "./sacct-columns.ts";
import {
  type RequestedMemory,
  requestedMemory,
  type StateKind,
  slurmMiB,
  slurmSeconds,
  stateOf,
} from "./slurm-values.ts";
import { type Tres, tresOf } from "./tres.ts";

/** A job with its steps, read. NaN stands for a figure the input does not give. */
export interface SacctJob {
  /** Line of the job's line. */
  readonly line: number;
  /** JobID as printed (`123`, `123_4` for an array task, `123+1` for a heterogeneous component). */
  readonly id: string;
  readonly user: string;
  readonly account: string;
  readonly partition: string;
  /** State name (`CANCELLED by 11111` → CANCELLED). */
  readonly state: string;
  readonly stateKind: StateKind;
  /** Elapsed, seconds. */
  readonly elapsedS: number;
  /** Nodes (NNodes, else AllocTRES node=, else 1). */
  readonly nodes: number;
  /** CPUs allocated (NCPUS, else AllocTRES cpu=). */
  readonly cpus: number;
  /** GPUs allocated (AllocTRES gres/gpu); 0 without AllocTRES. */
  readonly gpus: number;
  /** GPU types named in AllocTRES. */
  readonly gpuTypes: readonly string[];
  /** TotalCPU (the job's, else the sum of its steps'), seconds; NaN when not given or 0. */
  readonly totalCpuS: number;
  /** CPUTime (Elapsed × CPUs as Slurm counts it), seconds; NaN when not given. */
  readonly cpuTimeS: number;
  /** Memory allocated (AllocTRES mem=), MiB; NaN when not given. */
  readonly allocMemMiB: number;
  /** ReqMem, when given. */
  readonly reqMem: RequestedMemory | null;
  /** Largest MaxRSS of the job and its steps (a per-task peak), MiB; NaN when not given. */
  readonly maxRssMiB: number;
  /** Measured energy, J: ConsumedEnergyRaw (the job's, else its steps' sum), else AllocTRES energy=; NaN when not recorded or 0. */
  readonly energyJ: number;
  /** Where `energyJ` comes from. */
  readonly energyFrom: "ConsumedEnergyRaw" | "AllocTRES energy" | "";
  /** NodeList as printed. */
  readonly nodeList: string;
  /** `YYYY-MM` of End, else Start, else Submit ("" when none is a date). */
  readonly month: string;
}

/** A job being read: its line's figures, then its steps' added. */
export interface OpenJob extends Omit<SacctJob, "totalCpuS" | "maxRssMiB" | "energyJ" | "energyFrom"> {
  totalCpuS: number;
  maxRssMiB: number;
  energyJ: number;
  energyFrom: SacctJob["energyFrom"];
  /** Sums over steps (used when the job's own figure is missing). */
  stepCpuS: number;
  stepEnergyJ: number;
}

const cell = (fields: readonly string[], at: number): string => (at < 0 ? "" : (fields[at] ?? "").trim());

/** A number or NaN from an optional numeric cell. */
const count = (text: string): number => (/^\d+$/.test(text) ? Number(text) : Number.NaN);

const monthOf = (text: string): string => (/^\d{4}-\d{2}-\d{2}T/.test(text) ? text.slice(0, 7) : "");

/** The job id before a step suffix: `123.batch` → `123`; the whole id for a job line. */
export const parentIdOf = (id: string): string => {
  const dot = id.indexOf(".");
  return dot === -1 ? id : id.slice(0, dot);
};

/** Reads a job's line; the problem when a field the pricing needs is not what Slurm prints. */
export const readJobLine = (
  fields: readonly string[],
  f: FieldIndex,
  line: number,
): OpenJob | LineProblem => {
  const id = cell(fields, f.JobID);
  if (id === "") return lineProblem(line, "required", "JobID", "is empty");
  const stateText = cell(fields, f.State);
  const state = stateOf(stateText);
  if (state === null)
    return lineProblem(
      line,
      "invalid",
      "State",
      `"${stateText}" is not a Slurm job state (COMPLETED, FAILED, CANCELLED, RUNNING, PENDING…)`,
    );
  const elapsedText = cell(fields, f.Elapsed);
  const elapsedS = slurmSeconds(elapsedText);
  if (Number.isNaN(elapsedS))
    return lineProblem(line, "not-a-number", "Elapsed", `"${elapsedText}" is not a duration [D-]HH:MM:SS`);
  let tres: Tres = { gpus: 0, gpuTypes: [] };
  if (f.AllocTRES >= 0) {
    const text = cell(fields, f.AllocTRES);
    const read = tresOf(text);
    if ("unknown" in read)
      return lineProblem(
        line,
        "unknown-tres",
        "AllocTRES",
        `"${read.unknown}" is a resource the pricing does not know (it reads cpu, mem, node, energy, gres/gpu and passes over billing, licenses, file systems); the job is not priced without it`,
      );
    if ("malformed" in read)
      return lineProblem(
        line,
        "invalid",
        "AllocTRES",
        `"${read.malformed}" is not name=count (e.g. gres/gpu=4, mem=64G)`,
      );
    tres = read;
  }
  const cpusText = cell(fields, f.NCPUS);
  const cpus = f.NCPUS >= 0 && cpusText !== "" ? count(cpusText) : (tres.cpus ?? Number.NaN);
  if (Number.isNaN(cpus))
    return lineProblem(
      line,
      "not-a-number",
      f.NCPUS >= 0 ? "NCPUS" : "AllocTRES",
      `"${cpusText}" is not a CPU count`,
    );
  const nodesText = cell(fields, f.NNodes);
  const nodes = nodesText !== "" ? count(nodesText) : (tres.nodes ?? 1);
  if (Number.isNaN(nodes))
    return lineProblem(line, "not-a-number", "NNodes", `"${nodesText}" is not a node count`);
  const reqText = cell(fields, f.ReqMem);
  const reqMem = reqText === "" ? null : requestedMemory(reqText);
  if (reqText !== "" && reqMem === null)
    return lineProblem(
      line,
      "not-a-number",
      "ReqMem",
      `"${reqText}" is not a memory size (e.g. 4000M, 250Gn, 6760Mc)`,
    );
  const totalCpu = optionalSeconds(fields, f.TotalCPU, "TotalCPU", line);
  if (typeof totalCpu === "object") return totalCpu;
  const cpuTime = optionalSeconds(fields, f.CPUTime, "CPUTime", line);
  if (typeof cpuTime === "object") return cpuTime;
  const rss = optionalMiB(fields, f.MaxRSS, "MaxRSS", line);
  if (typeof rss === "object") return rss;
  const energy = optionalCount(fields, f.ConsumedEnergyRaw, "ConsumedEnergyRaw", line);
  if (typeof energy === "object") return energy;
  const tresEnergy = tres.energyJ ?? Number.NaN;
  const end = cell(fields, f.End);
  const start = cell(fields, f.Start);
  return {
    line,
    id,
    user: cell(fields, f.User),
    account: cell(fields, f.Account),
    partition: cell(fields, f.Partition),
    state: state.name,
    stateKind: state.kind,
    elapsedS,
    nodes,
    cpus,
    gpus: tres.gpus,
    gpuTypes: tres.gpuTypes,
    totalCpuS: totalCpu > 0 ? totalCpu : Number.NaN,
    cpuTimeS: cpuTime,
    allocMemMiB: tres.memMiB ?? Number.NaN,
    reqMem,
    maxRssMiB: rss,
    energyJ: energy > 0 ? energy : tresEnergy > 0 ? tresEnergy : Number.NaN,
    energyFrom: energy > 0 ? "ConsumedEnergyRaw" : tresEnergy > 0 ? "AllocTRES energy" : "",
    nodeList: cell(fields, f.NodeList),
    month: monthOf(end) || monthOf(start) || monthOf(cell(fields, f.Submit)),
    stepCpuS: 0,
    stepEnergyJ: 0,
  };
};

/** Adds a step's line to its job: CPU time and energy summed, MaxRSS the largest. */
export const addStepLine = (
  job: OpenJob,
  fields: readonly string[],
  f: FieldIndex,
  line: number,
): LineProblem | null => {
  const totalCpu = optionalSeconds(fields, f.TotalCPU, "TotalCPU", line);
  if (typeof totalCpu === "object") return totalCpu;
  const rss = optionalMiB(fields, f.MaxRSS, "MaxRSS", line);
  if (typeof rss === "object") return rss;
  const energy = optionalCount(fields, f.ConsumedEnergyRaw, "ConsumedEnergyRaw", line);
  if (typeof energy === "object") return energy;
  if (totalCpu > 0) job.stepCpuS += totalCpu;
  if (energy > 0) job.stepEnergyJ += energy;
  if (rss > 0 && !(rss <= job.maxRssMiB)) job.maxRssMiB = rss;
  return null;
};

/** The job with its steps counted: the job's own figures, else its steps'. */
export const closeJob = (job: OpenJob): SacctJob => {
  if (Number.isNaN(job.totalCpuS) && job.stepCpuS > 0) job.totalCpuS = job.stepCpuS;
  if (Number.isNaN(job.energyJ) && job.stepEnergyJ > 0) {
    job.energyJ = job.stepEnergyJ;
    job.energyFrom = "ConsumedEnergyRaw";
  }
  return job;
};

const optionalSeconds = (
  fields: readonly string[],
  at: number,
  path: string,
  line: number,
): number | LineProblem => {
  const text = cell(fields, at);
  if (text === "") return Number.NaN;
  const s = slurmSeconds(text);
  return Number.isNaN(s)
    ? lineProblem(line, "not-a-number", path, `"${text}" is not a duration [D-][HH:]MM:SS[.mmm]`)
    : s;
};

const optionalMiB = (
  fields: readonly string[],
  at: number,
  path: string,
  line: number,
): number | LineProblem => {
  const text = cell(fields, at);
  if (text === "") return Number.NaN;
  const mib = slurmMiB(text, "K");
  return Number.isNaN(mib)
    ? lineProblem(line, "not-a-number", path, `"${text}" is not a memory size (e.g. 5234567K)`)
    : mib;
};

const optionalCount = (
  fields: readonly string[],
  at: number,
  path: string,
  line: number,
): number | LineProblem => {
  const text = cell(fields, at);
  if (text === "") return Number.NaN;
  const n = count(text);
  return Number.isNaN(n)
    ? lineProblem(line, "not-a-number", path, `"${text}" is not a whole number of joules`)
    : n;
};
