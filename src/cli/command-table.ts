// Which file registers each command. Plain data, read by program.ts (which registration to load), by the
// built CLI's entry (which per-command bundle to start) and by scripts/build.mjs (one bundle per file).

/** One command: its name and the file in commands/ whose export registers it. */
export interface CommandEntry {
  /** The command's name, as typed: `mlco2 <name>`. */
  readonly name: string;
  /** The registration's file in src/cli/commands/, without `.ts`. */
  readonly module: string;
  /** The registration's export name in that file. */
  readonly register: string;
}

/** Every command, in the order `mlco2 --help` lists them. */
export const COMMAND_TABLE = [
  { name: "estimate", module: "estimate-command", register: "registerEstimate" },
  { name: "example", module: "estimate-command", register: "registerEstimate" },
  { name: "track", module: "track-command", register: "registerTrack" },
  { name: "plan", module: "plan-command", register: "registerPlan" },
  { name: "report", module: "report-command", register: "registerReport" },
  { name: "serve", module: "serve-command", register: "registerServe" },
  { name: "push", module: "push-command", register: "registerPush" },
  { name: "hardware", module: "catalog-commands", register: "registerCatalog" },
  { name: "instances", module: "catalog-commands", register: "registerCatalog" },
  { name: "regions", module: "catalog-commands", register: "registerCatalog" },
  { name: "zones", module: "catalog-commands", register: "registerCatalog" },
  { name: "hpc", module: "hpc-command", register: "registerHpc" },
  { name: "import", module: "import-command", register: "registerImport" },
] as const satisfies readonly CommandEntry[];

/** A file that registers commands. */
export type CommandModule = (typeof COMMAND_TABLE)[number]["module"];

/** The built bundle of a registration file: `estimate-command` → `estimate`. */
export const bundleNameOf = (module: string): string => module.replace(/-commands?$/, "");

/**
 * The bundle that runs `mlco2 <argv…>`: the one of the command named first (before any option), else
 * `all` (help, version, an unknown command: they list every command).
 */
export const bundleFor = (argv: readonly string[]): string => {
  const entry = COMMAND_TABLE.find(({ name }) => name === argv[0]);
  return entry === undefined ? "all" : bundleNameOf(entry.module);
};
