// `mlco2 push`: uploads a file after the fact — a tracker JSONL log (what the server lacks of it, resumed
// from its acknowledgement), a saved estimate (JSON), or a CodeCarbon emissions.csv. Never throws: the
// outcome says what was stored and what was not.
import { readFile } from "node:fs/promises";
import { codecarbonRows } from "./codecarbon-csv.ts";
import { exchange, type Fetch } from "./http.ts";
import { readLog } from "./log-reader.ts";
import { logPlaceOf } from "./run-key.ts";
import { createUploader, type UploadState } from "./uploader.ts";

/** What kind of file a push sends. */
export type PushKind = "tracker-log" | "estimate" | "codecarbon";

/** Options of {@link pushFile}. */
export interface PushOptions {
  /** Server base URL. */
  readonly server: string;
  /** Token (ingest, or admin with `project`). */
  readonly token: string;
  /** Project (admin tokens). */
  readonly project?: string;
  /** `--run-id`. */
  readonly runId?: string;
  /** Environment (launcher variables, for a log that does not say its run). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** This machine's name (for a log that does not say its host). */
  readonly machineHostname: string;
  /** `--hostname` / `--rank`: the node a tracker log is stored under, over what the log says. */
  readonly node?: { readonly hostname?: string; readonly rank?: number };
  /** How long to keep retrying while the server is away, ms (default 60 s). */
  readonly retryForMs?: number;
  /** Warnings (each once). */
  readonly onWarning?: (message: string) => void;
  /** fetch (tests). */
  readonly fetch?: Fetch;
}

/** How a push ended. */
export interface PushOutcome {
  /** What was sent. */
  readonly kind: PushKind;
  /** Whether everything is stored on the server. */
  readonly complete: boolean;
  /** One line for people. */
  readonly message: string;
  /** The run key(s) used. */
  readonly runKeys: readonly string[];
  /** Upload state, for tracker logs. */
  readonly state?: UploadState;
}

