// One priced row per job, as CSV or JSON Lines: the job's identity, the batch output columns, then what
// the figures were made from. CSV rows are written as bytes: the job's cells copied from its line, the
// numbers written digit by digit (the text formatCsvNumber gives).
import { OUTPUT_COLUMNS } from "../batch/columns.ts";
import { writeFigures } from "../batch/csv-output.ts";
import type { OutputBuffer } from "../batch/output-buffer.ts";
import type { PricedRow } from "../batch/priced-row.ts";
import { writeCsvNumber } from "../core/format-csv-number.ts";
import { copyBytes } from "./byte-text.ts";
import type { JobQuantities } from "./job-model.ts";
import type { SacctJob } from "./sacct-job.ts";

/** Output formats of job rows. */
export type RowFormat = "csv" | "json";

/** How a job's energy was obtained. */
export type EnergyBasis = "model" | "measured";

/** Columns of a job row, in order. */
export const JOB_ROW_COLUMNS = [
  "job_id",
  "user",
  "account",
  "partition",
  "state",
  ...OUTPUT_COLUMNS,
  "hours",
  "nodes",
  "gpus",
  "gpu_model",
  "cpus",
  "cpu_utilization",
  "memory_gb",
  "memory_basis",
  "energy_basis",
  "month",
] as const;

/** The CSV header line. */
export const JOB_ROW_HEADER = `${JOB_ROW_COLUMNS.join(",")}\n`;

/** The energy basis of a job: Slurm's measured energy (which field), or the model. */
export const energyBasisOf = (job: SacctJob, q: JobQuantities): string =>
  q.measuredW > 0 ? `measured (${job.energyFrom})` : "model";

const COMMA = 44;
const QUOTE = 34;
const NEWLINE = 10;
/** Bytes a row takes at most besides its texts: 10 numbers of at most 24 bytes, commas, the labels. */
const ROW_FIXED_MAX = 512;

/** Writes `b[s, e)` as a CSV cell at `p` of `o` (quoted when it holds a comma, a quote or a line break); returns the end. */
const writeCell = (b: Uint8Array, s: number, e: number, o: Uint8Array, p: number): number => {
  let quote = false;
  for (let i = s; i < e; i++) {
    const c = b[i] as number;
    if (c === COMMA || c === QUOTE || c === NEWLINE || c === 13) quote = true;
  }
  if (!quote) return copyBytes(b, s, e, o, p);
  let q = p;
  o[q++] = QUOTE;
  for (let i = s; i < e; i++) {
    const c = b[i] as number;
    o[q++] = c;
    if (c === QUOTE) o[q++] = QUOTE;
  }
  o[q++] = QUOTE;
  return q;
};

