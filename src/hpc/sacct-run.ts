// Prices sacct output as it streams: header → lines → jobs (steps counted once with their job) → priced
// rows and sums, from the input's bytes to the output's. Memory stays constant: one job is open at a
// time, sums are per group, output memory is reused once written.
import { OutputBuffer } from "../batch/output-buffer.ts";
import type { PricedRow } from "../batch/priced-row.ts";
import type { Problem } from "../core/errors.ts";
import type { Dataset } from "../core/types.ts";
import { ByteMemo, textAt } from "./byte-text.ts";
import { type Cluster, SpecFinder } from "./cluster.ts";
import { readLines } from "./input-lines.ts";
import { type JobQuantities, type MemoryChoice, quantitiesOf } from "./job-model.ts";
import { JobPricer, type JobPricer as Pricer } from "./job-pricer.ts";
import { CsvRows, JOB_ROW_HEADER, jsonRow, type RowFormat } from "./job-rows.ts";
import { LineFields } from "./line-fields.ts";
import { type PricedJobTaker, pricedJobOf } from "./priced-job.ts";
import { atLineAs, type LineProblem, lineProblem } from "./problems.ts";
import { type FieldIndex, fieldIndexOf } from "./sacct-columns.ts";
import { closeJob, JobReader, SacctJob } from "./sacct-job.ts";
import { type GroupBy, type GroupSums, GroupTotals } from "./summary.ts";

/**
 * Where output goes, as bytes: `write` returns false when the consumer is full (then `drain` is
 * awaited) and calls `written` once the bytes are consumed (their memory is then reused).
 */
export interface ByteSink {
  readonly write: (bytes: Uint8Array, written?: () => void) => boolean;
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
  readonly sink: ByteSink;
  /** Receives the first MAX_LISTED problems, in input order (all are counted). */
  readonly onProblem: (problem: LineProblem) => void;
  /** Receives each priced job as a record of its own (e.g. to store it); awaited between chunks. */
  readonly taker?: PricedJobTaker;
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

const emptyTotals = (): SacctTotals => ({
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
});

/** The output of a run: job rows written as bytes, handed over chunk by chunk (their memory reused once written). */
class RowOutput {
  readonly buffer = new OutputBuffer();
  private readonly csv = new CsvRows();

  constructor(private readonly format: RowFormat | null) {
    this.buffer.start(OUTPUT_START);
  }

  text(text: string): void {
    this.buffer.text(text);
  }

  row(job: SacctJob, q: JobQuantities, row: PricedRow): void {
    if (this.format === "csv") this.csv.write(this.buffer, job, q, row);
    else if (this.format === "json") this.buffer.text(jsonRow(job, q, row));
  }

  /** Hands what was written to the sink (waiting while it is full). */
  async flush(sink: ByteSink): Promise<void> {
    const out = this.buffer;
    if (out.at === 0) return;
    const bytes = out.written();
    out.start(Math.max(OUTPUT_START, bytes.length));
    if (!sink.write(bytes, () => out.recycle(bytes.buffer as ArrayBuffer))) await sink.drain();
  }
}

/** Bytes of output a chunk of input makes, about (1 MiB of sacct lines → about 0.3 MiB of CSV). */
const OUTPUT_START = 1 << 20;
const DOT = 46;

/** Where a job id's step suffix starts (`123.batch` → before ".batch"): `e` for a job's own line. */
const parentEnd = (b: Uint8Array, s: number, e: number): number => {
  for (let i = s; i < e; i++) if (b[i] === DOT) return i;
  return e;
};

class Run {
  readonly totals = emptyTotals();
  private index: FieldIndex | null = null;
  private width = 0;
  private reader: JobReader | null = null;
  private job: SacctJob | null = null;
  /** The job being read (null: none, or a bad one whose steps are passed over). */
  private open: SacctJob | null = null;
  /** Id of the group being read (a job, a bad job or orphan steps). */
  private readonly openId = new OpenId();
  /** Its Cluster (with `sacct -M`: a step belongs to the job of the same id on the same cluster). */
  private readonly openCluster = new OpenId();
  private openBad = false;
  private readonly lf = new LineFields();
  private readonly finder: SpecFinder;
  private readonly pricer: Pricer;
  private readonly groups: GroupTotals | null;
  private readonly partitions = new ByteMemo((text) => text);
  private readonly nodeLists = new ByteMemo((text) => text);
  readonly out: RowOutput;