const kindOf = (path: string, head: string): PushKind | null => {
  const first = head.trimStart();
  if (/\.csv$/i.test(path) || /^(\uFEFF)?timestamp,|run_id/.test(first.split("\n")[0] ?? ""))
    return "codecarbon";
  if (/^\{"type":"start"/.test(first) || /^\{\s*"type"\s*:\s*"(start|sample)"/.test(first))
    return "tracker-log";
  if (first.startsWith("{")) return "estimate";
  return null;
};

const pushLog = async (path: string, options: PushOptions): Promise<PushOutcome> => {
  const log = await readLog(path, Number.MAX_SAFE_INTEGER, 0);
  if (log.logId === null)
    return {
      kind: "tracker-log",
      complete: false,
      message: `${path} has no start line with a runId; is it an mlco2 track log?`,
      runKeys: [],
    };
  const place = logPlaceOf(log.start, log.logId, {
    env: options.env,
    machineHostname: options.machineHostname,
    ...(options.runId === undefined ? {} : { runId: options.runId }),
    ...(options.node?.hostname === undefined ? {} : { hostname: options.node.hostname }),
    ...(options.node?.rank === undefined ? {} : { rank: options.node.rank }),
  });
  const uploader = createUploader({
    server: options.server,
    token: options.token,
    runKey: place.runKey,
    node: place.node,
    logId: log.logId,
    logPath: path,
    ...(options.project === undefined ? {} : { project: options.project }),
    ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    flushIntervalMs: 3_600_000,
  });
  if (log.start !== null) uploader.start(log.start);
  uploader.adoptLog(log.sampleCount, log.summaryRaw);
  const state = await uploader.close({ timeoutMs: options.retryForMs ?? 60_000 });
  const complete =
    state.ackedThrough === log.sampleCount - 1 &&
    (log.summaryRaw === null || state.summaryStored) &&
    !state.stopped;
  const where = `run ${JSON.stringify(place.runKey)} (from ${place.from}), node ${place.node.hostname}:${place.node.rank}`;
  const message = complete
    ? `stored ${log.sampleCount} samples${log.summaryRaw === null ? " (no summary yet: the run has not ended)" : " and the summary"} for ${where}`
    : `the server holds ${state.ackedThrough + 1} of ${log.sampleCount} samples for ${where}${state.lastError === null ? "" : `: ${state.lastError}`}; run mlco2 push again to send the rest`;
  return { kind: "tracker-log", complete, message, runKeys: [place.runKey], state };
};

const post = async (options: PushOptions, route: string, body: unknown) => {
  const deadline = Date.now() + (options.retryForMs ?? 60_000);
  for (let wait = 1000; ; wait = Math.min(wait * 2, 30_000)) {
    const answer = await exchange(
      options.fetch ?? fetch,
      `${options.server.replace(/\/+$/, "")}/api/v1/${route}`,
      options.token,
      {
        method: "POST",
        body: JSON.stringify(body),
        timeoutMs: 30_000,
      },
    );
    if (answer.ok || !answer.retry || Date.now() + wait > deadline) return answer;
    await new Promise((resolve) =>
      setTimeout(resolve, answer.retryAfterS !== null ? answer.retryAfterS * 1000 : wait),
    );
  }
};

const pushEstimate = async (text: string, options: PushOptions): Promise<PushOutcome> => {
  let result: unknown;
  try {
    result = JSON.parse(text);
  } catch (error) {
    return {
      kind: "estimate",
      complete: false,
      message: `not JSON (${(error as Error).message})`,
      runKeys: [],
    };
  }
  const answer = await post(options, "estimates", {
    ...(options.project === undefined ? {} : { project: options.project }),
    ...(options.runId === undefined ? {} : { key: options.runId }),
    result,
  });
  if (!answer.ok)
    return {
      kind: "estimate",
      complete: false,
      message: `the server did not store it: ${answer.reason}`,
      runKeys: [],
    };
  const body = answer.body as { key: string; created: boolean };
  return {
    kind: "estimate",
    complete: true,
    message: `${body.created ? "stored" : "already stored"} the estimate as run ${JSON.stringify(body.key)}`,
    runKeys: [body.key],
  };
};

const pushCodecarbon = async (text: string, options: PushOptions): Promise<PushOutcome> => {
  let rows: ReturnType<typeof codecarbonRows>;
  try {
    rows = codecarbonRows(text);
  } catch (error) {
    return { kind: "codecarbon", complete: false, message: (error as Error).message, runKeys: [] };
  }
  const keys: string[] = [];
  let stored = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const answer = await post(options, "codecarbon", {
      ...(options.project === undefined ? {} : { project: options.project }),
      rows: rows.slice(i, i + 500),
    });
    if (!answer.ok)
      return {
        kind: "codecarbon",
        complete: false,
        message: `the server did not store rows ${i + 1}–${Math.min(rows.length, i + 500)}: ${answer.reason}`,
        runKeys: keys,
      };
    const body = answer.body as { stored: number; runs: { key: string }[] };
    stored += body.stored;
    keys.push(...body.runs.map((r) => r.key));
  }
  return {
    kind: "codecarbon",
    complete: true,
    message: `stored ${stored} of ${rows.length} CodeCarbon runs (${rows.length - stored} were there already)`,
    runKeys: keys,
  };
};

/**
 * Uploads `path` (tracker log, saved estimate or CodeCarbon emissions.csv) to the server. Never throws.
 *
 * @example
 * const outcome = await pushFile("run.jsonl", { server, token, env: process.env, machineHostname: "gpu-01" });
 */
export const pushFile = async (path: string, options: PushOptions): Promise<PushOutcome> => {
  let text: string;
  try {
    text = path.toLowerCase().endsWith(".jsonl")
      ? (await readFile(path, "utf8")).slice(0, 4096)
      : await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { kind: "tracker-log", complete: false, message: `cannot read ${path} (${code})`, runKeys: [] };
  }
  const kind = kindOf(path, text.slice(0, 4096));
  if (kind === "tracker-log") return pushLog(path, options);
  if (kind === "codecarbon") return pushCodecarbon(text, options);
  if (kind === "estimate") return pushEstimate(text, options);
  return {
    kind: "tracker-log",
    complete: false,
    message: `${path} is not a tracker log (.jsonl), a saved estimate (.json) or a CodeCarbon emissions.csv`,
    runKeys: [],
  };
};
