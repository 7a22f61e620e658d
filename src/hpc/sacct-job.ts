// One job as sacct prints it: the job's line and its steps' lines (`.batch`, `.extern`, `.0`…) read into
// numbers from their bytes, steps counted once with their job. The job's line is kept (copied) until
// its steps are read; its texts are made only when asked for.
import { ByteMemo, textAt } from "./byte-text.ts";
import { LineFields } from "./line-fields.ts";
import { type LineProblem, lineProblem } from "./problems.ts";
import type { Field, FieldIndex } from "./sacct-columns.ts";
import { type StateKind, stateOf } from "./slurm-states.ts";
import {
  countAt,
  mibAt,
  type RequestedPer,
  requestedMiBAt,
  requestedPerAt,
  secondsAt,
} from "./slurm-values.ts";
import { TresReader } from "./tres.ts";

/** A state's name (`CANCELLED by 11111` → CANCELLED) and how it is priced. */
export interface JobState {
  readonly name: string;
  readonly kind: StateKind;
}

/** A job with its steps, read. NaN stands for a figure the input does not give. */
export class SacctJob {
  /** Line of the job's line. */
  line = 0;
  /** The job's line. */
  readonly fields = new LineFields();
  state: JobState = { name: "", kind: "pending" };
  /** Elapsed, seconds. */
  elapsedS = 0;
  /** Nodes (NNodes, else AllocTRES node=, else 1). */
  nodes = 0;
  /** CPUs allocated (NCPUS, else AllocTRES cpu=). */
  cpus = 0;
  /** GPUs allocated (AllocTRES gres/gpu); 0 without AllocTRES. */
  gpus = 0;
  /** GPU types named in AllocTRES. */
  readonly gpuTypes: string[] = [];
  /** TotalCPU (the job's, else the sum of its steps'), seconds; NaN when not given or 0. */
  totalCpuS = Number.NaN;
  /** CPUTime (Elapsed × CPUs as Slurm counts it), seconds; NaN when not given. */
  cpuTimeS = Number.NaN;
  /** Memory allocated (AllocTRES mem=), MiB; NaN when not given. */
  allocMemMiB = Number.NaN;
  /** ReqMem, MiB (NaN when not given), and what it is per. */
  reqMiB = Number.NaN;
  reqPer: RequestedPer = "job";
  /** Largest MaxRSS of the job and its steps (a per-task peak), MiB; NaN when not given. */
  maxRssMiB = Number.NaN;
  /** Measured energy, J: ConsumedEnergyRaw (the job's, else its steps' sum), else AllocTRES energy=; NaN when not recorded or 0. */
  energyJ = Number.NaN;
  /** Where `energyJ` comes from. */
  energyFrom: "ConsumedEnergyRaw" | "AllocTRES energy" | "" = "";
  /** Sums over steps (used when the job's own figure is missing). */
  stepCpuS = 0;
  stepEnergyJ = 0;
  /** The field whose date gives the month (End, else Start, else Submit); -1 when none is a date. */
  monthField = -1;

  constructor(readonly index: FieldIndex) {}

  /** A field's text ("" when the header lacks it). */
  text(field: Field): string {
    return this.fields.text(this.index[field]);
  }

  /** JobID as printed (`123`, `123_4` for an array task, `123+1` for a heterogeneous component). */
  get id(): string {
    return this.text("JobID");
  }

  /** `YYYY-MM` of End, else Start, else Submit ("" when none is a date). */
  get month(): string {
    if (this.monthField < 0) return "";
    const s = this.fields.start(this.monthField);
    return textAt(this.fields.bytes, s, s + 7);
  }
}

/** Whether `b[s, e)` starts with a date `YYYY-MM-DDT`. */
const isDate = (b: Uint8Array, s: number, e: number): boolean => {
  if (e - s < 11 || b[s + 4] !== 45 || b[s + 7] !== 45 || b[s + 10] !== 84) return false;
  for (let i = s; i < s + 10; i++) {
    const c = b[i] as number;
    if ((c < 48 || c > 57) && i !== s + 4 && i !== s + 7) return false;
  }
  return true;
};

const DURATION = "is not a duration [D-][HH:]MM:SS[.mmm]";

/** Reads jobs' and steps' lines (fields placed by the header). */
export class JobReader {
  private readonly states = new ByteMemo(stateOf);
  private readonly tres = new TresReader();

