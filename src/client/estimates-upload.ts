// Stores estimate results on the team server as runs of origin "estimate" (POST /api/v1/estimates), one
// request per run under a key the caller chooses, so that sending the same runs again stores nothing
// twice. Never throws: the outcome says what was stored, what was there already and what failed.
import type { EstimateResult } from "../core/types.ts";
import { exchange, type Fetch } from "./http.ts";

/** One run to store. */
export interface EstimateUpload {
  /** The run key on the server (idempotency: a key already stored is not stored again). */
  readonly key: string;
  /** When the run started (ISO 8601 with a zone); the server's clock when absent. */
  readonly startedAt?: string;
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
}

/** Statuses after which the next run would fail the same way: the token or the project is wrong. */
const FATAL = new Set([401, 403, 404]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stores each run as an estimate run, in order; stops early when the token is refused.
 *
 * @example
 * const outcome = await uploadEstimates([{ key: "codecarbon-repriced:abc", result }], { server, token });
 */
export const uploadEstimates = async (
  uploads: readonly EstimateUpload[],
  options: EstimatesUploadOptions,
): Promise<EstimatesUploadOutcome> => {
  const now = options.nowMs ?? Date.now;
  const deadline = now() + (options.retryForMs ?? 60_000);
  const url = `${options.server.replace(/\/+$/, "")}/api/v1/estimates`;
  let stored = 0;
  let already = 0;
  const failed: { key: string; reason: string }[] = [];
  for (const [i, upload] of uploads.entries()) {
    const body = JSON.stringify({
      ...(options.project === undefined ? {} : { project: options.project }),
      key: upload.key,
      ...(upload.startedAt === undefined ? {} : { startedAt: upload.startedAt }),
      result: upload.result,
    });
    for (let wait = 1000; ; wait = Math.min(wait * 2, 30_000)) {
      const answer = await exchange(options.fetch ?? fetch, url, options.token, {
        method: "POST",
        body,
        timeoutMs: 30_000,
      });
      if (answer.ok) {
        if ((answer.body as { created?: unknown }).created === true) stored++;
        else already++;
        break;
      }
      const pause = answer.retryAfterS !== null ? answer.retryAfterS * 1000 : wait;
      if (answer.retry && now() + pause <= deadline) {
        await sleep(pause);
        continue;
      }
      failed.push({ key: upload.key, reason: answer.reason });
      if (FATAL.has(answer.status) || answer.retry)
        for (const rest of uploads.slice(i + 1)) failed.push({ key: rest.key, reason: answer.reason });
      break;
    }
    if (failed.length > 0 && failed.length + stored + already === uploads.length) break;
  }
  return { stored, already, failed };
};
