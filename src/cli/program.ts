// The CLI's in-process seam: runs `mlco2 <argv…>`, loading the registration of the command being run only
// (`mlco2 estimate` never reads the tracker's or the server's code); help, version and an unknown
// command register every command, so their listing and "did you mean" are those of the whole CLI.
import type { CliIo } from "./command-context.ts";
import { COMMAND_TABLE, type CommandModule } from "./command-table.ts";
import { type CliOutcome, type Registration, runProgram } from "./run-program.ts";

export type { CliIo, CliOutcome };

/** Each registration file, loaded when one of its commands runs. */
const LOAD: Readonly<Record<CommandModule, () => Promise<Registration>>> = {
  "estimate-command": async () => (await import("./commands/estimate-command.ts")).registerEstimate,
  "track-command": async () => (await import("./commands/track-command.ts")).registerTrack,
  "plan-command": async () => (await import("./commands/plan-command.ts")).registerPlan,
  "report-command": async () => (await import("./commands/report-command.ts")).registerReport,
  "serve-command": async () => (await import("./commands/serve-command.ts")).registerServe,
  "push-command": async () => (await import("./commands/push-command.ts")).registerPush,
  "catalog-commands": async () => (await import("./commands/catalog-commands.ts")).registerCatalog,
  "hpc-command": async () => (await import("./commands/hpc-command.ts")).registerHpc,
  "import-command": async () => (await import("./commands/import-command.ts")).registerImport,
};

/**
 * The registrations `argv` needs: the one of the command it names first (before any option), else all
 * of them, each once, in help order.
 */
export const registrationsFor = async (argv: readonly string[]): Promise<Registration[]> => {
  const named = COMMAND_TABLE.find(({ name }) => name === argv[0]);
  const modules = named === undefined ? COMMAND_TABLE.map(({ module }) => module) : [named.module];
  return Promise.all([...new Set<CommandModule>(modules)].map((module) => LOAD[module]()));
};

/**
 * Runs the CLI on `argv` (without node and script) with output to `io`; never throws. The in-process
 * seam: tests call it as hono's tests call `app.request`.
 */
export const runCliOutcome = async (argv: readonly string[], io: CliIo): Promise<CliOutcome> =>
  runProgram(argv, io, await registrationsFor(argv));

/** Runs the CLI on `argv` (without node and script); returns the exit code. Never throws. */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> =>
  (await runCliOutcome(argv, io)).exitCode;
