// Stores estimate results on the team server as runs of origin "estimate" (POST /api/v1/estimates with
// `estimates`), many runs a request under keys the caller chooses, so that sending the same runs again
// stores nothing twice. The server refuses a batch whole when one of its runs is bad: that run is set
// aside with the server's reason and the rest sent again. Never throws: the outcome says what was
// stored, what was there already and what failed.
import type { EstimateResult } from "../core/types.ts";
import { type Exchange, exchange, type Fetch } from "./http.ts";

/** One run to store. */
export interface EstimateUpload {
  /** The run key on the server (idempotency: a key already stored is not stored again). */
  readonly key: string;
  /** When the run started (ISO 8601 with a zone); the server's clock when absent. */
  readonly startedAt?: string;
  /** Who ran it (the server records none when absent). */
  readonly user?: string;
  /** The estimate. */
  readonly result: EstimateResult;
}

/** Options of {@link uploadEstimates}. */
export interface EstimatesUploadOptions {
  /** Server base URL. */
  readonly server: string;
  /** Token (ingest, or admin with `project`). */
  readonly token: string;
  /** Project (admin tokens). */
  readonly project?: string;
  /** How long to keep retrying while the server is away or busy, ms, for all runs together (default 60 s). */
  readonly retryForMs?: number;
  /** fetch (tests). */
  readonly fetch?: Fetch;
  /** The clock, ms (tests). */
  readonly nowMs?: () => number;
}

/** How an upload ended. */
export interface EstimatesUploadOutcome {
  /** Runs stored now. */
  readonly stored: number;
  /** Runs the server held already (same key). */
  readonly already: number;
  /** Runs not stored, with the reason (the server's problem line, or the network error). */
  readonly failed: readonly { readonly key: string; readonly reason: string }[];
  /** Present when it stopped early (token refused, server away past the retry time): why; the runs after were not tried. */
  readonly stopped?: string;
}

/** Most runs a request (the server's limit). */
export const MAX_BATCH_RUNS = 500;
/** Most body bytes a request, under the server's 1 MiB cap with room for the envelope. */
export const MAX_BATCH_BYTES = 900_000;

/** Statuses after which the next request would fail the same way: the token or the project is wrong. */
const FATAL = new Set([401, 403, 404]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A run with its JSON, as it goes in a batch's `estimates`. */
interface Entry {
  readonly key: string;
  readonly json: string;
}

const entryOf = (upload: EstimateUpload): Entry => ({
  key: upload.key,
  json: JSON.stringify({
    key: upload.key,
    ...(upload.startedAt === undefined ? {} : { startedAt: upload.startedAt }),
    ...(upload.user === undefined ? {} : { user: upload.user }),
    result: upload.result,
  }),
});

/** The runs cut into requests of at most {@link MAX_BATCH_RUNS} runs and about {@link MAX_BATCH_BYTES}. */
const batchesOf = (entries: readonly Entry[]): Entry[][] => {
  const batches: Entry[][] = [];
  let batch: Entry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = Buffer.byteLength(entry.json) + 1;
    if (batch.length > 0 && (batch.length >= MAX_BATCH_RUNS || bytes + size > MAX_BATCH_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
};

/** The runs a refusal names (`estimates[3].result.energyKWh`), each with its reason as a single upload's. */
const refusedOf = (answer: Exchange & { ok: false }, count: number): Map<number, string> => {
  const refused = new Map<number, string>();
  const problems = (answer.body as { problems?: unknown } | null)?.problems;
  if (!Array.isArray(problems)) return refused;
  for (const problem of problems as { path?: unknown; message?: unknown }[]) {
    const match = /^estimates\[(\d+)\](?:\.(.+))?$/.exec(String(problem.path));
    const index = Number(match?.[1]);
    if (match === null || index >= count || refused.has(index)) continue;
    refused.set(index, `${match[2] === undefined ? "" : `${match[2]}: `}${String(problem.message)}`);
  }
  return refused;
};

/** What the sending so far came to. */
interface Tally {
  stored: number;
  already: number;
  readonly failed: { key: string; reason: string }[];
  stopped?: string;
}

/** Sends one batch until it is answered, split or given up; sets `stopped` when the rest would fail too. */
const sendBatch = async (
  batch: readonly Entry[],
  tally: Tally,
  send: (body: string) => Promise<Exchange>,
  retry: { readonly now: () => number; readonly deadline: number },
  head: string,
): Promise<void> => {
  let entries = batch;
  let wait = 1000;
  while (entries.length > 0) {
    const answer = await send(`${head}"estimates":[${entries.map((e) => e.json).join(",")}]}`);
    if (answer.ok) {
      const answered = (answer.body as { estimates?: { created?: unknown }[] }).estimates ?? [];
      const created = answered.filter((e) => e.created === true).length;
      tally.stored += created;
      tally.already += entries.length - created;
      return;
    }
    const pause = answer.retryAfterS !== null ? answer.retryAfterS * 1000 : wait;
    if (answer.retry && retry.now() + pause <= retry.deadline) {
      await sleep(pause);
      wait = Math.min(wait * 2, 30_000);
      continue;
    }
    if (answer.status === 413 && entries.length > 1) {
      const half = Math.ceil(entries.length / 2);
      for (const part of [entries.slice(0, half), entries.slice(half)])
        if (tally.stopped === undefined) await sendBatch(part, tally, send, retry, head);
        else for (const e of part) tally.failed.push({ key: e.key, reason: tally.stopped });
      return;
    }
    const refused = answer.status === 400 || answer.status === 409 ? refusedOf(answer, entries.length) : null;
    if (refused === null || refused.size === 0) {
      for (const e of entries) tally.failed.push({ key: e.key, reason: answer.reason });
      if (FATAL.has(answer.status) || answer.retry) tally.stopped = answer.reason;
      return;
    }
    // The server stored none of the batch: the runs it named are set aside, the rest sent again.
    const named = entries;
    for (const [i, reason] of refused) tally.failed.push({ key: named[i]?.key ?? "", reason });
    entries = named.filter((_, i) => !refused.has(i));
  }
};

/**
 * Stores the runs as estimate runs, in order, many a request; stops early when the token is refused.
 *
 * @example
 * const outcome = await uploadEstimates([{ key: "codecarbon-repriced:abc", result }], { server, token });
 */
export const uploadEstimates = async (
  uploads: readonly EstimateUpload[],
  options: EstimatesUploadOptions,
): Promise<EstimatesUploadOutcome> => {
  const now = options.nowMs ?? Date.now;
  const retry = { now, deadline: now() + (options.retryForMs ?? 60_000) };
  const url = `${options.server.replace(/\/+$/, "")}/api/v1/estimates`;
  const head = `{${options.project === undefined ? "" : `"project":${JSON.stringify(options.project)},`}`;
  const send = (body: string) =>
    exchange(options.fetch ?? fetch, url, options.token, { method: "POST", body, timeoutMs: 30_000 });
  const tally: Tally = { stored: 0, already: 0, failed: [] };
  for (const batch of batchesOf(uploads.map(entryOf))) {
    if (tally.stopped === undefined) await sendBatch(batch, tally, send, retry, head);
    else for (const e of batch) tally.failed.push({ key: e.key, reason: tally.stopped });
  }
  const { stored, already, failed, stopped } = tally;
  return { stored, already, failed, ...(stopped === undefined ? {} : { stopped }) };
};