  constructor(private readonly o: SacctOptions) {
    this.finder = new SpecFinder(o.cluster);
    this.pricer = new JobPricer(o.dataset);
    this.groups = o.groupBy === null ? null : new GroupTotals(o.groupBy);
    this.out = new RowOutput(o.rows);
  }

  get stopped(): boolean {
    return this.totals.stoppedAt !== null;
  }

  /** Reads line `n`, `b[s, e)` (without its line break). */
  line(b: Uint8Array, s: number, e: number, n: number): void {
    if (e === s) return;
    if (this.index === null) {
      this.header(textAt(b, s, e));
      return;
    }
    const lf = this.lf;
    lf.read(b, s, e);
    const f = this.index;
    const idS = lf.start(f.JobID);
    const idE = lf.end(f.JobID);
    const parentE = parentEnd(lf.bytes, idS, idE);
    const isStep = parentE !== idE;
    const ofOpen =
      this.openId.is(lf.bytes, idS, parentE) &&
      (f.Cluster < 0 || this.openCluster.is(lf.bytes, lf.start(f.Cluster), lf.end(f.Cluster)));
    if (lf.count !== this.width) this.wrongWidth(lf, n, isStep && ofOpen, parentE);
    else if (isStep && ofOpen) this.step(lf, n);
    else if (isStep) this.orphan(lf, n, parentE);
    else this.jobLine(lf, n);
  }

  private jobLine(lf: LineFields, n: number): void {
    this.closeOpen();
    const job = this.job as SacctJob;
    const problem = (this.reader as JobReader).job(lf, n, job);
    const f = this.index as FieldIndex;
    if (problem !== null) {
      this.startBad(lf, lf.end(f.JobID), problem);
      return;
    }
    this.totals.jobs++;
    this.open = job;
    this.setOpenId(lf, lf.end(f.JobID));
    this.openBad = false;
  }

  private step(lf: LineFields, n: number): void {
    if (this.openBad || this.open === null) return;
    const problem = (this.reader as JobReader).step(lf, n, this.open);
    if (problem !== null) this.failOpen(problem);
  }

  private orphan(lf: LineFields, n: number, parentE: number): void {
    const f = this.index as FieldIndex;
    const parent = textAt(lf.bytes, lf.start(f.JobID), parentE);
    this.closeOpen();
    this.startBad(
      lf,
      parentE,
      lineProblem(
        n,
        "orphan-step",
        "JobID",
        `step "${lf.text(f.JobID)}" without its job's line "${parent}" before it; its job is skipped (run sacct without filters that drop job lines)`,
      ),
    );
  }

  private wrongWidth(lf: LineFields, n: number, ofOpen: boolean, parentE: number): void {
    const problem = lineProblem(
      n,
      "field-count",
      "",
      `${lf.count} fields where the header has ${this.width} (a "|" in a job name?)`,
    );
    if (ofOpen) this.failOpen(problem);
    else {
      this.closeOpen();
      this.startBad(lf, parentE, problem);
    }
  }

  private header(raw: string): void {
    const names = raw.split("|");
    const found = fieldIndexOf(names);
    if ("missing" in found)
      throw new SacctInputError(
        "missing-fields",
        `the header lacks ${found.missing.join(", ")}; run sacct -P with --format=JobID,User,Account,Partition,State,Elapsed,NNodes,NCPUS,TotalCPU,CPUTime,ReqMem,MaxRSS,AllocTRES,NodeList,… (see docs/hpc.md)`,
      );
    this.index = found.index;
    this.width = names.length;
    this.reader = new JobReader(found.index);
    this.job = new SacctJob(found.index);
    if (this.o.rows === "csv") this.out.text(JOB_ROW_HEADER);
  }

