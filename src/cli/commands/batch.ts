import { once } from "node:events";
import { createReadStream, createWriteStream, statSync } from "node:fs";
import type { Writable } from "node:stream";
import { formatMassKg, sig3 } from "../../core/format-number.ts";
import { dataset } from "../../data/index.ts";
import type { InputColumn } from "../batch/batch-columns.ts";
import { type BatchSink, runBatch } from "../batch/run-batch.ts";
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

const sinkOf = (stream: Writable): BatchSink => ({
  write: (text) => stream.write(text),
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
  try {
    if (statSync(flags.batch).isDirectory())
      throw new CliError(`--batch: "${flags.batch}" is a directory; give a CSV file`);
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
  const sink: BatchSink =
    output !== undefined
      ? sinkOf(output)
      : io.stdoutWritable !== undefined
        ? sinkOf(io.stdoutWritable)
        : {
            write: (text) => {
              io.stdout(text);
              return true;
            },
            drain: async () => {},
          };
  const input = createReadStream(flags.batch, { encoding: "utf8", highWaterMark: 1 << 18 });
  try {
    const summary = await runBatch({
      file: flags.batch,
      chunks: input,
      format,
      strict: flags.strict === true,
      defaults,
      dataset,
      sink,
      reportBadRow: (line) => io.stderr(`mlco2: ${line}\n`),
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
