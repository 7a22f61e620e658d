// Types shared by the batch modules (pricer, runner, worker pool, worker): one home, no import circle.
import type { Worker } from "node:worker_threads";
import type { Problem, ProblemCode } from "../core/errors.ts";
import type { InputColumn } from "./columns.ts";

/** Output formats of batch pricing: CSV, or JSON Lines. */
export type BatchFormat = "csv" | "json";

/** What pricing needs besides the rows; the same on the main thread and in every worker. */
export interface PricerSetup {
  /** Output format. */
  readonly format: BatchFormat;
  /** Stop at the first bad row. */
  readonly strict: boolean;
  /** Values for columns a row leaves empty or the file lacks (e.g. from a command's flags). */
  readonly defaults: Partial<Record<InputColumn, string>>;
}

/** The header record: its fields and its text as read. */
export interface HeaderRecord {
  /** Field texts, unquoted. */
  readonly fields: readonly string[];
  /** The record's text as read (without its line break). */
  readonly raw: string;
}

/** Kinds of bad row the batch reader finds itself (the engine's codes cover the rest). */
export type BatchProblemCode =
  /** The record has more or fewer fields than the header. */
  | "field-count"
  /** A quoted field is not closed within the bounds (see csv-record.ts) or before the end of the file. */
  | "unclosed-quote"
  /** A line is longer than a record may be (see csv-record.ts). */
  | "line-too-long"
  /** A value or a figure is too small to compute with (below the smallest normal double). */
  | "underflow";

/** Code of a bad row: the engine's problem codes and the batch reader's own. */
export type RowProblemCode = ProblemCode | BatchProblemCode;

/**
 * A bad row, as data: the engine's problem shape (code, path — the engine field at fault, or "" for the
 * record as a whole — and a message without the field's name) and the physical line where the record
 * starts (1 is the header's first line).
 */
export interface RowProblem extends Problem<RowProblemCode> {
  readonly line: number;
}

/** Counts and sums over priced rows. */
export interface BatchTotals {
  /** Data records read (header and blank lines not counted); always `priced + skipped`. */
  readonly rows: number;
  /** Rows priced and written. */
  readonly priced: number;
  /** Rows skipped as bad. */
  readonly skipped: number;
  /** Sum of energy at the devices, kWh. */
  readonly energyKWh: number;
  /** Sum of energy with PUE, kWh. */
  readonly facilityEnergyKWh: number;
  /** Sum of emissions, kg CO2eq. */
  readonly emissionsKg: number;
  /** Sum of the low ends of the ranges, kg. */
  readonly lowKg: number;
  /** Sum of the high ends of the ranges, kg. */
  readonly highKg: number;
}

/** What pricing a block gives: output bytes, counts, sums and bad rows. */
export interface BlockResult extends BatchTotals {
  /** Output for the block's rows (UTF-8). */
  readonly output: Uint8Array;
  /** Physical lines the block held. */
  readonly lines: number;
  /** The block's first bad rows (lines counted from the block's first line, 1); all are counted in `skipped`. */
  readonly problems: readonly RowProblem[];
  /** With `strict`: the block stopped at its first bad row (the last of `problems`). */
  readonly stopped: boolean;
  /** The header, when this block held it. */
  readonly header: HeaderRecord | null;
}

/** A block of whole CSV records, as bytes, with line breaks as LF. */
export interface RecordBlock {
  /** The bytes; the block owns its memory (it may be transferred to a worker). */
  readonly bytes: Buffer;
  /** The file ends with this block (it may end without a line break, or inside a quoted field). */
  readonly last: boolean;
  /** This block stands for one line longer than a record may be, dropped unread (`bytes` is empty). */
  readonly tooLong?: true;
}

/** What a batch worker starts with (its `workerData`). */
export interface WorkerSetup {
  /** The pricing setup, the same as the main thread's. */
  readonly setup: PricerSetup;
}

/** Messages to a batch worker: the header once, then blocks, and output memory handed back. */
export type WorkerMessage =
  | { readonly kind: "header"; readonly header: HeaderRecord }
  | { readonly kind: "block"; readonly bytes: Uint8Array; readonly first: number; readonly last: boolean }
  | { readonly kind: "recycle"; readonly buffer: ArrayBuffer };

/** A worker's answer: the result, and the block's memory handed back for reuse. */
export interface WorkerReply {
  /** The priced block. */
  readonly result: BlockResult;
  /** The block's input memory, for reuse. */
  readonly input: ArrayBuffer;
}

/** Starts one batch worker (e.g. `new Worker(<dist>/commands/batch-worker.js, { workerData })`). */
export type SpawnWorker = (data: WorkerSetup) => Worker;
