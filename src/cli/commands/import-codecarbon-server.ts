// `mlco2 import codecarbon --server URL`: the re-priced runs stored on the team server as estimate runs,
// each under `codecarbon-repriced:<run_id>`, so that importing the same file again stores nothing twice.
import { createHash } from "node:crypto";
import { uploadEstimates } from "../../client/estimates-upload.ts";
import type { Repriced } from "../../import/index.ts";
import type { CliIo } from "../command-context.ts";

/** Where and how to store. */
export interface ServerTarget {
  readonly server: string;
  readonly token: string;
  readonly project?: string;
  readonly retryForMs: number;
}

/** A run to store: the re-priced row and its cells (for a key when the row has no run id). */
export interface StoredRun {
  readonly repriced: Repriced;
  readonly cells: readonly string[];
}

/** The run key: the run id, or for a row without one a digest of its cells (stable across imports). */
export const repricedKeyOf = (run: StoredRun): string =>
  `codecarbon-repriced:${
    run.repriced.run.runId !== ""
      ? run.repriced.run.runId
      : `row-${createHash("sha256").update(run.cells.join("\u001f")).digest("hex").slice(0, 16)}`
  }`;

/**
 * When the run started: CodeCarbon stamps a row when it writes it, at the end of the run (local time
 * without a zone, read as UTC as the server reads CodeCarbon rows), so its duration is taken off.
 */
export const startedAtOf = (r: Repriced): string | undefined => {
  const iso = r.run.timestamp.replace(" ", "T");
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms - r.run.durationS * 1000).toISOString();
};

/**
 * One run per key: CodeCarbon may write a run more than once (its cumulative figures at each flush);
 * the longest row is kept, the later one on a tie.
 */
const onePerKey = (runs: readonly StoredRun[]): Map<string, Repriced> => {
  const byKey = new Map<string, Repriced>();
  for (const run of runs) {
    const key = repricedKeyOf(run);
    const previous = byKey.get(key);
    if (previous === undefined || run.repriced.run.durationS >= previous.run.durationS)
      byKey.set(key, run.repriced);
  }
  return byKey;
};

/** Stores the runs; says what happened on stderr; returns whether every run is on the server. */
export const storeRepriced = async (
  runs: readonly StoredRun[],
  target: ServerTarget,
  io: CliIo,
): Promise<boolean> => {
  const byKey = onePerKey(runs);
  const uploads = [...byKey].map(([key, r]) => {
    const startedAt = startedAtOf(r);
    return { key, result: r.ours, ...(startedAt === undefined ? {} : { startedAt }) };
  });
  const outcome = await uploadEstimates(uploads, {
    server: target.server,
    token: target.token,
    retryForMs: target.retryForMs,
    ...(target.project === undefined ? {} : { project: target.project }),
  });
  for (const f of outcome.failed.slice(0, 5))
    io.stderr(`mlco2: ${target.server}: run "${f.key}" not stored: ${f.reason}\n`);
  if (outcome.failed.length > 5)
    io.stderr(`mlco2: ${target.server}: ${outcome.failed.length - 5} more not stored\n`);
  const merged = runs.length - byKey.size;
  io.stderr(
    `mlco2: ${target.server}: stored ${outcome.stored} of ${uploads.length} re-priced runs as estimate runs${outcome.already > 0 ? ` (${outcome.already} stored before, left as they are)` : ""}${merged > 0 ? `; ${merged} row(s) of a run written more than once: its longest row stored` : ""}${outcome.failed.length > 0 ? `; ${outcome.failed.length} not stored: run the import again to send them` : ""}\n`,
  );
  return outcome.failed.length === 0;
};
