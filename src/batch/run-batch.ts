import type { Dataset } from "../core/types.ts";
import { BatchError } from "./batch-error.ts";
import { BlockPricer } from "./block-pricer.ts";
import type { InputColumn } from "./columns.ts";
import { recordBlocks } from "./record-blocks.ts";
import { MAX_LISTED_PROBLEMS } from "./tally.ts";
import type {
  BatchFormat,
  BatchTotals,
  BlockResult,
  PricerSetup,
  RecordBlock,
  RowProblem,
  SpawnWorker,
} from "./types.ts";
import { type WorkerPool, workerPool } from "./worker-pool.ts";

/** Where batch output goes: `write` returns false when the consumer is full; then `drain` is awaited. */
export interface BatchSink {
  /** Writes bytes; `written` is called once they are consumed (their memory may then be reused). */
  readonly write: (bytes: Uint8Array, written?: () => void) => boolean;
  /** Resolves when the consumer takes more (rejects when it failed). */
  readonly drain: () => Promise<void>;
}

/** What a batch run needs. */
export interface BatchOptions {
  /** The file's content, in chunks of any size (a stream of bytes, or of text). */
  readonly chunks: AsyncIterable<string | Uint8Array>;
  /** Output format: CSV (input records and the figures) or JSON Lines. */
  readonly format: BatchFormat;
  /** Stop at the first bad row instead of skipping it (see {@link BatchSummary.stoppedAt}). */
  readonly strict: boolean;
  /** Values for columns a row leaves empty or the file lacks (e.g. from a command's flags). */
  readonly defaults: Partial<Record<InputColumn, string>>;
  /** The dataset, or a promise of it (loaded while the workers start). */
  readonly dataset: Dataset | PromiseLike<Dataset>;
  /** Output. */
  readonly sink: BatchSink;
  /** Receives the first MAX_LISTED_PROBLEMS bad rows, in file order (all are counted in the summary). */
  readonly onProblem?: (problem: RowProblem) => void;
  /** Worker threads to price with (0 or absent: this thread only); they need `spawnWorker`. */
  readonly workers?: number;
  /** Starts a worker running batch-worker.ts. */
  readonly spawnWorker?: SpawnWorker;
  /** Bytes per block of records (default 1 MiB). */
  readonly blockBytes?: number;
}

/** Totals of a batch run. */
export interface BatchSummary extends BatchTotals {
  /** With `strict`: the bad row that stopped pricing (every row before it was written); else null. */
  readonly stoppedAt: RowProblem | null;
}

const BLOCK_BYTES = 1 << 20;
/** Blocks handed to workers and not yet written, per worker (bounds memory). */
const IN_FLIGHT_PER_WORKER = 3;

const countLines = (bytes: Uint8Array): number => {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
};

type Sums = { -readonly [K in keyof BatchTotals]: BatchTotals[K] };

const addTotals = (to: Sums, from: BatchTotals): void => {
  to.rows += from.rows;
  to.priced += from.priced;
  to.skipped += from.skipped;
  to.energyKWh += from.energyKWh;
  to.facilityEnergyKWh += from.facilityEnergyKWh;
  to.emissionsKg += from.emissionsKg;
  to.lowKg += from.lowKg;
  to.highKg += from.highKg;
};

/** A batch run's state: the output position, the totals, the blocks in flight, the workers. */
interface BatchRun {
  readonly options: BatchOptions;
  readonly totals: Sums;
  readonly local: BlockPricer;
  readonly pool: WorkerPool | null;
  readonly inFlight: Promise<BlockResult>[];
  readonly maxInFlight: number;
  stoppedAt: RowProblem | null;
  /** Lines before the next result to write. */
  linesWritten: number;
  /** Lines before the next block to price. */
  linesSent: number;
  headerRead: boolean;
}

/** Writes a result in file order (placing its problems' lines); false once a strict run has stopped. */
const writeResult = async (
  run: BatchRun,
  result: BlockResult,
  recycle?: (buffer: ArrayBuffer) => void,
): Promise<boolean> => {
  const { output } = result;
  const { sink, onProblem } = run.options;
  const written = recycle === undefined ? undefined : () => recycle(output.buffer as ArrayBuffer);
  if (output.length > 0 && !sink.write(output, written)) await sink.drain();
  const base = run.linesWritten;
  run.linesWritten += result.lines;
  for (let i = 0; i < result.problems.length; i++) {
    const problem = result.problems[i] as RowProblem;
    const placed = { ...problem, line: base + problem.line };
    if (result.stopped && i === result.problems.length - 1) run.stoppedAt = placed;
    else if (run.totals.skipped + i < MAX_LISTED_PROBLEMS) onProblem?.(placed);
  }
  addTotals(run.totals, result);
  return run.stoppedAt === null;
};

