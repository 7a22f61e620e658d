// The team server's URL and token for `mlco2 push` and `mlco2 track --server`: the token from MLCO2_TOKEN
// or --token-file, never a flag value (other users see command lines in ps).
import { readFileSync } from "node:fs";
import { CliError } from "./cli-error.ts";

/** The token flags of a command that talks to the server. */
export interface TokenFlags {
  readonly tokenFile?: string;
  /** Refused: present only to say why. */
  readonly token?: string;
}

const readTokenFile = (path: string): string => {
  let token: string;
  try {
    token = readFileSync(path, "utf8").trim();
  } catch (error) {
    throw new CliError(
      `--token-file: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? error})`,
      {
        code: "unreadable",
      },
    );
  }
  if (token === "") throw new CliError(`--token-file: ${path} is empty`, { code: "invalid" });
  return token;
};

/** The token: --token-file, else MLCO2_TOKEN; `command` names the command in the error when neither is set. */
export const serverTokenOf = (
  flags: TokenFlags,
  env: Readonly<Record<string, string | undefined>>,
  command: string,
): string => {
  if (flags.token !== undefined)
    throw new CliError(
      "--token: a token is never given on the command line (other users see it in ps); set MLCO2_TOKEN or use --token-file",
      { code: "not-allowed" },
    );
  if (flags.tokenFile !== undefined) return readTokenFile(flags.tokenFile);
  const token = env.MLCO2_TOKEN?.trim();
  if (token === undefined || token === "")
    throw new CliError(
      `${command}: no token: set MLCO2_TOKEN or give --token-file FILE (make one with mlco2 serve token create)`,
      { code: "required" },
    );
  return token;
};

/** Refuses a --server value that is not an http(s) URL. */
export const checkServerUrl = (server: string): void => {
  if (!/^https?:\/\/[^\s/]+/.test(server))
    throw new CliError(
      `--server: ${JSON.stringify(server)} is not allowed; expected an http(s) URL such as http://127.0.0.1:8080`,
      { code: "invalid" },
    );
};
