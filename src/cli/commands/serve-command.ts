import type { Command } from "commander";
import type { CommandContext } from "../command-context.ts";

const STORE_FLAGS = [
  ["--data <dir>", "folder of the embedded PGlite store (default ./mlco2-data)"],
  [
    "--database <url>",
    "PostgreSQL URL postgres://user:pass@host:port/db (default DATABASE_URL), instead of --data",
  ],
] as const;

/** Registers `mlco2 serve` and `mlco2 serve token create|list|revoke`; their code loads only when they run. */
export const registerServe = (program: Command, { io, setExit }: CommandContext): void => {
  const serve = program
    .command("serve")
    .enablePositionalOptions()
    .description("run the team server: API, dashboard, calculator, /metrics (binds 127.0.0.1 unless --host)")
    .option("--host <host>", "interface to bind (default 127.0.0.1; 0.0.0.0 for every interface)")
    .option("--port <port>", "port (default 8080)")
    .option(
      "--otlp <url>",
      "also export metrics over OTLP/HTTP to this endpoint, e.g. http://127.0.0.1:4318/v1/metrics",
    )
    .option("--otlp-interval <s>", "seconds between OTLP exports (default 15)");
  for (const [flags, description] of STORE_FLAGS) serve.option(flags, description);
  serve.action(async (options) => {
    const { runServe } = await import("./serve.ts");
    setExit(await runServe(options, io));
  });
  const token = serve
    .command("token")
    .description(
      "create, list or revoke API tokens (the server's store must not be in use by a running PGlite server)",
    );
  const create = token
    .command("create")
    .description("create a token and print it alone on stdout, once (only its hash is stored)")
    .requiredOption("--project <name>", "project the token belongs to (created when missing)")
    .requiredOption("--scope <scope>", "ingest (send samples), read (dashboard, /metrics) or admin (manage)")
    .option("--label <text>", "a note shown by token list");
  const list = token.command("list").description("list tokens (ids, projects, scopes; never the tokens)");
  const revoke = token
    .command("revoke")
    .description("revoke a token by its id")
    .argument("<id>", "the id shown by token list");
  for (const command of [create, list, revoke])
    for (const [flags, description] of STORE_FLAGS) command.option(flags, description);
  create.action(async (options) => {
    const { runTokenCreate } = await import("./serve-token.ts");
    setExit(await runTokenCreate(options, io));
  });
  list.action(async (options) => {
    const { runTokenList } = await import("./serve-token.ts");
    setExit(await runTokenList(options, io));
  });
  revoke.action(async (id: string, options) => {
    const { runTokenRevoke } = await import("./serve-token.ts");
    setExit(await runTokenRevoke(id, options, io));
  });
};
