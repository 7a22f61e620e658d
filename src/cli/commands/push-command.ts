import { type Command, Option } from "commander";
import type { CommandContext } from "../command-context.ts";

/** Registers `mlco2 push <file>`; its code loads only when it runs. */
export const registerPush = (program: Command, { io, setExit }: CommandContext): void => {
  program
    .command("push")
    .description(
      "upload a tracker log (.jsonl), a saved estimate (.json) or a CodeCarbon emissions.csv to an mlco2 server",
    )
    .argument("<file>", "the file to upload")
    .requiredOption("--server <url>", "server base URL, e.g. http://127.0.0.1:8080")
    .option(
      "--token-file <file>",
      "read the token from this file (default: the MLCO2_TOKEN environment variable)",
    )
    .option(
      "--run-id <key>",
      "run key (default: the one the log names, else MLCO2_RUN_ID, SLURM_JOB_ID, TORCHELASTIC_RUN_ID, else the log's own id)",
    )
    .option("--project <name>", "project (only with an admin token)")
    .option("--hostname <name>", "this node's name (default: the one the log names, else this machine's)")
    .option(
      "--rank <n>",
      "this node's rank (default: the one the log names, else the launcher's variables, else 0)",
    )
    .option("--retry-for <s>", "seconds to keep retrying while the server is away (default 60)")
    .addOption(new Option("--token <token>").hideHelp())
    .action(async (file: string, options) => {
      const { runPush } = await import("./push.ts");
      setExit(await runPush(file, options, io));
    });
};
