import type { Command } from "commander";
import type { CommandContext } from "../command-context.ts";

/** Help text for `--format` of single results. */
export const FORMAT_HELP = "output format: text, json, latex, markdown, model-card or csv";
/** Help text for `--training-type`. */
export const TRAINING_TYPE_HELP = "model-card training_type: pre-training (default) or fine-tuning";

/** Registers `mlco2 report <file>`; its code loads only when it runs. */
export const registerReport = (program: Command, { io, setExit }: CommandContext): void => {
  program
    .command("report")
    .description(
      "render a saved estimate (--format json output) or a tracker log as a paper paragraph, model card, table…",
    )
    .argument("<file>", "saved JSON estimate, tracker JSONL log ending in a summary line, or - (stdin)")
    .option("--format <format>", `${FORMAT_HELP} (default text)`)
    .option("--training-type <type>", TRAINING_TYPE_HELP)
    .option("--output <file>", "write to this file instead of stdout")
    .action(async (file: string, options) => {
      const { runReport } = await import("./report.ts");
      io.stdout(await runReport(file, options, io.stdin));
      setExit(0);
    });
};
