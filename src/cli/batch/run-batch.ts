import type { Dataset } from "../../core/types.ts";
import { CliError } from "../cli-error.ts";
import type { InputColumn } from "./batch-columns.ts";
import { type BlockResult, blockPricer, MAX_LISTED_BAD_ROWS, type PricerSetup } from "./block-pricer.ts";
import { recordBlocks } from "./record-blocks.ts";
import { type SpawnWorker, type WorkerPool, workerPool } from "./worker-pool.ts";

export { MAX_LISTED_BAD_ROWS } from "./block-pricer.ts";

/** Where batch output goes: `write` returns false when the consumer is full; then `drain` is awaited. */
export interface BatchSink {
  /** Writes bytes; `written` is called once they are consumed (their memory may then be reused). */
  readonly write: (bytes: Uint8Array, written?: () => void) => boolean;
  readonly drain: () => Promise<void>;
}

/** What a batch run needs. */
export interface BatchOptions {
  /** Name of the file, for messages. */
  readonly file: string;
  /** The file's content, in chunks of any size (a stream of bytes, or of text). */
  readonly chunks: AsyncIterable<string | Uint8Array>;
  /** Output format. */
  readonly format: "csv" | "json";
  /** Stop at the first bad row (CliError) instead of skipping it. */
  readonly strict: boolean;
  /** Values for columns a row leaves empty or the file lacks (from the command's flags). */
  readonly defaults: Partial<Record<InputColumn, string>>;
  /** The dataset, or a promise of it (loaded while the workers start). */
  readonly dataset: Dataset | PromiseLike<Dataset>;
  /** Output. */
  readonly sink: BatchSink;
  /** One line per bad row (and a note when too many to list). */
  readonly reportBadRow: (line: string) => void;
  /** Worker threads to price with (0 or absent: this thread only); they need `spawnWorker`. */
  readonly workers?: number;
  /** Starts a worker (see batch-worker.ts). */
  readonly spawnWorker?: SpawnWorker;
  /** Bytes per block of records (default 1 MiB). */
  readonly blockBytes?: number;
}

/** Totals of a batch run. */
export interface BatchSummary {
  /** Data rows read (header and blank lines not counted). */
  readonly rows: number;
  /** Rows priced and written. */
  readonly priced: number;
  /** Rows skipped as bad. */
  readonly skipped: number;
  /** Sums over the priced rows. */
  readonly energyKWh: number;
  readonly facilityEnergyKWh: number;
  readonly emissionsKg: number;
  readonly lowKg: number;
  readonly highKg: number;
}

const BLOCK_BYTES = 1 << 20;
/** Blocks handed to workers and not yet written, per worker (bounds memory). */
const IN_FLIGHT_PER_WORKER = 3;

const countLines = (bytes: Uint8Array): number => {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
};

/**
 * Prices a CSV of runs, streaming: the file is cut into blocks of whole records, priced in file order
 * on this thread or on worker threads (results are written strictly in input order, waiting when the
 * sink is full, with a bounded number of blocks in flight). Job factors are memoised per distinct
 * combination of the non-quantity columns.
 */
export const runBatch = async (options: BatchOptions): Promise<BatchSummary> => {
  const { file, sink } = options;
  const setup: PricerSetup = {
    file,
    format: options.format,
    strict: options.strict,
    defaults: options.defaults,
  };
  const parallel = (options.workers ?? 0) > 0 && options.spawnWorker !== undefined;
  let pool: WorkerPool | null = null;
  let headerRead = false;
  const inFlight: Promise<BlockResult>[] = [];
  const maxInFlight = IN_FLIGHT_PER_WORKER * Math.max(1, options.workers ?? 1);
  let linesWritten = 0; // lines before the next result to write
  let linesSent = 0; // lines before the next block to price
  let rows = 0;
  let priced = 0;
  let skipped = 0;
  let energyKWh = 0;
  let facilityEnergyKWh = 0;
  let emissionsKg = 0;
  let lowKg = 0;
  let highKg = 0;

  const spares: ArrayBuffer[] = [];
  let recycle: ((buffer: ArrayBuffer) => void) | undefined;
  const write = async (result: BlockResult, recycle?: (buffer: ArrayBuffer) => void): Promise<void> => {
    const { output } = result;
    const written = recycle === undefined ? undefined : () => recycle(output.buffer as ArrayBuffer);
    if (output.length > 0 && !sink.write(output, written)) await sink.drain();
    const base = linesWritten;
    linesWritten += result.lines;
    for (let i = 0; i < result.bad.length; i++) {
      const { line, message } = result.bad[i] as BlockResult["bad"][number];
      if (result.stopped && i === result.bad.length - 1)
        throw new CliError(`--batch: ${file}:${base + line}: ${message} (stopped: --strict)`);
      const n = skipped + i + 1;
      if (n <= MAX_LISTED_BAD_ROWS) options.reportBadRow(`${file}:${base + line}: ${message}; row skipped`);
      else if (n === MAX_LISTED_BAD_ROWS + 1)
        options.reportBadRow(`${file}: more bad rows; only the count is reported from here on`);
    }
    rows += result.rows;
    priced += result.priced;
    skipped += result.skipped;
    energyKWh += result.energyKWh;
    facilityEnergyKWh += result.facilityEnergyKWh;
    emissionsKg += result.emissionsKg;
    lowKg += result.lowKg;
    highKg += result.highKg;
  };

  try {
    // Workers start before the first read: they load while this thread reads the header.
    if (parallel) {
      pool = workerPool(
        options.spawnWorker as SpawnWorker,
        options.workers as number,
        { setup },
        (buffer) => {
          if (spares.length < maxInFlight) spares.push(buffer);
        },
      );
    }
    const local = blockPricer(setup, await options.dataset, null);
    for await (const block of recordBlocks(options.chunks, options.blockBytes ?? BLOCK_BYTES, spares)) {
      let rest = block;
      if (pool === null) {
        // Small files: this thread prices.
        const result = local.price(block.bytes, linesSent, block.last);
        linesSent += result.lines;
        await write(result);
        headerRead = local.hasHeader();
        continue;
      }
      if (!local.hasHeader()) {
        // This thread reads only the header; the workers price the rows after it.
        const result = local.priceHeader(block.bytes, linesSent, block.last);
        linesSent += result.lines;
        await write(result);
        if (result.header !== null) pool.start(result.header);
        headerRead = local.hasHeader();
        if (result.taken === block.bytes.length) continue;
        rest = { bytes: block.bytes.subarray(result.taken), last: block.last };
      }
      const first = linesSent;
      if (options.format === "json") linesSent += countLines(rest.bytes);
      inFlight.push(pool.price(rest, first));
      const running = pool;
      recycle = (buffer) => running.recycle(buffer);
      while (inFlight.length >= maxInFlight)
        await write(await (inFlight.shift() as Promise<BlockResult>), recycle);
    }
    while (inFlight.length > 0) await write(await (inFlight.shift() as Promise<BlockResult>));
  } finally {
    await pool?.close();
  }
  if (!headerRead) {
    throw new CliError(
      `--batch: ${file} is empty; expected a header row naming columns such as hardware,count,hours,region`,
    );
  }
  return { rows, priced, skipped, energyKWh, facilityEnergyKWh, emissionsKg, lowKg, highKg };
};
