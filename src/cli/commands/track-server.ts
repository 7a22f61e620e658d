// `mlco2 track --server URL`: the log's lines streamed to a team server while the job runs, and what the
// server lacks sent at its end. The job never waits for the server and its exit code never depends on it:
// a server that is away costs one warning, and the log keeps everything for `mlco2 push`.
import { hostname } from "node:os";
import { type LogStream, streamLogLines } from "../../client/log-stream.ts";
import type { UploadState } from "../../client/uploader.ts";
import { CliError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";
import { checkServerUrl, serverTokenOf, type TokenFlags } from "../server-token.ts";

/** The server flags of `mlco2 track`. */
export interface TrackServerFlags extends TokenFlags {
  readonly server?: string;
  /** `--project`: also the project the samples are stored under. */
  readonly project?: string;
}

/** A run's upload: the hook for its log lines, and its end. */
export interface TrackUpload {
  readonly onLogLine: LogStream["onLogLine"];
  /** Sends what the server lacks (up to 30 s, 3 s when it is away) and says how it ended. */
  readonly finish: (quiet: boolean) => Promise<void>;
}

/** How long the end of a run keeps sending, ms: a last try of 3 s, and up to 30 s in all while the server answers (a backlog). */
const CLOSE_MS = { reachable: 30_000, away: 3_000 } as const;

/** The upload asked for by the flags (null without --server); a bad URL or a missing token is refused before the job starts. */
export const trackUploadOf = (
  flags: TrackServerFlags,
  logPath: string | undefined,
  io: CliIo,
): TrackUpload | null => {
  if (flags.server === undefined) {
    if (flags.tokenFile !== undefined || flags.token !== undefined)
      throw new CliError("--token-file: only with --server URL (the server to stream to)", {
        code: "required",
      });
    return null;
  }
  const server = flags.server;
  checkServerUrl(server);
  const env = io.env ?? process.env;
  const token = serverTokenOf(flags, env, "track --server");
  const stream = streamLogLines({
    server,
    token,
    ...(flags.project === undefined ? {} : { project: flags.project }),
    ...(logPath === undefined ? {} : { logPath }),
    env,
    machineHostname: hostname(),
    onWarning: (message) => io.stderr(`${message}\n`),
  });
  return {
    onLogLine: stream.onLogLine,
    finish: async (quiet) => {
      // A last try; then, only while the server answers, the time to take a backlog.
      let closed = await stream.close(CLOSE_MS.away);
      const complete = (state: UploadState) =>
        !state.stopped && state.summaryStored && state.ackedThrough === state.samples - 1;
      if (closed !== null && !complete(closed.state) && closed.state.reachable && !closed.state.stopped)
        closed = await stream.close(CLOSE_MS.reachable - CLOSE_MS.away);
      if (closed === null) return;
      const { state, place } = closed;
      const where = `run ${JSON.stringify(place.runKey)}, node ${place.node.hostname}:${place.node.rank}`;
      if (complete(state)) {
        if (!quiet) io.stderr(`mlco2: server: stored ${state.samples} samples and the summary (${where})\n`);
        return;
      }
      const resend =
        logPath === undefined ? "" : `; the log keeps them all: mlco2 push ${logPath} --server ${server}`;
      io.stderr(
        `mlco2: server: holds ${state.ackedThrough + 1} of ${state.samples} samples${state.summaryStored ? "" : ", not the summary"} (${where})${state.lastError === null ? "" : `: ${state.lastError}`}${resend}\n`,
      );
    },
  };
};
