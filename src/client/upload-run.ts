// An upload in progress: its settings, what waits in memory, and what the server is known to hold. The
// stages below (queue a sample, re-read the log, ask the server, send a batch, close) each take the run
// and update it; createUploader (uploader.ts) wires them to the tracker's calls and a timer.
import { type Exchange, exchange, type Fetch } from "./http.ts";
import { type NumberedLine, readLog } from "./log-reader.ts";
import { retryWaitMs, takeBatch } from "./upload-batch.ts";

/** Fixed for the whole upload. */
export interface UploadSettings {
  readonly fetchFn: Fetch;
  /** Server base URL without a trailing slash. */
  readonly base: string;
  readonly token: string;
  /** From bodyOpeningOf. */
  readonly opening: string;
  /** From ackQueryOf. */
  readonly ackQuery: string;
  readonly logPath: string | undefined;
  readonly batchLines: number;
  readonly maxQueued: number;
  /** Per-request timeout, ms. */
  readonly timeoutMs: number;
  readonly backoff: { readonly first: number; readonly max: number };
  readonly onWarning: ((message: string) => void) | undefined;
}

/** Where an upload stands (the public snapshot). */
export interface UploadState {
  /** Every sample seq up to this one is stored on the server (-1: none known). */
  readonly ackedThrough: number;
  /** Sample lines given so far (the next seq). */
  readonly samples: number;
  /** Lines waiting to be sent (in memory). */
  readonly queued: number;
  /** Whether the summary line is stored. */
  readonly summaryStored: boolean;
  /** Whether the last exchange with the server succeeded. */
  readonly reachable: boolean;
  /** Why the last exchange failed (null when it succeeded). */
  readonly lastError: string | null;
  /** True when the server refused the token or the data for good (uploads stopped). */
  readonly stopped: boolean;
}

/** The mutable record the stages share. */
export interface UploadRun {
  readonly settings: UploadSettings;
  /** Warning kinds said and not cleared since. */
  readonly warned: Set<string>;
  startRaw: string | null;
  /** The next sample's seq (= samples given so far). */
  nextSeq: number;
  queue: NumberedLine[];
  /** Highest seq ever put in the queue. */
  queuedThrough: number;
  /** Sample lines from this seq on are only in the log (the queue was full). */
  spilledFrom: number | null;
  summaryRaw: string | null;
  summaryStored: boolean;
  acked: number;
  reachable: boolean;
  lastError: string | null;
  stopped: boolean;
  /** Ask the server what it holds before the next batch. */
  resync: boolean;
  /** No automatic send before this time (epoch ms). */
  retryAtMs: number;
  /** Failed exchanges in a row. */
  failures: number;
  /** The send loop now running, if any. */
  pumping: Promise<void> | null;
}

/** A run with nothing sent and nothing queued. */
export const newUploadRun = (settings: UploadSettings): UploadRun => ({
  settings,
  warned: new Set(),
  startRaw: null,
  nextSeq: 0,
  queue: [],
  queuedThrough: -1,
  spilledFrom: null,
  summaryRaw: null,
  summaryStored: false,
  acked: -1,
  reachable: true,
  lastError: null,
  stopped: false,
  resync: false,
  retryAtMs: 0,
  failures: 0,
  pumping: null,
});

export const stateOf = (run: UploadRun): UploadState => ({
  ackedThrough: run.acked,
  samples: run.nextSeq,
  queued: run.queue.length,
  summaryStored: run.summaryStored,
  reachable: run.reachable,
  lastError: run.lastError,
  stopped: run.stopped,
});

/** Says `message` once per `kind` (until the kind clears); a failing handler never stops the upload. */
const warnOnce = (run: UploadRun, kind: string, message: string): void => {
  if (run.warned.has(kind)) return;
  run.warned.add(kind);
  try {
    run.settings.onWarning?.(message);
  } catch {
    // a failing warning handler must not stop the upload
  }
};

