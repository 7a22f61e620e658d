// Uploads one tracker log's lines to an mlco2 server in batches. The local JSONL log is the source of
// truth: lines the server has not acknowledged are kept (in memory up to a bound, else re-read from the
// log) and resent after a failure and at the end; every sample carries its seq, so a retry is stored once.
// Never throws into the caller and never blocks it: sample() only queues; sending happens in the
// background, one request at a time, with backoff while the server is away (warned about once).
import { type Exchange, exchange, type Fetch } from "./http.ts";
import { type NumberedLine, readLog } from "./log-reader.ts";

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

/** Where an upload stands. */
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
  /** Stops the timer and sends everything the server lacks, for at most `timeoutMs` (default 30 s). Never rejects. */
  close(options?: { readonly timeoutMs?: number }): Promise<UploadState>;
  /** Where the upload stands. */
  state(): UploadState;
}

/** Requests stay under this many bytes (the server takes 1 MiB). */
const BODY_BUDGET = 768 * 1024;

/** Makes an uploader; see {@link Uploader}. */
export const createUploader = (
  options: UploaderOptions,
): Uploader & {
  /** Push: the log at `logPath` holds `count` samples and maybe a summary; send what the server lacks. */
  adoptLog(count: number, summaryRaw: string | null): void;
} => {
  const fetchFn = options.fetch ?? fetch;
  const base = options.server.replace(/\/+$/, "");
  const batchLines = options.batchLines ?? 500;
  const maxQueued = options.maxQueuedLines ?? 20_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const backoff = options.backoffMs ?? { first: 1000, max: 30_000 };
  const warned = new Set<string>();
  const warn = (kind: string, message: string) => {
    if (warned.has(kind)) return;
    warned.add(kind);
    try {
      options.onWarning?.(message);
    } catch {
      // a failing warning handler must not stop the upload
    }
  };

  let startRaw: string | null = null;
  let nextSeq = 0;
  let queue: NumberedLine[] = [];
  /** Highest seq ever put in the queue. */
  let queuedThrough = -1;
  /** Sample lines from this seq on are only in the log (the queue was full). */
  let spilledFrom: number | null = null;
  let summaryRaw: string | null = null;
  let summaryStored = false;
  let acked = -1;
  let reachable = true;
  let lastError: string | null = null;
  let stopped = false;
  let resync = false;
  let retryAtMs = 0;
  let failures = 0;
  let pumping: Promise<void> | null = null;

  const meta = JSON.stringify({
    ...(options.project === undefined ? {} : { project: options.project }),
    runKey: options.runKey,
    node: { hostname: options.node.hostname, rank: options.node.rank },
    logId: options.logId,
  }).slice(0, -1);

  const state = (): UploadState => ({
    ackedThrough: acked,
    samples: nextSeq,
    queued: queue.length,
    summaryStored,
    reachable,
    lastError,
    stopped,
  });

  /** Re-reads the log after `after` (the server's acknowledgement, or the spill point) into the queue. */
  const refill = async (after: number): Promise<void> => {
    if (options.logPath === undefined) {
      if (spilledFrom !== null)
        warn(
          "lost",
          `mlco2: more than ${maxQueued} samples waited and no log path was given: samples from ${spilledFrom} on are not uploaded`,
        );
      spilledFrom = null;
      return;
    }
    try {
      const log = await readLog(options.logPath, after, maxQueued);
      const bySeq = new Map(queue.filter((l) => l.seq > after).map((l) => [l.seq, l]));
      for (const line of log.samples) bySeq.set(line.seq, line);
      queue = [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(0, maxQueued);
      queuedThrough = Math.max(queuedThrough, queue.at(-1)?.seq ?? after);
      const loadedThrough = queue.at(-1)?.seq ?? after;
      spilledFrom =
        log.sampleCount > loadedThrough + 1 && loadedThrough + 1 < nextSeq ? loadedThrough + 1 : null;
      if (log.summaryRaw !== null && summaryRaw === null) summaryRaw = log.summaryRaw;
    } catch (error) {
      warn("log", `mlco2: cannot re-read ${options.logPath} for upload (${(error as Error).message})`);
    }
  };

  const takeBatch = (): { lines: NumberedLine[]; withSummary: boolean; body: string } | null => {
    const lines: NumberedLine[] = [];
    let bytes = meta.length + (startRaw?.length ?? 0) + 64;
    for (const line of queue) {
      if (lines.length >= batchLines || (lines.length > 0 && bytes + line.raw.length + 32 > BODY_BUDGET))
        break;
      lines.push(line);
      bytes += line.raw.length + 32;
    }
    const rest = queue.length - lines.length;
    const withSummary = summaryRaw !== null && !summaryStored && rest === 0 && spilledFrom === null;
    if (lines.length === 0 && !withSummary) return null;
    const parts = [meta];
    if (startRaw !== null) parts.push(`"start":${startRaw}`);
    parts.push(`"samples":[${lines.map((l) => `{"seq":${l.seq},"line":${l.raw}}`).join(",")}]`);
    if (withSummary) parts.push(`"summary":${summaryRaw}`);
    return { lines, withSummary, body: `${parts.join(",")}}` };
  };

  const failed = (answer: Exclude<Exchange, { ok: true }>, lines: readonly NumberedLine[]): boolean => {
    lastError = answer.reason;
    if (answer.retry) {
      if (reachable)
        warn(
          "down",
          `mlco2: the server at ${base} is not answering (${answer.reason}); samples stay in the local log and are sent when it is back`,
        );
      reachable = false;
      resync = true;
      failures++;
      const wait =
        answer.retryAfterS !== null
          ? answer.retryAfterS * 1000
          : Math.min(backoff.max, backoff.first * 2 ** (failures - 1));
      retryAtMs = Date.now() + wait * (0.8 + 0.4 * Math.random());
      return false;
    }
    if (answer.status === 401 || answer.status === 403) {
      stopped = true;
      warn(
        "refused",
        `mlco2: the server refused the token (${answer.reason}); uploads stop, the local log keeps everything (send it later with mlco2 push)`,
      );
      return false;
    }
    // The server refused these lines for good (bad values): they are dropped from the upload, said once.
    warn(
      "rejected",
      `mlco2: the server refused samples ${lines[0]?.seq ?? "-"}…${lines.at(-1)?.seq ?? "-"} (${answer.reason}); they stay in the local log only`,
    );
    const sent = new Set(lines.map((l) => l.seq));
    queue = queue.filter((l) => !sent.has(l.seq));
    if (lines.length === 0) summaryStored = true;
    return true;
  };

  const askAck = async (): Promise<boolean> => {
    const query = new URLSearchParams({
      ...(options.project === undefined ? {} : { project: options.project }),
      runKey: options.runKey,
      hostname: options.node.hostname,
      rank: String(options.node.rank),
      logId: options.logId,
    });
    const answer = await exchange(fetchFn, `${base}/api/v1/ingest/ack?${query}`, options.token, {
      method: "GET",
      timeoutMs,
    });
    if (!answer.ok) {
      if (answer.retry || answer.status === 401 || answer.status === 403) failed(answer, []);
      else {
        lastError = answer.reason;
        stopped = true;
        warn("rejected", `mlco2: the server refused this log (${answer.reason}); uploads stop`);
      }
      return false;
    }
    const body = answer.body as { ackedThrough?: unknown; summary?: unknown };
    acked = typeof body.ackedThrough === "number" ? body.ackedThrough : acked;
    summaryStored = body.summary === true;
    queue = queue.filter((l) => l.seq > acked);
    if ((queue[0]?.seq ?? nextSeq) > acked + 1 || spilledFrom !== null) await refill(acked);
    resync = false;
    return true;
  };

  /** Sends one batch; false when nothing was sent (nothing left, a failure, or stopped). */
  const sendOne = async (): Promise<boolean> => {
    if (stopped) return false;
    if (resync && !(await askAck())) return false;
    if (queue.length === 0 && spilledFrom !== null) await refill(spilledFrom - 1);
    const batch = takeBatch();
    if (batch === null) return false;
    const answer = await exchange(fetchFn, `${base}/api/v1/ingest`, options.token, {
      method: "POST",
      body: batch.body,
      timeoutMs,
    });
    if (!answer.ok) return failed(answer, batch.lines);
    const body = answer.body as { ackedThrough?: unknown };
    const sent = new Set(batch.lines.map((l) => l.seq));
    queue = queue.filter((l) => !sent.has(l.seq));
    if (batch.withSummary) summaryStored = true;
    const ackedThrough = typeof body.ackedThrough === "number" ? body.ackedThrough : acked;
    acked = Math.max(acked, ackedThrough);
    // The server lacks something before this batch (it lost data, or an earlier batch failed): ask it.
    if (ackedThrough < (batch.lines.at(-1)?.seq ?? ackedThrough)) resync = true;
    if (!reachable) {
      reachable = true;
      resync = true;
      warned.delete("down");
    }
    lastError = null;
    failures = 0;
    return true;
  };

  const pump = (): Promise<void> => {
    if (pumping !== null) return pumping;
    pumping = (async () => {
      try {
        while (await sendOne()) {
          // keep sending while batches go through
        }
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      } finally {
        pumping = null;
      }
    })();
    return pumping;
  };

  const flush = async (): Promise<UploadState> => {
    if (Date.now() >= retryAtMs) await pump();
    return state();
  };

  const timer = setInterval(() => void flush(), options.flushIntervalMs ?? 5000);
  timer.unref();

  const close = async (closeOptions: { readonly timeoutMs?: number } = {}): Promise<UploadState> => {
    clearInterval(timer);
    const deadline = Date.now() + (closeOptions.timeoutMs ?? 30_000);
    resync = true;
    while (!stopped && Date.now() < deadline) {
      await pumping;
      const wait = retryAtMs - Date.now();
      if (wait > 0)
        await new Promise((resolve) => setTimeout(resolve, Math.min(wait, deadline - Date.now())));
      if (Date.now() >= deadline) break;
      await pump();
      const done =
        reachable &&
        !resync &&
        queue.length === 0 &&
        spilledFrom === null &&
        (summaryRaw === null || summaryStored);
      if (done) break;
    }
    return state();
  };

  return {
    start(line) {
      try {
        startRaw = JSON.stringify(line);
      } catch {
        // not serialisable: sent without a start line
      }
    },
    sample(line) {
      const seq = nextSeq++;
      if (seq <= queuedThrough) return;
      if (spilledFrom !== null || queue.length >= maxQueued) {
        spilledFrom ??= seq;
        return;
      }
      try {
        queue.push({ seq, raw: JSON.stringify(line) });
        queuedThrough = seq;
      } catch {
        spilledFrom ??= seq;
      }
      if (queue.length >= batchLines && Date.now() >= retryAtMs) void pump();
    },
    summary(line) {
      try {
        summaryRaw = JSON.stringify(line);
      } catch {
        // not serialisable: the run stays without a summary on the server
      }
    },
    flush,
    close,
    state,
    adoptLog(count, summary) {
      nextSeq = Math.max(nextSeq, count);
      if (count > 0) spilledFrom = 0;
      summaryRaw = summary;
      resync = true;
    },
  };
};
