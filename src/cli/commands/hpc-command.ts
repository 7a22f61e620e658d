import type { Command } from "commander";
import type { CommandContext } from "../command-context.ts";
import { LOCATION_FLAGS } from "../estimate-options.ts";
import { addStoreOnServerOptions } from "./server-options.ts";

/** Registers `mlco2 hpc sacct` and `mlco2 hpc init`; their code loads only when they run. */
export const registerHpc = (program: Command, { io, setExit }: CommandContext): void => {
  const hpc = program.command("hpc").description("price a Slurm cluster's jobs from its accounting (sacct)");
  const sacct = hpc
    .command("sacct")
    .description(
      "price every job of sacct -P output (a file, stdin when piped or -, or sacct run with --since)",
    )
    .argument("[file]", "sacct -P output with its header line, or - (stdin; read when piped without a file)")
    .option(
      "--cluster <file>",
      "cluster file (TOML) mapping partitions and nodes to hardware (mlco2 hpc init)",
    )
    .option("--gpu <name>", "one-partition cluster: GPU model of the nodes")
    .option("--cpu <name|W>", "one-partition cluster: CPU of the nodes, catalog name or TDP in watts")
    .option("--sockets <n>", "one-partition cluster: CPU packages per node (default 1)")
    .option("--cpus-per-node <n>", "one-partition cluster: CPUs per node as Slurm counts them")
    .option(
      "--memory-gb-per-node <GB>",
      "one-partition cluster: memory per node (for jobs without memory figures)",
    );
  for (const [flags, description] of LOCATION_FLAGS) sacct.option(flags, description);
  sacct
    .option("--slurm-energy <use|ignore>", "use Slurm's measured energy when recorded (default use)")
    .option("--memory <allocated|max-rss>", "memory charged: allocated (default) or the largest MaxRSS")
    .option("--running", "price running jobs for their Elapsed so far (default: not priced)")
    .option("--since <time>", "run sacct for jobs from this time (sacct -S), one call")
    .option("--until <time>", "with --since: up to this time (sacct -E; default now)")
    .option("--all-users", "with --since: every user's jobs (sacct -a; needs the rights)")
    .option("--by <field>", "sums by user, account, partition or month instead of job rows")
    .option(
      "--format <format>",
      "job rows: csv (default) or json (JSON Lines); with --by: text (default), markdown, json or csv",
    )
    .option("--output <file>", "write to this file instead of stdout")
    .option("--strict", "stop at the first job that cannot be priced (exit 2)");
  addStoreOnServerOptions(
    sacct,
    "also store each priced job on this mlco2 server as an estimate run (key slurm-sacct:<cluster>:<JobID>)",
  );
  sacct
    .option(
      "--cluster-name <name>",
      'with --server: the cluster in run keys of rows without sacct\'s Cluster field (default "default")',
    )
    .action(async (file: string | undefined, options) => {
      const { runHpcSacct } = await import("./hpc-sacct.ts");
      setExit(await runHpcSacct(file, options, io));
    });
  hpc
    .command("init")
    .description("write a commented cluster file template")
    .option("--output <file>", "write to this file instead of stdout")
    .option("--force", "overwrite an existing --output file")
    .action(async (options) => {
      const { runHpcInit } = await import("./hpc-init.ts");
      runHpcInit(options, io);
      setExit(0);
    });
};