/** Prices a block on this thread (small files, or no workers) and writes it; false once stopped. */
const priceHere = async (run: BatchRun, block: RecordBlock): Promise<boolean> => {
  const result = run.local.price(block.bytes, run.linesSent, block.last);
  run.linesSent += result.lines;
  run.headerRead = run.local.hasHeader();
  return writeResult(run, result);
};

/**
 * With workers: this thread reads the header (starting the pool with it), the pool prices the rest; at
 * most `maxInFlight` blocks wait to be written. False once stopped.
 */
const priceOnWorkers = async (run: BatchRun, pool: WorkerPool, block: RecordBlock): Promise<boolean> => {
  let rest: RecordBlock = block;
  if (!run.local.hasHeader()) {
    const result = run.local.priceHeader(block.bytes, run.linesSent, block.last);
    run.linesSent += result.lines;
    run.headerRead = run.local.hasHeader();
    if (!(await writeResult(run, result))) return false;
    if (result.header !== null) pool.start(result.header);
    if (result.taken === block.bytes.length) return true;
    rest = { bytes: block.bytes.subarray(result.taken), last: block.last };
  }
  const first = run.linesSent;
  if (run.options.format === "json") run.linesSent += countLines(rest.bytes);
  run.inFlight.push(pool.price(rest, first));
  const recycle = (buffer: ArrayBuffer) => pool.recycle(buffer);
  while (run.inFlight.length >= run.maxInFlight && run.stoppedAt === null)
    await writeResult(run, await (run.inFlight.shift() as Promise<BlockResult>), recycle);
  return run.stoppedAt === null;
};

/** Prices one block of records where it belongs (a record too long is a bad row); false once stopped. */
const priceBlock = async (run: BatchRun, block: RecordBlock): Promise<boolean> => {
  if (block.tooLong === true) {
    run.linesSent++;
    const result = run.local.tooLongLine();
    if (run.pool === null) return writeResult(run, result);
    run.inFlight.push(Promise.resolve(result));
    return true;
  }
  return run.pool === null ? priceHere(run, block) : priceOnWorkers(run, run.pool, block);
};

const zeroTotals = (): Sums => ({
  rows: 0,
  priced: 0,
  skipped: 0,
  energyKWh: 0,
  facilityEnergyKWh: 0,
  emissionsKg: 0,
  lowKg: 0,
  highKg: 0,
});

/**
 * Prices a CSV of runs, streaming: the file is cut into blocks of whole records, priced in file order
 * on this thread or on worker threads (results are written strictly in input order, waiting when the
 * sink is full, with a bounded number of blocks in flight). Job factors are memoised per distinct
 * combination of the non-quantity columns. Bad rows go to `onProblem` as coded problems; an unusable
 * file (empty, or a header naming no input column) throws BatchError.
 */
export const runBatch = async (options: BatchOptions): Promise<BatchSummary> => {
  const setup: PricerSetup = { format: options.format, strict: options.strict, defaults: options.defaults };
  const workers = options.spawnWorker === undefined ? 0 : (options.workers ?? 0);
  const maxInFlight = IN_FLIGHT_PER_WORKER * Math.max(1, workers);
  const spares: ArrayBuffer[] = [];
  // Workers start before the first read: they load while this thread reads the header.
  const pool =
    workers > 0
      ? workerPool(options.spawnWorker as SpawnWorker, workers, { setup }, (buffer) => {
          if (spares.length < maxInFlight) spares.push(buffer);
        })
      : null;
  let run: BatchRun | null = null;
  try {
    const local = new BlockPricer(setup, await options.dataset, null);
    const started: BatchRun = {
      options,
      totals: zeroTotals(),
      local,
      pool,
      inFlight: [],
      maxInFlight,
      stoppedAt: null,
      linesWritten: 0,
      linesSent: 0,
      headerRead: false,
    };
    run = started;
    for await (const block of recordBlocks(options.chunks, options.blockBytes ?? BLOCK_BYTES, spares))
      if (!(await priceBlock(started, block))) break;
    while (started.inFlight.length > 0 && started.stoppedAt === null)
      await writeResult(started, await (started.inFlight.shift() as Promise<BlockResult>));
  } finally {
    await pool?.close();
  }
  if (!run.headerRead) {
    throw new BatchError(
      "empty-file",
      "the file is empty; expected a header row naming columns such as hardware,count,hours,region",
    );
  }
  return { ...run.totals, stoppedAt: run.stoppedAt };
};