  /** Ends the input: the last job is priced. */
  end(): void {
    if (this.index === null)
      throw new SacctInputError("empty", "is empty; expected sacct -P output starting with its header line");
    if (!this.stopped) this.closeOpen();
    this.totals.groups = this.groups?.sorted() ?? null;
    this.totals.lean = this.pricer.counts.lean;
    this.totals.engine = this.pricer.counts.engine;
  }

  /** A group that is not priced: a bad job (`lf`'s JobID up to `idE`) and its steps, or orphan steps. */
  private startBad(lf: LineFields, idE: number, problem: LineProblem): void {
    this.totals.jobs++;
    this.open = null;
    this.setOpenId(lf, idE);
    this.openBad = true;
    this.skip(problem);
  }

  /** The group read from here: `lf`'s JobID up to `idE`, and its Cluster when the header has one. */
  private setOpenId(lf: LineFields, idE: number): void {
    const f = this.index as FieldIndex;
    this.openId.set(lf.bytes, lf.start(f.JobID), idE);
    if (f.Cluster >= 0) this.openCluster.set(lf.bytes, lf.start(f.Cluster), lf.end(f.Cluster));
  }

  private failOpen(problem: LineProblem): void {
    if (this.openBad) return;
    this.open = null;
    this.openBad = true;
    this.skip(problem);
  }

  private skip(problem: LineProblem): void {
    this.totals.skipped++;
    // With strict, the problem that stops the run is told once, by the caller, as the reason it stopped.
    if (this.o.strict) this.totals.stoppedAt = problem;
    else if (this.totals.skipped <= MAX_LISTED) this.o.onProblem(problem);
  }

  private closeOpen(): void {
    const open = this.open;
    this.open = null;
    if (open === null || this.openBad) return;
    this.finish(closeJob(open));
  }

  private finish(job: SacctJob): void {
    const t = this.totals;
    if (job.state.kind === "pending") {
      t.pending++;
      return;
    }
    if (job.state.kind === "active" && !this.o.running) {
      t.running++;
      return;
    }
    if (job.elapsedS === 0) {
      t.neverStarted++;
      return;
    }
    this.price(job);
  }

  private price(job: SacctJob): void {
    const spec = this.finder.specOf(
      this.fieldText(job, this.partitions, "Partition"),
      this.finder.readsNodes ? this.fieldText(job, this.nodeLists, "NodeList") : "",
      job.line,
    );
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
    if (priced.ok) {
      this.add(job, q, priced.row);
      this.o.taker?.take(pricedJobOf(job, q, spec, priced.row));
    } else this.skip(this.engineProblem(job, q, priced.problem));
  }

  /** A field's text, through a memo of the texts that repeat. */
  private fieldText(job: SacctJob, memo: ByteMemo<string>, field: "Partition" | "NodeList"): string {
    const at = job.index[field];
    return memo.get(job.fields.bytes, job.fields.start(at), job.fields.end(at));
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
    this.out.row(job, q, row);
  }
}

/** The id of the group being read, as bytes. */
class OpenId {
  private bytes = Buffer.allocUnsafe(64);
  /** Before the first job: the empty id. */
  private length = 0;

  set(b: Uint8Array, s: number, e: number): void {
    if (e - s > this.bytes.length) this.bytes = Buffer.allocUnsafe(e - s);
    this.bytes.set(b.subarray(s, e), 0);
    this.length = e - s;
  }

  /** Whether `b[s, e)` is the id. */
  is(b: Uint8Array, s: number, e: number): boolean {
    if (e - s !== this.length) return false;
    for (let i = 0; i < this.length; i++) if (this.bytes[i] !== b[s + i]) return false;
    return true;
  }
}

/**
 * Prices the jobs of sacct output (`sacct -P`), streaming: writes a row per priced job to the sink,
 * reports bad lines, returns the totals. Throws SacctInputError when the input has no usable header.
 */
export const priceSacct = async (o: SacctOptions): Promise<SacctTotals> => {
  const run = new Run(o);
  await readLines(o.chunks, {
    line: (b, s, e, n) => run.line(b, s, e, n),
    stopped: () => run.stopped,
    flush: async () => {
      await run.out.flush(o.sink);
      await o.taker?.ready();
    },
  });
  run.end();
  await run.out.flush(o.sink);
  return run.totals;
};
