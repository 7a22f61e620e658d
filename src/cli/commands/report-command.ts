import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import type { CommandContext } from "../command-context.ts";

/** Help text for `--format` of single results. */
export const FORMAT_HELP = "output format: text, json, latex, markdown, model-card or csv";
/** Help text for `--training-type`. */
export const TRAINING_TYPE_HELP = "model-card training_type: pre-training (default) or fine-tuning";

/** Registers `mlco2 report <file…>`; its code loads only when it runs. */
export const registerReport = (program: Command, { io, setExit }: CommandContext): void => {
  program
    .command("report")
    .description(
      "render a saved estimate (--format json output) or a tracker log as a paper paragraph, model card, table…; several logs (or a directory) of one distributed run are merged",
    )
    .argument(
      "<files...>",
      "saved JSON estimate, tracker JSONL log ending in a summary line, or - (stdin); several logs or a directory: merged",
    )
    .option("--format <format>", `${FORMAT_HELP} (default text)`)
    .option("--training-type <type>", TRAINING_TYPE_HELP)
    .option("--output <file>", "write to this file instead of stdout")
    .option("--merge-runs", "add up logs of different runs (refused otherwise)")
    .action(async (files: string[], options) => {
      const { isDirectory, runReport } = await import("./report.ts");
      const [file] = files;
      if (files.length === 1 && file !== undefined && (file === "-" || !isDirectory(file))) {
        io.stdout(await runReport(file, options, io.stdin));
        setExit(0);
        return;
      }
      if (files.includes("-"))
        throw new CliError("report: - (standard input) cannot be merged with other logs; give files");
      const { runReportMerge } = await import("./report-merge.ts");
      const outcome = runReportMerge(files, options);
      for (const line of outcome.stderr) io.stderr(`mlco2: ${line}\n`);
      io.stdout(outcome.stdout);
      setExit(outcome.exitCode);
    });
};
