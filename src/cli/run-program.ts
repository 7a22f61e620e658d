// The commander program around the registered commands: parses argv, runs the action, turns every
// failure into an exit code and one line on stderr. Which commands are registered is the caller's choice
// (program.ts registers only the command being run; a per-command bundle passes its own).
import { Command, CommanderError } from "commander";
import { CliError, problemsError } from "./cli-error.ts";
import type { CliIo, CommandContext } from "./command-context.ts";
import { repeatedFlagProblems } from "./repeated-flags.ts";

const VERSION = "0.1.0";

/** Adds one or more commands to the program (one per command file). */
export type Registration = (program: Command, context: CommandContext) => void;

const buildProgram = (
  context: CommandContext,
  argv: readonly string[],
  registrations: readonly Registration[],
): Command => {
  const program = new Command("mlco2")
    .description("Estimate and measure the carbon emissions of machine-learning jobs, every number sourced.")
    .version(VERSION)
    .exitOverride()
    // Options of a command are read before its subcommand's name only (serve --data vs serve token list --data).
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: context.io.stdout, writeErr: context.io.stderr, outputError: () => {} });
  for (const register of registrations) register(program, context);
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
 * Runs the program made of `registrations` on `argv` (without node and script) with output to `io`;
 * never throws.
 */
export const runProgram = async (
  argv: readonly string[],
  io: CliIo,
  registrations: readonly Registration[],
): Promise<CliOutcome> => {
  let exitCode = 0;
  const setExit = (code: number): void => {
    exitCode = code;
  };
  const program = buildProgram({ io, setExit }, argv, registrations);
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
