// The team server a command stores its results on (`--server URL`, the token, `--project`,
// `--retry-for`), checked before the command reads anything: `mlco2 import codecarbon` and
// `mlco2 hpc sacct`.
import { CliError } from "./cli-error.ts";
import { parseNumberFlag } from "./parse-values.ts";
import { checkServerUrl, serverTokenOf, type TokenFlags } from "./server-token.ts";

/** Where and how to store. */
export interface ServerTarget {
  /** Server base URL. */
  readonly server: string;
  /** Token (ingest, or admin with `project`). */
  readonly token: string;
  /** Project (admin tokens). */
  readonly project?: string;
  /** How long to keep retrying while the server is away, ms. */
  readonly retryForMs: number;
}

/** The server flags of a command that stores results. */
export interface ServerFlags extends TokenFlags {
  readonly server?: string;
  readonly project?: string;
  readonly retryFor?: string;
}

/**
 * The server to store on (null without `--server`); `command` names the command when no token is set.
 * Flags that need `--server` are refused without it.
 */
export const serverTargetOf = (
  f: ServerFlags,
  env: Readonly<Record<string, string | undefined>>,
  command: string,
): ServerTarget | null => {
  if (f.server === undefined) {
    const stray = (
      [
        ["--token-file", f.tokenFile],
        ["--project", f.project],
        ["--retry-for", f.retryFor],
      ] as const
    ).find(([, v]) => v !== undefined);
    if (stray !== undefined) throw new CliError(`${stray[0]}: needs --server`);
    return null;
  }
  const token = serverTokenOf(f, env, command);
  checkServerUrl(f.server);
  const retryFor =
    f.retryFor === undefined ? 60 : parseNumberFlag("--retry-for", f.retryFor, "seconds from 0 to 86400");
  if (!(retryFor >= 0 && retryFor <= 86_400))
    throw new CliError(`--retry-for: ${retryFor} is not allowed; use seconds from 0 to 86400`, {
      code: "out-of-range",
    });
  return {
    server: f.server,
    token,
    retryForMs: retryFor * 1000,
    ...(f.project === undefined ? {} : { project: f.project }),
  };
};