  constructor(private readonly f: FieldIndex) {}

  /** Reads a job's line into `job`; the problem when a field the pricing needs is not what Slurm prints. */
  job(lf: LineFields, line: number, job: SacctJob): LineProblem | null {
    const problem =
      this.identity(lf, line, job) ?? this.resources(lf, line, job) ?? this.usage(lf, line, job);
    if (problem !== null) return problem;
    job.line = line;
    job.fields.copyOf(lf);
    job.monthField = this.monthField(lf);
    job.stepCpuS = 0;
    job.stepEnergyJ = 0;
    return null;
  }

  /** Adds a step's line to its job: CPU time and energy summed, MaxRSS the largest. */
  step(lf: LineFields, line: number, job: SacctJob): LineProblem | null {
    const f = this.f;
    const totalCpu = secondsAt(lf.bytes, lf.start(f.TotalCPU), lf.end(f.TotalCPU));
    if (Number.isNaN(totalCpu) && !lf.empty(f.TotalCPU)) return this.bad(lf, line, "TotalCPU", DURATION);
    const rss = this.rss(lf);
    if (Number.isNaN(rss) && !lf.empty(f.MaxRSS)) return this.badRss(lf, line);
    const energy = countAt(lf.bytes, lf.start(f.ConsumedEnergyRaw), lf.end(f.ConsumedEnergyRaw));
    if (Number.isNaN(energy) && !lf.empty(f.ConsumedEnergyRaw)) return this.badEnergy(lf, line);
    if (totalCpu > 0) job.stepCpuS += totalCpu;
    if (energy > 0) job.stepEnergyJ += energy;
    if (rss > 0 && !(rss <= job.maxRssMiB)) job.maxRssMiB = rss;
    return null;
  }

  /** JobID, State, Elapsed. */
  private identity(lf: LineFields, line: number, job: SacctJob): LineProblem | null {
    const f = this.f;
    if (lf.empty(f.JobID)) return lineProblem(line, "required", "JobID", "is empty");
    const state = this.states.get(lf.bytes, lf.start(f.State), lf.end(f.State));
    if (state === null)
      return this.bad(
        lf,
        line,
        "State",
        "is not a Slurm job state (COMPLETED, FAILED, CANCELLED, RUNNING, PENDING…)",
        "invalid",
      );
    job.state = state;
    job.elapsedS = secondsAt(lf.bytes, lf.start(f.Elapsed), lf.end(f.Elapsed));
    if (Number.isNaN(job.elapsedS)) return this.bad(lf, line, "Elapsed", "is not a duration [D-]HH:MM:SS");
    return null;
  }

  /** AllocTRES, NCPUS, NNodes, ReqMem. */
  private resources(lf: LineFields, line: number, job: SacctJob): LineProblem | null {
    const f = this.f;
    const b = lf.bytes;
    const tres = this.tres;
    const read =
      f.AllocTRES >= 0 ? tres.read(b, lf.start(f.AllocTRES), lf.end(f.AllocTRES)) : tres.read(b, 0, 0);
    if (read !== "ok") return tresProblem(line, read, tres.fault);
    job.gpus = tres.gpus;
    job.gpuTypes.length = 0;
    for (const t of tres.gpuTypes) job.gpuTypes.push(t);
    job.allocMemMiB = tres.memMiB;
    const byNcpus = f.NCPUS >= 0 && !lf.empty(f.NCPUS);
    job.cpus = byNcpus ? countAt(b, lf.start(f.NCPUS), lf.end(f.NCPUS)) : tres.cpus;
    if (Number.isNaN(job.cpus))
      return this.bad(
        lf,
        line,
        f.NCPUS >= 0 ? "NCPUS" : "AllocTRES",
        "is not a CPU count",
        "not-a-number",
        "NCPUS",
      );
    const byNnodes = !lf.empty(f.NNodes);
    job.nodes = byNnodes
      ? countAt(b, lf.start(f.NNodes), lf.end(f.NNodes))
      : Number.isNaN(tres.nodes)
        ? 1
        : tres.nodes;
    if (Number.isNaN(job.nodes)) return this.bad(lf, line, "NNodes", "is not a node count");
    const [s, e] = [lf.start(f.ReqMem), lf.end(f.ReqMem)];
    job.reqMiB = s === e ? Number.NaN : requestedMiBAt(b, s, e);
    job.reqPer = requestedPerAt(b, s, e);
    if (s !== e && Number.isNaN(job.reqMiB))
      return this.bad(lf, line, "ReqMem", "is not a memory size (e.g. 4000M, 250Gn, 6760Mc)");
    job.energyJ = tres.energyJ;
    return null;
  }

