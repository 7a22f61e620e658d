// The flags of a command that also stores what it priced on a team server (`import codecarbon`,
// `hpc sacct`): --server with its own help, then the token file, project and retry window they share.
import { type Command, Option } from "commander";

/** Adds `--server <url>` (described by `what`), `--token-file`, `--project`, `--retry-for` and the refused `--token`. */
export const addStoreOnServerOptions = (command: Command, what: string): Command =>
  command
    .option("--server <url>", what)
    .option(
      "--token-file <file>",
      "with --server: read the token from this file (default: the MLCO2_TOKEN environment variable)",
    )
    .option("--project <name>", "with --server: project (only with an admin token)")
    .option(
      "--retry-for <s>",
      "with --server: seconds to keep retrying while the server is away (default 60)",
    )
    .addOption(new Option("--token <token>").hideHelp());
