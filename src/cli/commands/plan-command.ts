import type { Command } from "commander";
import type { CommandContext } from "../command-context.ts";

/** Options of `mlco2 plan`. */
export const PLAN_FLAGS = [
  ["--hours <h>", "job length in hours (6.5 = six and a half)"],
  ["--hardware <name>", 'catalog hardware: id, name or alias (e.g. "H100 SXM")'],
  ["--count <n>", "number of devices (default 1)"],
  ["--watts <W>", "average power per device (overrides the power model)"],
  ["--utilization <0-1>", "average device utilization (default 1 = TDP)"],
  ["--pue <ratio>", "facility PUE (default: the provider's published value, else the industry average 1.56)"],
  ["--zone <zone>", "grid zone, e.g. DE, US-CAL-CISO"],
  ["--region <provider:region>", "cloud region, e.g. aws:eu-central-1"],
  ["--regions <patterns>", "compare cloud regions: comma-separated, * and ? allowed (aws:*,gcp:europe-*)"],
  [
    "--earliest <time>",
    "earliest start: ISO 8601 with a zone (2026-03-01T08:00Z), now, or +Nh from now (default now)",
  ],
  [
    "--deadline <time>",
    "the job must end by then: ISO 8601, or +Nh after the earliest start (default earliest + job + 24 h)",
  ],
  [
    "--source <source>",
    "time-resolved intensity: file, electricitymaps, watttime or none (default file with --series, else none)",
  ],
  [
    "--series <file>",
    "time series, CSV (datetime,zone,carbon_intensity or an Electricity Maps export) or JSON",
  ],
  [
    "--series-zone <id>",
    "zone to take from the source for a single location (a WattTime region such as CAISO_NORTH)",
  ],
  ["--cache <dir>", "where API answers are kept (default ~/.cache/mlco2)"],
  ["--year <year>", "year of the yearly grid figures (default: latest)"],
  ["--format <format>", "text (default) or json"],
] as const;

/** Registers `mlco2 plan`; its code loads only when it runs. */
export const registerPlan = (program: Command, { io, setExit }: CommandContext): void => {
  const plan = program
    .command("plan")
    .description("find the start time (and region) with the lowest emissions for a planned job");
  for (const [flags, description] of PLAN_FLAGS) plan.option(flags, description);
  plan.action(async (options) => {
    const { runPlan } = await import("./plan.ts");
    setExit(await runPlan(options, io));
  });
};
