import { Command, CommanderError } from "commander";
import { CliError } from "./cli-error.ts";
import { JOB_FLAGS, LOCATION_FLAGS } from "./estimate-options.ts";

/** Where the CLI writes; the bin passes process streams, tests pass collectors. */
export interface CliIo {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
}

const VERSION = "0.1.0";

const buildProgram = (io: CliIo, setExit: (code: number) => void): Command => {
  const program = new Command("mlco2")
    .description("Estimate and measure the carbon emissions of machine-learning jobs, every number sourced.")
    .version(VERSION)
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} });

  const estimate = program
    .command("estimate")
    .description("estimate the energy and emissions of a job from hardware, hours and location");
  for (const [flags, description] of [...JOB_FLAGS, ...LOCATION_FLAGS]) estimate.option(flags, description);
  estimate.option("--format <format>", "output format: text or json", "text").action(async (options) => {
    const { runEstimate } = await import("./commands/estimate.ts");
    io.stdout(runEstimate(options));
    setExit(0);
  });

  program
    .command("example")
    .description("print a worked example estimate (8 × A100 for 100 h in gcp:us-central1)")
    .action(async () => {
      const { runEstimate } = await import("./commands/estimate.ts");
      io.stdout(
        "Example: mlco2 estimate --hardware \"A100 SXM4 80GB\" --count 8 --hours 100 --region gcp:us-central1\n\n",
      );
      io.stdout(runEstimate({ hardware: "A100 SXM4 80GB", count: "8", hours: "100", region: "gcp:us-central1" }));
      setExit(0);
    });
  return program;
};

/** Runs the CLI on `argv` (without node and script); returns the exit code. Never throws. */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.exitCode === 0) {
        return 0;
      }
      if (error.code === "commander.help") return 0;
      io.stderr(`mlco2: ${error.message.replace(/^error: /, "").split("\n").join(" ")}\n`);
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