/** Queues the next sample line, or marks it as spilled (only in the log) when the queue is full. */
export const queueSample = (run: UploadRun, line: unknown): void => {
  const seq = run.nextSeq++;
  if (seq <= run.queuedThrough) return;
  if (run.spilledFrom !== null || run.queue.length >= run.settings.maxQueued) {
    run.spilledFrom ??= seq;
    return;
  }
  try {
    run.queue.push({ seq, raw: JSON.stringify(line) });
    run.queuedThrough = seq;
  } catch {
    run.spilledFrom ??= seq;
  }
  if (run.queue.length >= run.settings.batchLines && Date.now() >= run.retryAtMs) void pump(run);
};

/** Re-reads the log after `after` (the server's acknowledgement, or the spill point) into the queue. */
const refill = async (run: UploadRun, after: number): Promise<void> => {
  const { logPath, maxQueued } = run.settings;
  if (logPath === undefined) {
    if (run.spilledFrom !== null)
      warnOnce(
        run,
        "lost",
        `mlco2: more than ${maxQueued} samples waited and no log path was given: samples from ${run.spilledFrom} on are not uploaded`,
      );
    run.spilledFrom = null;
    return;
  }
  try {
    const log = await readLog(logPath, after, maxQueued);
    const bySeq = new Map(run.queue.filter((l) => l.seq > after).map((l) => [l.seq, l]));
    for (const line of log.samples) bySeq.set(line.seq, line);
    run.queue = [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(0, maxQueued);
    run.queuedThrough = Math.max(run.queuedThrough, run.queue.at(-1)?.seq ?? after);
    const loadedThrough = run.queue.at(-1)?.seq ?? after;
    run.spilledFrom =
      log.sampleCount > loadedThrough + 1 && loadedThrough + 1 < run.nextSeq ? loadedThrough + 1 : null;
    if (log.summaryRaw !== null && run.summaryRaw === null) run.summaryRaw = log.summaryRaw;
  } catch (error) {
    warnOnce(run, "log", `mlco2: cannot re-read ${logPath} for upload (${(error as Error).message})`);
  }
};

/** Takes a failed exchange in: schedule a retry, stop for good, or drop refused lines. True when lines were dropped. */
const recordFailure = (
  run: UploadRun,
  answer: Exclude<Exchange, { ok: true }>,
  lines: readonly NumberedLine[],
): boolean => {
  run.lastError = answer.reason;
  if (answer.retry) {
    if (run.reachable)
      warnOnce(
        run,
        "down",
        `mlco2: the server at ${run.settings.base} is not answering (${answer.reason}); samples stay in the local log and are sent when it is back`,
      );
    run.reachable = false;
    run.resync = true;
    run.failures++;
    const wait = retryWaitMs(answer.retryAfterS, run.failures, run.settings.backoff);
    run.retryAtMs = Date.now() + wait * (0.8 + 0.4 * Math.random());
    return false;
  }
  if (answer.status === 401 || answer.status === 403) {
    run.stopped = true;
    warnOnce(
      run,
      "refused",
      `mlco2: the server refused the token (${answer.reason}); uploads stop, the local log keeps everything (send it later with mlco2 push)`,
    );
    return false;
  }
  // The server refused these lines for good (bad values): they are dropped from the upload, said once.
  warnOnce(
    run,
    "rejected",
    `mlco2: the server refused samples ${lines[0]?.seq ?? "-"}…${lines.at(-1)?.seq ?? "-"} (${answer.reason}); they stay in the local log only`,
  );
  dropSent(run, lines);
  if (lines.length === 0) run.summaryStored = true;
  return true;
};

const dropSent = (run: UploadRun, lines: readonly NumberedLine[]): void => {
  const sent = new Set(lines.map((l) => l.seq));
  run.queue = run.queue.filter((l) => !sent.has(l.seq));
};

/** Asks the server what it holds of this log and re-queues what it lacks; false when it did not answer. */
const askAck = async (run: UploadRun): Promise<boolean> => {
  const { fetchFn, base, token, ackQuery, timeoutMs } = run.settings;
  const answer = await exchange(fetchFn, `${base}/api/v1/ingest/ack?${ackQuery}`, token, {
    method: "GET",
    timeoutMs,
  });
  if (!answer.ok) {
    if (answer.retry || answer.status === 401 || answer.status === 403) recordFailure(run, answer, []);
    else {
      run.lastError = answer.reason;
      run.stopped = true;
      warnOnce(run, "rejected", `mlco2: the server refused this log (${answer.reason}); uploads stop`);
    }
    return false;
  }
  const body = answer.body as { ackedThrough?: unknown; summary?: unknown };
  run.acked = typeof body.ackedThrough === "number" ? body.ackedThrough : run.acked;
  run.summaryStored = body.summary === true;
  run.queue = run.queue.filter((l) => l.seq > run.acked);
  if ((run.queue[0]?.seq ?? run.nextSeq) > run.acked + 1 || run.spilledFrom !== null)
    await refill(run, run.acked);
  run.resync = false;
  return true;
};

/** Takes a stored batch in: drop its lines, move the acknowledgement, note that the server is back. */
const recordStored = (
  run: UploadRun,
  lines: readonly NumberedLine[],
  withSummary: boolean,
  body: unknown,
) => {
  dropSent(run, lines);
  if (withSummary) run.summaryStored = true;
  const reported = (body as { ackedThrough?: unknown }).ackedThrough;
  const ackedThrough = typeof reported === "number" ? reported : run.acked;
  run.acked = Math.max(run.acked, ackedThrough);
  // The server lacks something before this batch (it lost data, or an earlier batch failed): ask it.
  if (ackedThrough < (lines.at(-1)?.seq ?? ackedThrough)) run.resync = true;
  if (!run.reachable) {
    run.reachable = true;
    run.resync = true;
    run.warned.delete("down");
  }
  run.lastError = null;
  run.failures = 0;
};

/** Sends one batch; false when nothing was sent (nothing left, a failure, or stopped). */
const sendOne = async (run: UploadRun): Promise<boolean> => {
  if (run.stopped) return false;
  if (run.resync && !(await askAck(run))) return false;
  if (run.queue.length === 0 && run.spilledFrom !== null) await refill(run, run.spilledFrom - 1);
  const batch = takeBatch({
    opening: run.settings.opening,
    startRaw: run.startRaw,
    queue: run.queue,
    batchLines: run.settings.batchLines,
    summaryRaw: run.summaryStored ? null : run.summaryRaw,
    spilled: run.spilledFrom !== null,
  });
  if (batch === null) return false;
  const { fetchFn, base, token, timeoutMs } = run.settings;
  const answer = await exchange(fetchFn, `${base}/api/v1/ingest`, token, {
    method: "POST",
    body: batch.body,
    timeoutMs,
  });
  if (!answer.ok) return recordFailure(run, answer, batch.lines);
  recordStored(run, batch.lines, batch.withSummary, answer.body);
  return true;
};

/** Sends batches while they go through; one loop at a time (a second call joins the running one). */
export const pump = (run: UploadRun): Promise<void> => {
  if (run.pumping !== null) return run.pumping;
  run.pumping = (async () => {
    try {
      while (await sendOne(run)) {
        // keep sending while batches go through
      }
    } catch (error) {
      run.lastError = error instanceof Error ? error.message : String(error);
    } finally {
      run.pumping = null;
    }
  })();
  return run.pumping;
};

/** Sends what is queued now, unless a retry is scheduled later. */
export const flushRun = async (run: UploadRun): Promise<UploadState> => {
  if (Date.now() >= run.retryAtMs) await pump(run);
  return stateOf(run);
};

/** Whether the server holds everything given so far. */
const delivered = (run: UploadRun): boolean =>
  run.reachable &&
  !run.resync &&
  run.queue.length === 0 &&
  run.spilledFrom === null &&
  (run.summaryRaw === null || run.summaryStored);

/**
 * Sends everything the server lacks, for at most `limitMs`: a try at once (whatever retry time an earlier
 * failure set, which may lie beyond the limit), then retries as the backoff schedules them within the limit.
 */
export const closeRun = async (run: UploadRun, limitMs: number): Promise<UploadState> => {
  const deadline = Date.now() + limitMs;
  run.resync = true;
  await run.pumping; // a send in flight ends first; then the try at once
  run.retryAtMs = 0;
  while (!run.stopped && Date.now() < deadline) {
    await run.pumping;
    const wait = run.retryAtMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, deadline - Date.now())));
    if (Date.now() >= deadline) break;
    await pump(run);
    if (delivered(run)) break;
  }
  return stateOf(run);
};
