// `mlco2 push <file> --server URL`: the token from MLCO2_TOKEN or --token-file (never a flag value, which
// `ps` would show); exit 0 when everything is stored, 1 when the server lacks some of it.
import { hostname } from "node:os";
import { pushFile } from "../../client/push.ts";
import { outOfRange } from "../../core/problems.ts";
import { problemsError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";
import { parseIntegerFlag, parseNumberFlag } from "../parse-values.ts";
import { checkServerUrl, serverTokenOf } from "../server-token.ts";

/** Flags of `mlco2 push`. */
export interface PushFlags {
  readonly server: string;
  readonly tokenFile?: string;
  readonly token?: string;
  readonly runId?: string;
  readonly project?: string;
  readonly hostname?: string;
  readonly rank?: string;
  readonly retryFor?: string;
}

/** Uploads the file; returns the exit code. */
export const runPush = async (file: string, flags: PushFlags, io: CliIo): Promise<number> => {
  const env = io.env ?? {};
  const token = serverTokenOf(flags, env, "push");
  checkServerUrl(flags.server);
  const rank =
    flags.rank === undefined
      ? undefined
      : parseIntegerFlag("--rank", flags.rank, "a whole number from 0 to 1000000");
  if (rank !== undefined && (rank < 0 || rank > 1_000_000))
    throw problemsError([outOfRange("--rank", rank, "a whole number from 0 to 1000000")], (p) => p);
  const retryFor =
    flags.retryFor === undefined
      ? 60
      : parseNumberFlag("--retry-for", flags.retryFor, "seconds from 0 to 86400");
  if (retryFor < 0 || retryFor > 86_400)
    throw problemsError([outOfRange("--retry-for", retryFor, "seconds from 0 to 86400")], (p) => p);
  const outcome = await pushFile(file, {
    server: flags.server,
    token,
    env,
    machineHostname: hostname(),
    node: {
      ...(flags.hostname === undefined ? {} : { hostname: flags.hostname }),
      ...(rank === undefined ? {} : { rank }),
    },
    retryForMs: retryFor * 1000,
    ...(flags.runId === undefined ? {} : { runId: flags.runId }),
    ...(flags.project === undefined ? {} : { project: flags.project }),
    onWarning: (message) => io.stderr(`${message}\n`),
  });
  if (outcome.complete) {
    io.stdout(`mlco2 push: ${outcome.message}\n`);
    return 0;
  }
  io.stderr(`mlco2 push: ${outcome.message}\n`);
  return 1;
};
