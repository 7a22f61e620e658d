import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import {
  BatchError,
  type InputColumn,
  MAX_LISTED_PROBLEMS,
  runBatch,
  type SpawnWorker,
} from "../../batch/index.ts";
import { CliError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";
import type { EstimateFlags } from "../estimate-options.ts";
import { parseChoice } from "../parse-values.ts";
import { openBatchInput, openBatchOutput } from "./batch-files.ts";
import {
  batchErrorMessage,
  moreBadRowsLine,
  skippedRowLine,
  strictStopMessage,
  totalLine,
} from "./batch-wording.ts";

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

/** Flags whose value is text: each is the default of a column. */
type TextFlag = {
  [K in keyof EstimateFlags]-?: EstimateFlags[K] extends string | undefined ? K : never;
}[keyof EstimateFlags];

const FLAG_COLUMNS: readonly (readonly [TextFlag, InputColumn])[] = [
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
  ["instance", "instance"],
];

/** Files from this size on are priced on worker threads (starting them costs tens of milliseconds). */
const PARALLEL_MIN_BYTES = 4 << 20;

/** The worker script: beside the bundled chunk (dist/commands), or the source when run from source. */
const workerUrl = (): URL =>
  import.meta.url.endsWith(".ts")
    ? new URL("../../batch/batch-worker.ts", import.meta.url)
    : new URL("./batch-worker.js", import.meta.url);

const spawnWorker: SpawnWorker = (workerData) => new Worker(workerUrl(), { workerData });

const defaultsOf = (flags: BatchFlags): Partial<Record<InputColumn, string>> => {
  const defaults: Partial<Record<InputColumn, string>> = {};
  for (const [flag, column] of FLAG_COLUMNS) {
    const value = flags[flag];
    if (value !== undefined) defaults[column] = value;
  }
  return defaults;
};

/**
 * `mlco2 estimate --batch runs.csv` (or `-` for stdin): prices every row, streaming; writes CSV or
 * JSON Lines to `--output` or stdout, bad rows and a total line to stderr. Returns the exit code: 0,
 * or 1 when rows were skipped. Throws CliError (exit 2) on unusable input, a write error, or with
 * `--strict` at the first bad row.
 */
export const runBatchCommand = async (flags: BatchFlags, io: CliIo): Promise<number> => {
  const format = parseChoice("--format", flags.format ?? "csv", BATCH_FORMATS);
  if (flags.trainingType !== undefined)
    throw new CliError("--training-type: applies to --format model-card, not to --batch");
  for (const [flag, given] of [
    ["--embodied", flags.embodied],
    ["--service-life", flags.serviceLife],
    ["--use-share", flags.useShare],
  ] as const) {
    if (given !== undefined)
      throw new CliError(
        `${flag}: applies to a single estimate, not to --batch (its rows have no embodied columns)`,
      );
  }
  const input = openBatchInput(flags.batch, io);
  try {
    const output = await openBatchOutput(flags.output, input, io);
    const file = input.name;
    let summary: Awaited<ReturnType<typeof runBatch>>;
    try {
      summary = await runBatch({
        chunks: input.chunks,
        format,
        strict: flags.strict === true,
        defaults: defaultsOf(flags),
        // Loaded here, not on import: the workers start (and load their own) meanwhile.
        dataset: import("../../data/index.ts").then((data) => data.dataset),
        sink: output.sink,
        onProblem: (problem) => io.stderr(`mlco2: ${skippedRowLine(file, problem)}\n`),
        workers: input.size >= PARALLEL_MIN_BYTES ? availableParallelism() : 0,
        spawnWorker,
      });
    } catch (error) {
      output.abort();
      if (error instanceof BatchError)
        throw new CliError(batchErrorMessage(file, error), { code: error.code, cause: error });
      throw error;
    }
    await output.finish();
    if (summary.stoppedAt !== null)
      throw new CliError(strictStopMessage(file, summary.stoppedAt), { code: summary.stoppedAt.code });
    if (summary.skipped > MAX_LISTED_PROBLEMS) io.stderr(`mlco2: ${moreBadRowsLine(file)}\n`);
    io.stderr(`mlco2: ${totalLine(summary)}\n`);
    return summary.skipped > 0 ? 1 : 0;
  } finally {
    input.chunks.destroy();
  }
};
