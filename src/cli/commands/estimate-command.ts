import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import type { CommandContext } from "../command-context.ts";
import { EMBODIED_FLAGS, JOB_FLAGS, LOCATION_FLAGS, UNIT_FLAGS } from "../estimate-options.ts";
import { runEstimate } from "./estimate.ts";
import { FORMAT_HELP, TRAINING_TYPE_HELP } from "./report-command.ts";

/**
 * Registers `mlco2 estimate` and `mlco2 example`. The single estimate is loaded with the registration (it is
 * what both commands run, and in the built CLI this file is loaded only for them); `--batch` loads when given.
 */
export const registerEstimate = (program: Command, { io, setExit }: CommandContext): void => {
  const estimate = program
    .command("estimate")
    .description("estimate the energy and emissions of a job from hardware, hours and location");
  for (const [flags, description] of [...JOB_FLAGS, ...EMBODIED_FLAGS, ...UNIT_FLAGS, ...LOCATION_FLAGS])
    estimate.option(flags, description);
  estimate
    .option(
      "--format <format>",
      `${FORMAT_HELP} (default text); with --batch: csv (default) or json (JSON Lines)`,
    )
    .option("--training-type <type>", TRAINING_TYPE_HELP)
    .option("--output <file>", "write to this file instead of stdout")
    .option(
      "--batch <file>",
      "price every row of a CSV, - for stdin (columns named like the flags: hardware,count,hours,region…)",
    )
    .option("--strict", "with --batch: stop at the first bad row instead of skipping it")
    .action(async (options) => {
      if (options.batch !== undefined) {
        for (const flag of ["units", "unit"] as const)
          if (options[flag] !== undefined)
            throw new CliError(`--${flag}: applies to a single estimate, not to --batch`);
        const { runBatchCommand } = await import("./batch.ts");
        setExit(await runBatchCommand(options, io));
        return;
      }
      if (options.strict === true) throw new CliError("--strict: applies to --batch only");
      io.stdout(runEstimate(options));
      setExit(0);
    });

  program
    .command("example")
    .description("print a worked example estimate (8 × A100 SXM4 80GB for 100 h in gcp:us-central1)")
    .action(async () => {
      io.stdout(
        'Example: mlco2 estimate --hardware "A100 SXM4 80GB" --count 8 --hours 100 --region gcp:us-central1\n\n',
      );
      io.stdout(
        runEstimate({ hardware: "A100 SXM4 80GB", count: "8", hours: "100", region: "gcp:us-central1" }),
      );
      setExit(0);
    });
};
