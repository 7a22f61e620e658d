// `mlco2 push <file> --server URL`: the token from MLCO2_TOKEN or --token-file (never a flag value, which
// `ps` would show); exit 0 when everything is stored, 1 when the server lacks some of it.
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { pushFile } from "../../client/push.ts";
import { rankFromEnv } from "../../client/run-key.ts";
import { outOfRange } from "../../core/problems.ts";
import { CliError, problemsError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";
import { parseIntegerFlag, parseNumberFlag } from "../parse-values.ts";

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

const tokenOf = (flags: PushFlags, env: Readonly<Record<string, string | undefined>>): string => {
  if (flags.token !== undefined)
    throw new CliError(
      "--token: a token is never given on the command line (other users see it in ps); set MLCO2_TOKEN or use --token-file",
      { code: "not-allowed" },
    );
  if (flags.tokenFile !== undefined) {
    try {
      const token = readFileSync(flags.tokenFile, "utf8").trim();
      if (token === "") throw new CliError(`--token-file: ${flags.tokenFile} is empty`, { code: "invalid" });
      return token;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(
        `--token-file: cannot read ${flags.tokenFile} (${(error as NodeJS.ErrnoException).code ?? error})`,
        { code: "unreadable" },
      );
    }
  }
  const token = env.MLCO2_TOKEN?.trim();
  if (token === undefined || token === "")
    throw new CliError(
      "push: no token: set MLCO2_TOKEN or give --token-file FILE (make one with mlco2 serve token create)",
      { code: "required" },
    );
  return token;
};

/** Uploads the file; returns the exit code. */
export const runPush = async (file: string, flags: PushFlags, io: CliIo): Promise<number> => {
  const env = io.env ?? {};
  const token = tokenOf(flags, env);
  if (!/^https?:\/\/[^\s/]+/.test(flags.server))
    throw new CliError(`--server: expected an http(s) URL such as http://127.0.0.1:8080`, {
      code: "invalid",
    });
  const rank =
    flags.rank === undefined
      ? rankFromEnv(env)
      : parseIntegerFlag("--rank", flags.rank, "a whole number from 0 to 1000000");
  if (rank < 0 || rank > 1_000_000)
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
    node: { hostname: flags.hostname ?? hostname(), rank },
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
