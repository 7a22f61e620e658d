import { existsSync, writeFileSync } from "node:fs";
import { CLUSTER_TEMPLATE } from "../../hpc/index.ts";
import { CliError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";

/** `mlco2 hpc init`: the commented cluster file, on stdout or in `--output` (never over a file unless `--force`). */
export const runHpcInit = (flags: { output?: string; force?: boolean }, io: CliIo): void => {
  if (flags.output === undefined) {
    io.stdout(CLUSTER_TEMPLATE);
    return;
  }
  if (existsSync(flags.output) && flags.force !== true)
    throw new CliError(`--output: "${flags.output}" exists; give --force to overwrite it`);
  try {
    writeFileSync(flags.output, CLUSTER_TEMPLATE);
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "failed";
    throw new CliError(`--output: cannot write "${flags.output}" (${code})`);
  }
  io.stderr(
    `mlco2: wrote ${flags.output}; describe your partitions, then run mlco2 hpc sacct --cluster ${flags.output}\n`,
  );
};