  /** TotalCPU, CPUTime, MaxRSS, ConsumedEnergyRaw (and AllocTRES energy=, read with the resources). */
  private usage(lf: LineFields, line: number, job: SacctJob): LineProblem | null {
    const f = this.f;
    const b = lf.bytes;
    const totalCpu = secondsAt(b, lf.start(f.TotalCPU), lf.end(f.TotalCPU));
    if (Number.isNaN(totalCpu) && !lf.empty(f.TotalCPU)) return this.bad(lf, line, "TotalCPU", DURATION);
    job.cpuTimeS = secondsAt(b, lf.start(f.CPUTime), lf.end(f.CPUTime));
    if (Number.isNaN(job.cpuTimeS) && !lf.empty(f.CPUTime)) return this.bad(lf, line, "CPUTime", DURATION);
    job.maxRssMiB = this.rss(lf);
    if (Number.isNaN(job.maxRssMiB) && !lf.empty(f.MaxRSS)) return this.badRss(lf, line);
    const energy = countAt(b, lf.start(f.ConsumedEnergyRaw), lf.end(f.ConsumedEnergyRaw));
    if (Number.isNaN(energy) && !lf.empty(f.ConsumedEnergyRaw)) return this.badEnergy(lf, line);
    const tresEnergy = job.energyJ;
    job.totalCpuS = totalCpu > 0 ? totalCpu : Number.NaN;
    job.energyJ = energy > 0 ? energy : tresEnergy > 0 ? tresEnergy : Number.NaN;
    job.energyFrom = energy > 0 ? "ConsumedEnergyRaw" : tresEnergy > 0 ? "AllocTRES energy" : "";
    return null;
  }

  private rss(lf: LineFields): number {
    return mibAt(lf.bytes, lf.start(this.f.MaxRSS), lf.end(this.f.MaxRSS), "K");
  }

  private badRss(lf: LineFields, line: number): LineProblem {
    return this.bad(lf, line, "MaxRSS", "is not a memory size (e.g. 5234567K)");
  }

  private badEnergy(lf: LineFields, line: number): LineProblem {
    return this.bad(lf, line, "ConsumedEnergyRaw", "is not a whole number of joules");
  }

  /** `"<text of the field>" <reason>`, on `path` (the field's name unless told). */
  private bad(
    lf: LineFields,
    line: number,
    path: string,
    reason: string,
    code: "not-a-number" | "invalid" = "not-a-number",
    field: Field = path as Field,
  ): LineProblem {
    return lineProblem(line, code, path, `"${lf.text(this.f[field])}" ${reason}`);
  }

  /** The field whose date gives the month: End, else Start, else Submit; -1 when none is a date. */
  private monthField(lf: LineFields): number {
    const { End, Start, Submit } = this.f;
    if (End >= 0 && isDate(lf.bytes, lf.start(End), lf.end(End))) return End;
    if (Start >= 0 && isDate(lf.bytes, lf.start(Start), lf.end(Start))) return Start;
    return Submit >= 0 && isDate(lf.bytes, lf.start(Submit), lf.end(Submit)) ? Submit : -1;
  }
}

const tresProblem = (line: number, read: "unknown" | "malformed", fault: string): LineProblem =>
  read === "unknown"
    ? lineProblem(
        line,
        "unknown-tres",
        "AllocTRES",
        `"${fault}" is a resource the pricing does not know (it reads cpu, mem, node, energy, gres/gpu and passes over billing, licenses, file systems); the job is not priced without it`,
      )
    : lineProblem(line, "invalid", "AllocTRES", `"${fault}" is not name=count (e.g. gres/gpu=4, mem=64G)`);

/** The job with its steps counted: the job's own figures, else its steps'. */
export const closeJob = (job: SacctJob): SacctJob => {
  if (Number.isNaN(job.totalCpuS) && job.stepCpuS > 0) job.totalCpuS = job.stepCpuS;
  if (Number.isNaN(job.energyJ) && job.stepEnergyJ > 0) {
    job.energyJ = job.stepEnergyJ;
    job.energyFrom = "ConsumedEnergyRaw";
  }
  return job;
};
