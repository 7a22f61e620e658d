// Uploads one tracker log's lines to an mlco2 server in batches. The local JSONL log is the source of
// truth: lines the server has not acknowledged are kept (in memory up to a bound, else re-read from the
// log) and resent after a failure and at the end; every sample carries its seq, so a retry is stored once.
// Never throws into the caller and never blocks it: sample() only queues; sending happens in the
// background, one request at a time, with backoff while the server is away (warned about once).
import type { Fetch } from "./http.ts";
import { ackQueryOf, bodyOpeningOf } from "./upload-batch.ts";
import {
  closeRun,
  flushRun,
  newUploadRun,
  queueSample,
  stateOf,
  type UploadSettings,
  type UploadState,
} from "./upload-run.ts";

export type { UploadState };

/** Options of {@link createUploader}. */
export interface UploaderOptions {
  /** Server base URL, e.g. http://127.0.0.1:8080. */
  readonly server: string;
  /** Ingest token (from MLCO2_TOKEN or a file: never a command-line value). */
  readonly token: string;
  /** Run key shared by every node of the run (see logPlaceOf). */
  readonly runKey: string;
  /** This node. */
  readonly node: { readonly hostname: string; readonly rank: number };
  /** The log's own id: its start line's runId. */
  readonly logId: string;
  /** Project name (needed with an admin token only). */
  readonly project?: string;
  /** The JSONL log being written: lines dropped from memory, or lost by the server, are re-read from it. */
  readonly logPath?: string;
  /** Most sample lines per request (default 500); requests also stay under 768 KiB. */
  readonly batchLines?: number;
  /** How often queued lines are sent, ms (default 5000). */
  readonly flushIntervalMs?: number;
  /** Most lines kept in memory (default 20,000); beyond, they are re-read from `logPath`. */
  readonly maxQueuedLines?: number;
  /** Per-request timeout, ms (default 30,000: a full batch may wait behind others when many trackers catch up at once). */
  readonly timeoutMs?: number;
  /** First and longest wait between retries, ms (default 1,000 and 30,000). */
  readonly backoffMs?: { readonly first: number; readonly max: number };
  /** Called with each warning (each kind once until it clears). Default: nothing. */
  readonly onWarning?: (message: string) => void;
  /** fetch (tests). */
  readonly fetch?: Fetch;
}

/** The live API the tracker calls (see docs/server.md, "Client"). */
export interface Uploader {
  /** Remembers the log's start line (sent with every batch). */
  start(line: unknown): void;
  /** Queues the next sample line (seq = how many came before). Call it after writing the line to the log. */
  sample(line: unknown): void;
  /** Queues the summary line (sent after the last sample). */
  summary(line: unknown): void;
  /** Sends what is queued now (unless backing off); resolves when done. Never rejects. */
  flush(): Promise<UploadState>;
  /** Stops the timer and sends everything the server lacks, for at most `timeoutMs` (default 30 s): a try at once, then retries within the limit. Never rejects. */
  close(options?: { readonly timeoutMs?: number }): Promise<UploadState>;
  /** Where the upload stands. */
  state(): UploadState;
}

/** Makes an uploader; see {@link Uploader}. */
export const createUploader = (
  options: UploaderOptions,
): Uploader & {
  /** Push: the log at `logPath` holds `count` samples and maybe a summary; send what the server lacks. */
  adoptLog(count: number, summaryRaw: string | null): void;
} => {
  const run = newUploadRun(settingsOf(options));
  const timer = setInterval(() => void flushRun(run), options.flushIntervalMs ?? 5000);
  timer.unref();
  return {
    start(line) {
      try {
        run.startRaw = JSON.stringify(line);
      } catch {
        // not serialisable: sent without a start line
      }
    },
    sample: (line) => queueSample(run, line),
    summary(line) {
      try {
        run.summaryRaw = JSON.stringify(line);
      } catch {
        // not serialisable: the run stays without a summary on the server
      }
    },
    flush: () => flushRun(run),
    close: (closeOptions = {}) => {
      clearInterval(timer);
      return closeRun(run, closeOptions.timeoutMs ?? 30_000);
    },
    state: () => stateOf(run),
    adoptLog(count, summary) {
      run.nextSeq = Math.max(run.nextSeq, count);
      if (count > 0) run.spilledFrom = 0;
      run.summaryRaw = summary;
      run.resync = true;
    },
  };
};

/** The upload's fixed settings: options with their defaults. */
const settingsOf = (options: UploaderOptions): UploadSettings => ({
  fetchFn: options.fetch ?? fetch,
  base: options.server.replace(/\/+$/, ""),
  token: options.token,
  opening: bodyOpeningOf(options),
  ackQuery: ackQueryOf(options),
  logPath: options.logPath,
  batchLines: options.batchLines ?? 500,
  maxQueued: options.maxQueuedLines ?? 20_000,
  timeoutMs: options.timeoutMs ?? 30_000,
  backoff: options.backoffMs ?? { first: 1000, max: 30_000 },
  onWarning: options.onWarning,
});
