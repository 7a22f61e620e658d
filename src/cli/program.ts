import { Command, CommanderError } from "commander";
import { CliError } from "./cli-error.ts";
import type { CliIo, CommandContext } from "./command-context.ts";
import { registerCatalog } from "./commands/catalog-commands.ts";
import { registerEstimate } from "./commands/estimate-command.ts";
import { registerPlan } from "./commands/plan-command.ts";
import { registerReport } from "./commands/report-command.ts";
import { registerTrack } from "./commands/track-command.ts";

export type { CliIo };

const VERSION = "0.1.0";

/** Each command registers itself here (one line per command file). */
const REGISTRATIONS: readonly ((program: Command, context: CommandContext) => void)[] = [
  registerEstimate,
  registerTrack,
  registerPlan,
  registerReport,
  registerCatalog,
];

const buildProgram = (context: CommandContext): Command => {
  const program = new Command("mlco2")
    .description("Estimate and measure the carbon emissions of machine-learning jobs, every number sourced.")
    .version(VERSION)
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: context.io.stdout, writeErr: context.io.stderr, outputError: () => {} });
  for (const register of REGISTRATIONS) register(program, context);
  for (const command of program.commands) command.exitOverride();
  return program;
};

/** Runs the CLI on `argv` (without node and script); returns the exit code. Never throws. */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  let exitCode = 0;
  const program = buildProgram({
    io,
    setExit: (code) => {
      exitCode = code;
    },
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      if (error.code === "commander.help" || error.code === "commander.helpDisplayed") return 0;
      io.stderr(
        `mlco2: ${error.message
          .replace(/^error: /, "")
          .split("\n")
          .join(" ")}\n`,
      );
      return 2;
    }
    if (error instanceof CliError) {
      io.stderr(`mlco2: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`mlco2: internal error: ${message.split("\n")[0]}\n`);
    return 70;
  }
};
