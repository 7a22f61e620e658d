// Prices sacct output as it streams: header → lines → jobs (steps counted once with their job) → priced
// rows and sums. Memory stays constant: one job is open at a time, sums are per group.
import type { PricedRow } from "../batch/priced-row.ts";
import type { Problem } from "../core/errors.ts";
import type { Dataset } from "../core/types.ts";
import { type Cluster, SpecFinder } from "./cluster.ts";
import { type JobQuantities, type MemoryChoice, quantitiesOf } from "./job-model.ts";
import { JobPricer, type JobPricer as Pricer } from "./job-pricer.ts";
import { csvRow, JOB_ROW_HEADER, jsonRow, type RowFormat } from "./job-rows.ts";
import { atLineAs, type LineProblem, lineProblem } from "./problems.ts";
import { type FieldIndex, fieldIndexOf } from "./sacct-columns.ts";
import { addStepLine, closeJob, type OpenJob, parentIdOf, readJobLine, type SacctJob } from "./sacct-job.ts";
import { type GroupBy, type GroupSums, GroupTotals } from "./summary.ts";

/** Where text output goes: `write` returns false when the consumer is full; then `drain` is awaited. */
export interface TextSink {
  readonly write: (text: string) => boolean;
  readonly drain: () => Promise<void>;
}

/** What pricing sacct output needs. */
export interface SacctOptions {
  /** The output of `sacct -P` (header first), in chunks of any size. */
  readonly chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
  readonly dataset: Dataset;
  readonly cluster: Cluster;
  /** Memory charged: allocated (default) or the largest MaxRSS. */
  readonly memory: MemoryChoice;
  /** Price running jobs for their Elapsed so far. */
  readonly running: boolean;
  /** Stop at the first job that cannot be priced. */
  readonly strict: boolean;
  /** Job rows to write (null: none, e.g. for a summary only). */
  readonly rows: RowFormat | null;
  /** Sums by this field (null: none). */
  readonly groupBy: GroupBy | null;
  /** Output of the job rows. */
  readonly sink: TextSink;
  /** Receives the first MAX_LISTED problems, in input order (all are counted). */
  readonly onProblem: (problem: LineProblem) => void;
}

/** Problems listed one by one; the rest are counted. */
export const MAX_LISTED = 100;

/** Counts and sums of a run. Every job read is priced, not priced by rule, or skipped. */
export interface SacctTotals {
  /** Jobs read (a job's steps are part of it; a line that cannot be read counts as a job). */
  jobs: number;
  priced: number;
  /** Jobs that could not be priced (bad or unknown input). */
  skipped: number;
  /** Not priced by rule: pending, running (without `running`), or ended before they started. */
  pending: number;
  running: number;
  neverStarted: number;
  /** Priced jobs whose energy Slurm measured. */
  measured: number;
  energyKWh: number;
  facilityEnergyKWh: number;
  emissionsKg: number;
  lowKg: number;
  highKg: number;
  /** With `strict`: the problem that stopped the run. */
  stoppedAt: LineProblem | null;
  /** Sums by group, when asked. */
  groups: GroupSums[] | null;
  /** Jobs priced by the shortcut and by the full engine. */
  lean: number;
  engine: number;
}

/** A whole input that cannot be priced (no header, fields missing). */
export class SacctInputError extends Error {
  constructor(
    readonly code: "empty" | "missing-fields",
    message: string,
  ) {
    super(message);
    this.name = "SacctInputError";
  }
}

/** Engine fields as sacct fields, for problems found by the engine. */
const FIELD_OF: Readonly<Record<string, string>> = {
  hours: "Elapsed",
  count: "AllocTRES",
  cpuCount: "NCPUS",
  cpuUtilization: "TotalCPU",
  watts: "ConsumedEnergyRaw",
  hardware: "AllocTRES",
};

const MEMORY_FIELD = {
  allocated: "AllocTRES",
  requested: "ReqMem",
  "max-rss": "MaxRSS",
  "node-share": "NCPUS",
  none: "",
};

class Run {
  readonly totals: SacctTotals = {
    jobs: 0,
    priced: 0,
    skipped: 0,
    pending: 0,
    running: 0,
    neverStarted: 0,
    measured: 0,
    energyKWh: 0,
    facilityEnergyKWh: 0,
    emissionsKg: 0,
    lowKg: 0,
    highKg: 0,
    stoppedAt: null,
    groups: null,
    lean: 0,
    engine: 0,
  };
  private fields: FieldIndex | null = null;
  private width = 0;
  private open: OpenJob | null = null;
  /** Id of the group being read (a job, a bad job or orphan steps). */
  private openId = "";
  private openBad = false;
  private readonly finder: SpecFinder;
  private readonly pricer: Pricer;
  private readonly groups: GroupTotals | null;
  private out = "";

  constructor(private readonly o: SacctOptions) {
    this.finder = new SpecFinder(o.cluster);
    this.pricer = new JobPricer(o.dataset);
    this.groups = o.groupBy === null ? null : new GroupTotals(o.groupBy);
  }

  get stopped(): boolean {
    return this.totals.stoppedAt !== null;
  }

