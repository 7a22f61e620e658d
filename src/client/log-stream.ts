// Streams a running tracker's log lines to a team server as they are written (`mlco2 track --server`).
// The uploader is made when the start line comes, since that line names the run and the node. The local
// log stays the source of truth: whatever the server has not acknowledged is re-read from it and resent.
import type { Fetch } from "./http.ts";
import { type LogPlace, logPlaceOf } from "./run-key.ts";
import { createUploader, type Uploader, type UploadState } from "./uploader.ts";

/** Options of {@link streamLogLines}. */
export interface LogStreamOptions {
  /** Server base URL. */
  readonly server: string;
  /** Ingest token (or admin: it then writes to `project`, else its own project). */
  readonly token: string;
  /** The project named to the server (an ingest token of another project is refused: 403). */
  readonly project?: string;
  /** The JSONL log the tracker writes (undefined: none; the upload then works from memory only). */
  readonly logPath?: string;
  /** The tracker's environment and machine name (for a start line that does not name its run). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly machineHostname: string;
  /** Warnings, each kind once. */
  readonly onWarning: (message: string) => void;
  /** How often queued lines are sent, ms (default 2,000: a run shows on the dashboard within seconds). */
  readonly flushIntervalMs?: number;
  /** fetch (tests). */
  readonly fetch?: Fetch;
}

/** A stream of one log's lines to the server. */
export interface LogStream {
  /** Takes each log line as the tracker writes it (start, samples, summary). Never throws. */
  readonly onLogLine: (line: Readonly<Record<string, unknown>>) => void;
  /** Sends what the server lacks, for at most `timeoutMs`; null when no start line came. Never rejects. */
  readonly close: (timeoutMs: number) => Promise<{ state: UploadState; place: LogPlace } | null>;
  /** Where the upload stands (null before the start line). */
  readonly state: () => UploadState | null;
}

/** Makes the stream; see {@link LogStream}. */
export const streamLogLines = (options: LogStreamOptions): LogStream => {
  let uploader: Uploader | null = null;
  let place: LogPlace | null = null;
  const begin = (line: Readonly<Record<string, unknown>>) => {
    const logId = typeof line.runId === "string" ? line.runId : "";
    place = logPlaceOf(line, logId, { env: options.env, machineHostname: options.machineHostname });
    uploader = createUploader({
      server: options.server,
      token: options.token,
      runKey: place.runKey,
      node: place.node,
      logId,
      ...(options.project === undefined ? {} : { project: options.project }),
      ...(options.logPath === undefined ? {} : { logPath: options.logPath }),
      flushIntervalMs: options.flushIntervalMs ?? 2000,
      onWarning: options.onWarning,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
    uploader.start(line);
  };
  return {
    onLogLine: (line) => {
      if (line.type === "start" && uploader === null) begin(line);
      else if (line.type === "sample") uploader?.sample(line);
      else if (line.type === "summary") uploader?.summary(line);
    },
    close: async (timeoutMs) => {
      if (uploader === null || place === null) return null;
      return { state: await uploader.close({ timeoutMs }), place };
    },
    state: () => (uploader === null ? null : (uploader as Uploader).state()),
  };
};
