import type { Command } from "commander";
import type { CommandContext } from "../command-context.ts";
import { LOCATION_FLAGS } from "../estimate-options.ts";
import { addStoreOnServerOptions } from "./server-options.ts";

/** Registers `mlco2 import codecarbon`; its code loads only when it runs. */
export const registerImport = (program: Command, { io, setExit }: CommandContext): void => {
  const imports = program.command("import").description("re-price other tools' logs with this dataset");
  const codecarbon = imports
    .command("codecarbon")
    .description(
      "re-price CodeCarbon's emissions.csv rows: its figure and ours side by side, and what differs",
    )
    .argument("<file>", "CodeCarbon emissions.csv (any release, 0.0.9 to 3.x), or - (stdin)");
  for (const [flags, description] of LOCATION_FLAGS)
    codecarbon.option(flags, `${description}; overrides every row's location`);
  codecarbon
    .option("--format <format>", "text (default), csv or json (JSON Lines)")
    .option("--output <file>", "write to this file instead of stdout")
    .option("--strict", "stop at the first row that cannot be priced (exit 2)");
  addStoreOnServerOptions(
    codecarbon,
    "also store each re-priced run on this mlco2 server as an estimate run (key codecarbon-repriced:<run_id>)",
  );
  codecarbon.action(async (file: string, options) => {
    const { runImportCodecarbon } = await import("./import-codecarbon.ts");
    setExit(await runImportCodecarbon(file, options, io));
  });
};
