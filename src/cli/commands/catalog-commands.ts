import type { Command } from "commander";
import type { CommandContext } from "../command-context.ts";
import { JOB_FLAGS } from "../estimate-options.ts";

/** Registers `mlco2 hardware`, `instances`, `regions` and `zones`; their code loads only when they run. */
export const registerCatalog = (program: Command, { io, setExit }: CommandContext): void => {
  program
    .command("hardware")
    .description(
      "list the hardware catalog and the generated CPU table (TDP, memory, vendor, source); the query forgives spacing and case",
    )
    .argument("[query]", 'name, alias or vendor, e.g. "a100 80gb", h100, "tpu v4"')
    .option("--kind <kind>", "gpu, tpu, npu, cpu or soc")
    .option("--limit <n>", "entries to show (text: 30 by default; 0 for all)")
    .option("--format <format>", "text (default) or json")
    .action(async (query: string | undefined, options) => {
      const [{ runHardware }, { dataset }] = await Promise.all([
        import("./catalog.ts"),
        import("../../data/index.ts"),
      ]);
      io.stdout(runHardware(dataset, query, options));
      setExit(0);
    });

  program
    .command("instances")
    .description("list cloud instance types: their GPUs, vCPUs of which CPU, and memory (for --instance)")
    .argument("[query]", "type, family, CPU or GPU, e.g. p4d, a3, h100, epyc")
    .option("--provider <provider>", "only this provider's types (aws, gcp, azure)")
    .option("--format <format>", "text (default) or json")
    .action(async (query: string | undefined, options) => {
      const [{ runInstances }, { dataset }] = await Promise.all([
        import("./catalog.ts"),
        import("../../data/index.ts"),
      ]);
      io.stdout(runInstances(dataset, query, options));
      setExit(0);
    });

  const regions = program
    .command("regions")
    .description(
      "list cloud regions cleanest first; with --hardware and --hours, rank them by that job's emissions",
    )
    .option(
      "--provider <provider>",
      "only this provider's regions (aws, gcp, azure, coreweave, ovhcloud, scaleway, seeweb)",
    );
  for (const [flags, description] of JOB_FLAGS) regions.option(flags, description);
  regions
    .option("--year <year>", "grid data year (default: latest)")
    .option("--pue <ratio>", "facility PUE for the job (default: each region's published value)")
    .option("--format <format>", "text (default) or json")
    .action(async (options) => {
      const [{ runRegions }, { dataset }] = await Promise.all([
        import("./catalog.ts"),
        import("../../data/index.ts"),
      ]);
      io.stdout(runRegions(dataset, options));
      setExit(0);
    });

  program
    .command("zones")
    .description("list grid zones and countries with their carbon intensity by year")
    .argument("[query]", "zone id, country code or name, e.g. FR, germany, US-CAL")
    .option("--format <format>", "text (default) or json")
    .action(async (query: string | undefined, options) => {
      const [{ runZones }, { dataset }] = await Promise.all([
        import("./catalog.ts"),
        import("../../data/index.ts"),
      ]);
      io.stdout(runZones(dataset, query, options));
      setExit(0);
    });
};