/** Writes an integer as String() writes it. */
const writeCount = (n: number, o: Uint8Array, p: number): number => {
  const text = Number.isSafeInteger(n) && n >= 0 && n < 1e9 ? undefined : String(n);
  if (text !== undefined) return writeAscii(text, o, p);
  let digits = 1;
  while (digits < 9 && n >= 10 ** digits) digits++;
  let rest = n;
  for (let i = p + digits - 1; i >= p; i--) {
    o[i] = 48 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return p + digits;
};

const writeAscii = (text: string, o: Uint8Array, p: number): number => {
  for (let i = 0; i < text.length; i++) o[p + i] = text.charCodeAt(i);
  return p + text.length;
};

/** A number, or nothing for NaN (a figure not known). */
const writeOptional = (n: number, o: Uint8Array, p: number): number =>
  Number.isNaN(n) ? p : writeCsvNumber(n, o, p);

/** Writes job rows as CSV lines into an output buffer. */
export class CsvRows {
  /** Texts written as they are, by text (states, bases): few distinct ones. */
  private readonly texts = new Map<string, Uint8Array>();
  /** Texts written as CSV cells (GPU models), by text. */
  private readonly cellTexts = new Map<string, Uint8Array>();
  /** Where the job's cells lie in its line: JobID, User, Account, Partition (the header's places). */
  private cells: Int32Array | null = null;

  /** Writes one job's row. */
  write(out: OutputBuffer, job: SacctJob, q: JobQuantities, r: PricedRow): void {
    const lf = job.fields;
    const f = job.index;
    const gpu = this.cellOf(q.gpuName);
    this.cells ??= Int32Array.of(f.JobID, f.User, f.Account, f.Partition);
    const cells = this.cells;
    let room = ROW_FIXED_MAX + gpu.length + job.state.name.length;
    for (let i = 0; i < cells.length; i++)
      room += 2 * (lf.end(cells[i] as number) - lf.start(cells[i] as number)) + 2;
    out.room(room);
    const o = out.bytes;
    let p = out.at;
    for (let i = 0; i < cells.length; i++) {
      const at = cells[i] as number;
      p = writeCell(lf.bytes, lf.start(at), lf.end(at), o, p);
      o[p++] = COMMA;
    }
    p = this.writeText(job.state.name, o, p);
    p = writeFigures(r, o, p);
    p = this.tail(job, q, r, gpu, o, p);
    out.at = p;
  }

  /** `,intensity,pue,hours,…,month` and the line break. */
  private tail(job: SacctJob, q: JobQuantities, r: PricedRow, gpu: Uint8Array, o: Uint8Array, at: number) {
    const measured = q.measuredW > 0;
    let p = at;
    o[p++] = COMMA;
    p = writeCsvNumber(r.intensityGPerKWh, o, p);
    o[p++] = COMMA;
    p = writeCsvNumber(r.pue, o, p);
    o[p++] = COMMA;
    p = writeCsvNumber(q.hours, o, p);
    o[p++] = COMMA;
    p = writeCount(q.nodes, o, p);
    o[p++] = COMMA;
    p = writeCount(q.gpus, o, p);
    o[p++] = COMMA;
    p = copyBytes(gpu, 0, gpu.length, o, p);
    o[p++] = COMMA;
    p = writeCount(q.cpus, o, p);
    o[p++] = COMMA;
    if (!measured) p = writeOptional(q.cpuUtilization, o, p);
    o[p++] = COMMA;
    if (!measured) p = writeOptional(q.memoryGB, o, p);
    o[p++] = COMMA;
    if (!measured) p = this.writeText(q.memoryBasis, o, p);
    o[p++] = COMMA;
    p = this.writeText(measured ? `measured (${job.energyFrom})` : "model", o, p);
    o[p++] = COMMA;
    if (job.monthField >= 0) {
      const s = job.fields.start(job.monthField);
      p = copyBytes(job.fields.bytes, s, s + 7, o, p);
    }
    o[p++] = NEWLINE;
    return p;
  }

  private writeText(text: string, o: Uint8Array, p: number): number {
    const bytes = this.bytesOf(text);
    return copyBytes(bytes, 0, bytes.length, o, p);
  }

  private bytesOf(text: string): Uint8Array {
    let bytes = this.texts.get(text);
    if (bytes === undefined) {
      bytes = Buffer.from(text, "utf8");
      this.texts.set(text, bytes);
    }
    return bytes;
  }

  /** A text as a CSV cell's bytes (remembered). */
  private cellOf(text: string): Uint8Array {
    let bytes = this.cellTexts.get(text);
    if (bytes === undefined) {
      const plain = Buffer.from(text, "utf8");
      bytes = new Uint8Array(plain.length * 2 + 2);
      bytes = bytes.subarray(0, writeCell(plain, 0, plain.length, bytes, 0));
      this.cellTexts.set(text, bytes);
    }
    return bytes;
  }
}

/** One job as a JSON line (numbers at full precision). */
export const jsonRow = (job: SacctJob, q: JobQuantities, r: PricedRow): string => {
  const month = job.month;
  return `${JSON.stringify({
    job_id: job.id,
    user: job.text("User"),
    account: job.text("Account"),
    partition: job.text("Partition"),
    state: job.state.name,
    energy_kwh: r.energyKWh,
    facility_energy_kwh: r.facilityEnergyKWh,
    emissions_kg: r.emissionsKg,
    low_kg: r.lowKg,
    high_kg: r.highKg,
    intensity_g_per_kwh: r.intensityGPerKWh,
    pue: r.pue,
    hours: q.hours,
    nodes: q.nodes,
    gpus: q.gpus,
    gpu_model: q.gpuName === "" ? null : q.gpuName,
    cpus: q.cpus,
    cpu_utilization: q.measuredW > 0 || Number.isNaN(q.cpuUtilization) ? null : q.cpuUtilization,
    memory_gb: q.measuredW > 0 || Number.isNaN(q.memoryGB) ? null : q.memoryGB,
    memory_basis: q.measuredW > 0 ? null : q.memoryBasis,
    energy_basis: energyBasisOf(job, q),
    month: month === "" ? null : month,
  } satisfies Record<(typeof JOB_ROW_COLUMNS)[number], unknown>)}\n`;
};
