import { Command, CommanderError } from "commander";
import { CliError, problemsError } from "./cli-error.ts";
import type { CliIo, CommandContext } from "./command-context.ts";
import { registerCatalog } from "./commands/catalog-commands.ts";
import { registerEstimate } from "./commands/estimate-command.ts";
import { registerHpc } from "./commands/hpc-command.ts";
import { registerImport } from "./commands/import-command.ts";
import { registerPlan } from "./commands/plan-command.ts";
import { registerPush } from "./commands/push-command.ts";
import { registerReport } from "./commands/report-command.ts";
import { registerServe } from "./commands/serve-command.ts";
import { registerTrack } from "./commands/track-command.ts";
import { repeatedFlagProblems } from "./repeated-flags.ts";

export type { CliIo };

const VERSION = "0.1.0";

/** Each command registers itself here (one line per command file). */
const REGISTRATIONS: readonly ((program: Command, context: CommandContext) => void)[] = [
  registerEstimate,
  registerTrack,
  registerPlan,
  registerReport,
  registerServe,
  registerPush,
  registerCatalog,
  registerHpc,
  registerImport,
];

const buildProgram = (context: CommandContext, argv: readonly string[]): Command => {
  const program = new Command("mlco2")
    .description("Estimate and measure the carbon emissions of machine-learning jobs, every number sourced.")
    .version(VERSION)
    .exitOverride()
    // Options of a command are read before its subcommand's name only (serve --data vs serve token list --data).
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: context.io.stdout, writeErr: context.io.stderr, outputError: () => {} });
  for (const register of REGISTRATIONS) register(program, context);
  for (const command of program.commands) command.exitOverride();
  program.hook("preAction", (_program, action) => {
    const [first, ...more] = repeatedFlagProblems(argv, action);
    if (first !== undefined) throw problemsError([first, ...more]);
  });
  return program;
};

/** How a CLI run ended: the exit code, and the error's code when it failed. */
export interface CliOutcome {
  /** Process exit code. */
  readonly exitCode: number;
  /** The failure's machine-readable code (a problem code, "usage", "not-found"…), null on success. */
  readonly code: string | null;
}

/** The exit code and error code of a commander failure (help and version are successes). */
const commanderOutcome = (error: CommanderError, io: CliIo): CliOutcome => {
  if (error.exitCode === 0 || error.code === "commander.help" || error.code === "commander.helpDisplayed")
    return { exitCode: 0, code: null };
  io.stderr(
    `mlco2: ${error.message
      .replace(/^error: /, "")
      .split("\n")
      .join(" ")}\n`,
  );
  return { exitCode: 2, code: error.code };
};

/**
 * Runs the CLI on `argv` (without node and script) with output to `io`; never throws. The in-process
 * seam: tests call it as hono's tests call `app.request`.
 */
export const runCliOutcome = async (argv: readonly string[], io: CliIo): Promise<CliOutcome> => {
  let exitCode = 0;
  const program = buildProgram(
    {
      io,
      setExit: (code) => {
        exitCode = code;
      },
    },
    argv,
  );
  try {
    await program.parseAsync([...argv], { from: "user" });
    return { exitCode, code: null };
  } catch (error) {
    if (error instanceof CommanderError) return commanderOutcome(error, io);
    if (error instanceof CliError) {
      for (const line of error.message.split("\n")) io.stderr(`mlco2: ${line}\n`);
      return { exitCode: error.exitCode, code: error.code };
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`mlco2: internal error: ${message.split("\n")[0]}\n`);
    return { exitCode: 70, code: "internal" };
  }
};

/** Runs the CLI on `argv` (without node and script); returns the exit code. Never throws. */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> =>
  (await runCliOutcome(argv, io)).exitCode;
