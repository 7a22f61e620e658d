// `mlco2 serve token create|list|revoke`: tokens in the store directly (the PGlite folder must not be in
// use by a running server; with PostgreSQL it may be).
import { openStore, ServerError } from "../../server/node.ts";
import { TOKEN_SCOPES, type TokenScope } from "../../server/store/store.ts";
import { makeToken } from "../../server/tokens.ts";
import { CliError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";
import { parseChoice } from "../parse-values.ts";
import { type StoreFlags, storeLocationOf } from "./serve-flags.ts";

const withStore = async <T>(
  flags: StoreFlags,
  io: CliIo,
  work: (store: Awaited<ReturnType<typeof openStore>>["store"]) => Promise<T>,
): Promise<T> => {
  const now = io.now ?? (() => new Date());
  let opened: Awaited<ReturnType<typeof openStore>>;
  try {
    opened = await openStore(storeLocationOf(flags, io), now);
  } catch (error) {
    if (error instanceof ServerError)
      throw new CliError(`serve token: ${error.message}`, { code: error.code, exitCode: 1, cause: error });
    throw error;
  }
  try {
    return await work(opened.store);
  } finally {
    await opened.release();
  }
};

const NAME_MAX = 100;

/** `token create`: prints the token alone on stdout. */
export const runTokenCreate = async (
  flags: StoreFlags & { readonly project: string; readonly scope: string; readonly label?: string },
  io: CliIo,
): Promise<number> => {
  const scope = parseChoice<TokenScope>("--scope", flags.scope, TOKEN_SCOPES);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what names may not hold
  if (flags.project === "" || flags.project.length > NAME_MAX || /[\u0000-\u001f\u007f]/.test(flags.project))
    throw new CliError(
      `--project: expected a name of 1 to ${NAME_MAX} characters without control characters`,
      { code: "invalid" },
    );
  const made = makeToken();
  await withStore(flags, io, (store) =>
    store.createToken({
      id: made.id,
      hash: made.hash,
      projectName: flags.project,
      scope,
      label: flags.label ?? null,
      at: (io.now ?? (() => new Date()))(),
    }),
  );
  io.stdout(`${made.token}\n`);
  io.stderr(
    `mlco2: ${scope} token ${made.id} for project ${JSON.stringify(flags.project)} created; it is shown only now\n`,
  );
  return 0;
};

/** `token list`. */
export const runTokenList = async (flags: StoreFlags, io: CliIo): Promise<number> => {
  const tokens = await withStore(flags, io, (store) => store.listTokens());
  const rows = tokens.map((t) => [
    t.id,
    t.scope,
    t.projectName,
    t.createdAt.toISOString().slice(0, 19),
    t.revokedAt === null ? "valid" : `revoked ${t.revokedAt.toISOString().slice(0, 19)}`,
    t.label ?? "",
  ]);
  const header = ["id", "scope", "project", "created", "status", "label"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  for (const row of [header, ...rows])
    io.stdout(
      `${row
        .map((cell, i) => cell.padEnd(widths[i] as number))
        .join("  ")
        .trimEnd()}\n`,
    );
  return 0;
};

/** `token revoke <id>`. */
export const runTokenRevoke = async (id: string, flags: StoreFlags, io: CliIo): Promise<number> => {
  const now = io.now ?? (() => new Date());
  const revoked = await withStore(flags, io, (store) => store.revokeToken(id, now()));
  if (!revoked)
    throw new CliError(
      `token revoke: no valid token with id ${JSON.stringify(id)} (see mlco2 serve token list)`,
      { code: "not-found" },
    );
  io.stdout(`revoked ${id}\n`);
  return 0;
};
