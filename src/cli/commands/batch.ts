import { once } from "node:events";
import { createReadStream, createWriteStream, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Writable } from "node:stream";
import { Worker } from "node:worker_threads";
import { formatMassKg, sig3 } from "../../core/format-number.ts";
import type { InputColumn } from "../batch/batch-columns.ts";
import { type BatchSink, runBatch } from "../batch/run-batch.ts";
import type { SpawnWorker } from "../batch/worker-pool.ts";
import { CliError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";
import type { EstimateFlags } from "../estimate-options.ts";
import { parseChoice } from "../parse-values.ts";

/** Output formats of `mlco2 estimate --batch`. */
export const BATCH_FORMATS = ["csv", "json"] as const;

/** Flags of `mlco2 estimate --batch`. */
export type BatchFlags = EstimateFlags & {
  batch: string;
  format?: string;
  output?: string;
  strict?: boolean;
  trainingType?: string;
};

const FLAG_COLUMNS: readonly (readonly [keyof EstimateFlags, InputColumn])[] = [
  ["hardware", "hardware"],
  ["count", "count"],
  ["hours", "hours"],
  ["deviceHours", "device_hours"],
  ["watts", "watts"],
  ["utilization", "utilization"],
  ["pue", "pue"],
  ["region", "region"],
  ["country", "country"],
  ["zone", "zone"],
  ["intensity", "intensity"],
  ["year", "year"],
  ["cpu", "cpu"],
  ["cpuCount", "cpu_count"],
  ["cpuUtilization", "cpu_utilization"],
  ["memoryGb", "memory_gb"],
];

/** Files from this size on are priced on worker threads (starting them costs tens of milliseconds). */
const PARALLEL_MIN_BYTES = 4 << 20;

/** The worker script: beside the bundled chunk (dist/chunks), or the source when run from source. */
const workerUrl = (): URL =>
  import.meta.url.endsWith(".ts")
    ? new URL("../batch/batch-worker.ts", import.meta.url)
    : new URL("./batch-worker.js", import.meta.url);

const spawnWorker: SpawnWorker = (workerData) => new Worker(workerUrl(), { workerData });

const sinkOf = (stream: Writable): BatchSink => ({
  write: (bytes, written) => stream.write(bytes, written === undefined ? undefined : () => written()),
  drain: async () => {
    await once(stream, "drain");
  },
});

const codeOf = (error: unknown): string =>
  error instanceof Error && "code" in error ? String(error.code) : "failed";

/**
 * `mlco2 estimate --batch runs.csv`: prices every row, streaming; writes CSV or JSON Lines to
 * `--output` or stdout, bad rows and a total line to stderr. Returns the exit code: 0, or 1 when rows
 * were skipped. Throws CliError (exit 2) on unusable input or, with `--strict`, at the first bad row.
 */
export const runBatchCommand = async (flags: BatchFlags, io: CliIo): Promise<number> => {
  const format = parseChoice("--format", flags.format ?? "csv", BATCH_FORMATS);
  if (flags.trainingType !== undefined)
    throw new CliError("--training-type: applies to --format model-card, not to --batch");
  let size = 0;
  try {
    const stat = statSync(flags.batch);
    size = stat.size;
    if (stat.isDirectory()) throw new CliError(`--batch: "${flags.batch}" is a directory; give a CSV file`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `--batch: cannot read "${flags.batch}" (${codeOf(error)}); give a CSV file with a header row`,
    );
  }
  const defaults: Partial<Record<InputColumn, string>> = {};
  for (const [flag, column] of FLAG_COLUMNS) {
    const value = flags[flag];
    if (value !== undefined) defaults[column] = value;
  }
  let output: Writable | undefined;
  if (flags.output !== undefined) {
    output = createWriteStream(flags.output);
    const opened = once(output, "open").then(
      () => null,
      (error: unknown) => error,
    );
    const failure = await opened;
    if (failure !== null)
      throw new CliError(
        `--output: cannot write "${flags.output}" (${codeOf(failure)}); use a writable file path`,
      );
  }
  const decoder = new TextDecoder();
  const sink: BatchSink =
    output !== undefined
      ? sinkOf(output)
      : io.stdoutWritable !== undefined
        ? sinkOf(io.stdoutWritable)
        : {
            write: (bytes, written) => {
              io.stdout(decoder.decode(bytes, { stream: true }));
              written?.();
              return true;
            },
            drain: async () => {},
          };
  const input = createReadStream(flags.batch, { highWaterMark: 1 << 20 });
  try {
    const summary = await runBatch({
      file: flags.batch,
      chunks: input,
      format,
      strict: flags.strict === true,
      defaults,
      // Loaded here, not on import: the workers start (and load their own) meanwhile.
      dataset: import("../../data/index.ts").then((data) => data.dataset),
      sink,
      reportBadRow: (line) => io.stderr(`mlco2: ${line}\n`),
      workers: size >= PARALLEL_MIN_BYTES ? availableParallelism() : 0,
      spawnWorker,
    });
    io.stderr(
      `mlco2: total ${summary.priced.toLocaleString("en-US")} of ${summary.rows.toLocaleString("en-US")} rows priced${summary.skipped > 0 ? `, ${summary.skipped.toLocaleString("en-US")} skipped` : ""}: ${sig3(summary.facilityEnergyKWh)} kWh with PUE, ${formatMassKg(summary.emissionsKg)} CO2eq (range ${formatMassKg(summary.lowKg)} – ${formatMassKg(summary.highKg)})\n`,
    );
    return summary.skipped > 0 ? 1 : 0;
  } finally {
    input.destroy();
    if (output !== undefined) {
      const stream = output;
      await new Promise<void>((resolve) => stream.end(resolve));
    }
  }
};
