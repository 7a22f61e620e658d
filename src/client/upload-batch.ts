// The body of one ingest request, built from the queue by text concatenation (lines are already JSON):
// pure, so the byte and line limits can be checked by hand.
import type { NumberedLine } from "./log-reader.ts";

/** Requests stay under this many bytes (the server takes 1 MiB). */
export const BODY_BUDGET = 768 * 1024;

/** The request fields that name the log: project, run key, node and log id. */
export interface LogIdentity {
  /** Project name (with an admin token only). */
  readonly project?: string | undefined;
  /** Run key shared by every node of the run. */
  readonly runKey: string;
  /** This node. */
  readonly node: { readonly hostname: string; readonly rank: number };
  /** The log's own id. */
  readonly logId: string;
}

/** The body's opening: `{"project":…,"runKey":…,"node":…,"logId":…` without the closing brace. */
export const bodyOpeningOf = (identity: LogIdentity): string =>
  JSON.stringify({
    ...(identity.project === undefined ? {} : { project: identity.project }),
    runKey: identity.runKey,
    node: { hostname: identity.node.hostname, rank: identity.node.rank },
    logId: identity.logId,
  }).slice(0, -1);

/** The query string of the acknowledgement request (GET /api/v1/ingest/ack). */
export const ackQueryOf = (identity: LogIdentity): string =>
  new URLSearchParams({
    ...(identity.project === undefined ? {} : { project: identity.project }),
    runKey: identity.runKey,
    hostname: identity.node.hostname,
    rank: String(identity.node.rank),
    logId: identity.logId,
  }).toString();

/** What the next request would carry. */
export interface BatchInput {
  /** From {@link bodyOpeningOf}. */
  readonly opening: string;
  /** The start line's JSON text (null: none). */
  readonly startRaw: string | null;
  /** Lines waiting, in seq order. */
  readonly queue: readonly NumberedLine[];
  /** Most lines per request. */
  readonly batchLines: number;
  /** The summary line's JSON text, when it is still to be sent (null: none, or stored already). */
  readonly summaryRaw: string | null;
  /** Whether lines after the queue wait in the log only (the summary must wait for them). */
  readonly spilled: boolean;
}

/** One request: the lines it carries, whether it carries the summary, and its body text. */
export interface Batch {
  /** The sample lines in the body. */
  readonly lines: NumberedLine[];
  /** Whether the body carries the summary line. */
  readonly withSummary: boolean;
  /** The JSON body. */
  readonly body: string;
}

/** Per-line bytes beyond the line's own text: `{"seq":…,"line":…},`. */
const LINE_OVERHEAD = 32;

/**
 * The next request: the queue's first lines, at most `batchLines` of them and under {@link BODY_BUDGET}
 * bytes (one line at least), with the summary when nothing else waits. Null when there is nothing to send.
 */
export const takeBatch = (input: BatchInput): Batch | null => {
  const lines: NumberedLine[] = [];
  let bytes = input.opening.length + (input.startRaw?.length ?? 0) + 64;
  for (const line of input.queue) {
    const next = bytes + line.raw.length + LINE_OVERHEAD;
    if (lines.length >= input.batchLines || (lines.length > 0 && next > BODY_BUDGET)) break;
    lines.push(line);
    bytes = next;
  }
  const rest = input.queue.length - lines.length;
  const withSummary = input.summaryRaw !== null && rest === 0 && !input.spilled;
  if (lines.length === 0 && !withSummary) return null;
  const parts = [input.opening];
  if (input.startRaw !== null) parts.push(`"start":${input.startRaw}`);
  parts.push(`"samples":[${lines.map((l) => `{"seq":${l.seq},"line":${l.raw}}`).join(",")}]`);
  if (withSummary) parts.push(`"summary":${input.summaryRaw}`);
  return { lines, withSummary, body: `${parts.join(",")}}` };
};

/** Wait before the next retry, ms, before jitter: the server's Retry-After, else doubling from `first` up to `max`. */
export const retryWaitMs = (
  retryAfterS: number | null,
  failures: number,
  backoff: { readonly first: number; readonly max: number },
): number =>
  retryAfterS !== null ? retryAfterS * 1000 : Math.min(backoff.max, backoff.first * 2 ** (failures - 1));