  /** Reads one line (its number counted from 1). */
  line(text: string, n: number): void {
    if (text.length === 0 || (text.length === 1 && text === "\r")) return;
    const raw = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
    if (this.fields === null) {
      this.header(raw);
      return;
    }
    const fields = raw.split("|");
    const f = this.fields;
    const id = (fields[f.JobID] ?? "").trim();
    const parent = parentIdOf(id);
    const isStep = parent !== id;
    if (fields.length !== this.width) {
      const problem = lineProblem(
        n,
        "field-count",
        "",
        `${fields.length} fields where the header has ${this.width} (a "|" in a job name?)`,
      );
      if (isStep && parent === this.openId) this.failOpen(problem);
      else {
        this.closeOpen();
        this.startBad(isStep ? parent : id, problem);
      }
      return;
    }
    if (isStep) {
      if (parent === this.openId) {
        if (this.openBad || this.open === null) return;
        const problem = addStepLine(this.open, fields, f, n);
        if (problem !== null) this.failOpen(problem);
        return;
      }
      this.closeOpen();
      this.startBad(
        parent,
        lineProblem(
          n,
          "orphan-step",
          "JobID",
          `step "${id}" without its job's line "${parent}" before it; its job is skipped (run sacct without filters that drop job lines)`,
        ),
      );
      return;
    }
    this.closeOpen();
    const job = readJobLine(fields, f, n);
    if ("code" in job) {
      this.startBad(id, job);
      return;
    }
    this.totals.jobs++;
    this.open = job;
    this.openId = id;
    this.openBad = false;
  }

  private header(raw: string): void {
    const names = raw.split("|");
    const found = fieldIndexOf(names);
    if ("missing" in found)
      throw new SacctInputError(
        "missing-fields",
        `the header lacks ${found.missing.join(", ")}; run sacct -P with --format=JobID,User,Account,Partition,State,Elapsed,NNodes,NCPUS,TotalCPU,CPUTime,ReqMem,MaxRSS,AllocTRES,NodeList,… (see docs/hpc.md)`,
      );
    this.fields = found.index;
    this.width = names.length;
    if (this.o.rows === "csv") this.emit(JOB_ROW_HEADER);
  }

  /** Ends the input: the last job is priced. */
  end(): void {
    if (this.fields === null)
      throw new SacctInputError("empty", "is empty; expected sacct -P output starting with its header line");
    if (!this.stopped) this.closeOpen();
    this.totals.groups = this.groups?.sorted() ?? null;
    this.totals.lean = this.pricer.counts.lean;
    this.totals.engine = this.pricer.counts.engine;
  }

  /** Output written so far and not yet handed over. */
  take(): string {
    const text = this.out;
    this.out = "";
    return text;
  }

  private emit(text: string): void {
    this.out += text;
  }

  private startBad(id: string, problem: LineProblem): void {
    this.totals.jobs++;
    this.open = null;
    this.openId = id;
    this.openBad = true;
    this.skip(problem);
  }

  private failOpen(problem: LineProblem): void {
    if (this.openBad) return;
    this.open = null;
    this.openBad = true;
    this.skip(problem);
  }

  private skip(problem: LineProblem): void {
    this.totals.skipped++;
    if (this.totals.skipped <= MAX_LISTED) this.o.onProblem(problem);
    if (this.o.strict) this.totals.stoppedAt = problem;
  }

  private closeOpen(): void {
    const open = this.open;
    this.open = null;
    if (open === null || this.openBad) return;
    this.finish(closeJob(open));
  }

  private finish(job: SacctJob): void {
    const t = this.totals;
    if (job.stateKind === "pending") {
      t.pending++;
      return;
    }
    if (job.stateKind === "active" && !this.o.running) {
      t.running++;
      return;
    }
    if (job.elapsedS === 0) {
      t.neverStarted++;
      return;
    }
    const spec = this.finder.specOf(job.partition, job.nodeList, job.line);
    if ("code" in spec) {
      this.skip(spec);
      return;
    }
    const q = quantitiesOf(job, spec, this.o.cluster.gres, this.o.memory);
    if ("code" in q) {
      this.skip(q);
      return;
    }
    const priced = this.pricer.price(q, spec);
    if (priced.ok) this.add(job, q, priced.row);
    else this.skip(this.engineProblem(job, q, priced.problem));
  }

  private engineProblem(job: SacctJob, q: JobQuantities, problem: Problem): LineProblem {
    const field = problem.path === "memoryGB" ? MEMORY_FIELD[q.memoryBasis] : FIELD_OF[problem.path];
    return atLineAs(job.line, problem, field ?? problem.path);
  }

  private add(job: SacctJob, q: JobQuantities, row: PricedRow): void {
    const t = this.totals;
    t.priced++;
    if (q.measuredW > 0) t.measured++;
    t.energyKWh += row.energyKWh;
    t.facilityEnergyKWh += row.facilityEnergyKWh;
    t.emissionsKg += row.emissionsKg;
    t.lowKg += row.lowKg;
    t.highKg += row.highKg;
    this.groups?.add(job, q, row);
    if (this.o.rows === "csv") this.out += csvRow(job, q, row);
    else if (this.o.rows === "json") this.out += jsonRow(job, q, row);
  }
}

/**
 * Prices the jobs of sacct output (`sacct -P`), streaming: writes a row per priced job to the sink,
 * reports bad lines, returns the totals. Throws SacctInputError when the input has no usable header.
 */
export const priceSacct = async (o: SacctOptions): Promise<SacctTotals> => {
  const run = new Run(o);
  const decoder = new TextDecoder();
  let carry = "";
  let n = 0;
  const flush = async (): Promise<void> => {
    const text = run.take();
    if (text.length > 0 && !o.sink.write(text)) await o.sink.drain();
  };
  for await (const chunk of o.chunks) {
    const text = carry + (typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    let start = 0;
    let nl = text.indexOf("\n");
    while (nl !== -1 && !run.stopped) {
      run.line(text.slice(start, nl), ++n);
      start = nl + 1;
      nl = text.indexOf("\n", start);
    }
    carry = text.slice(start);
    if (run.stopped) break;
    await flush();
  }
  if (!run.stopped) {
    const rest = carry + decoder.decode();
    if (rest.length > 0) run.line(rest, ++n);
  }
  run.end();
  await flush();
  return run.totals;
};
