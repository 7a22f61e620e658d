// Batch pricing of CSV files of runs: shared by the CLI (`mlco2 estimate --batch`), and ready for the
// server's CSV upload and a Slurm importer. Nothing here is worded for a command.
export { BatchError, type BatchErrorCode } from "./batch-error.ts";
export { INPUT_COLUMNS, type InputColumn, OUTPUT_COLUMNS } from "./columns.ts";
export { RECORD_MAX_BYTES, RECORD_MAX_LINES } from "./csv-record.ts";
export { type BatchOptions, type BatchSink, type BatchSummary, runBatch } from "./run-batch.ts";
export { MAX_LISTED_PROBLEMS } from "./tally.ts";
export type {
  BatchFormat,
  BatchProblemCode,
  BatchTotals,
  RowProblem,
  RowProblemCode,
  SpawnWorker,
  WorkerSetup,
} from "./types.ts";
