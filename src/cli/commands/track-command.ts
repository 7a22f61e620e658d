import { type Command, Option } from "commander";
import { CliError } from "../cli-error.ts";
import type { CommandContext } from "../command-context.ts";
import { LOCATION_FLAGS } from "../estimate-options.ts";
import { runTrack } from "./track.ts";

/** Options of `mlco2 track` besides the location flags. */
export const TRACK_FLAGS = [
  ["--interval <s>", "seconds between samples (default 1; 0.05–3600)"],
  [
    "--log <file.jsonl>",
    "JSONL log: one line per interval and a summary line (default mlco2-<time>-<run key>-<host>-rank<N>-<pid>.jsonl)",
  ],
  ["--no-log", "write no JSONL log"],
  ["--csv <file.csv>", "append a CodeCarbon-compatible row to this CSV"],
  ["--project <name>", "project name in the logs"],
  [
    "--user <name>",
    'who ran the job, in the log\'s start line and on the team server (default SLURM_JOB_USER, else the login name; "" records none)',
  ],
  [
    "--gpus <ids>",
    "GPU indices or UUIDs to measure, comma-separated, or none (default CUDA_VISIBLE_DEVICES, else all)",
  ],
  [
    "--instance <provider:type>",
    "cloud instance type, e.g. aws:p4d.24xlarge: its CPU, vCPUs and GPUs where nothing measures them, its provider's region variables for the location (default: the type DMI names)",
  ],
  ["--cpu <name|W>", "host CPU for the load model: catalog name or TDP in watts (default: detected)"],
  ["--quiet", "no live progress and no summary on stderr"],
  [
    "--run-id <key>",
    "key shared by every task of a distributed run (default MLCO2_RUN_ID, SLURM_JOB_ID.step, TORCHELASTIC_RUN_ID)",
  ],
  [
    "--progress <regex>",
    'read the command\'s output for progress, e.g. "epoch (\\d+)/(\\d+)": predicts the whole job (its output then goes through a pipe)',
  ],
  ["--units <n>", "functional units the job produces (tokens, requests…): figures per unit, the SCI form"],
  ["--unit <name>", "name of the functional unit, e.g. tokens (default units)"],
  [
    "--units-from <regex>",
    'sum the number captured in each output line, e.g. "generated (\\d+) tokens" (output through a pipe)',
  ],
  [
    "--source <source>",
    "time-resolved intensity for the location's zone: electricitymaps, watttime, file (with --series) or none (default none; file with --series)",
  ],
  [
    "--series <file>",
    "time series for --source file: CSV (datetime,zone,carbon_intensity or an Electricity Maps export) or JSON",
  ],
  [
    "--series-zone <id>",
    "the id to take from the source instead of the zone (a WattTime region such as CAISO_NORTH)",
  ],
  ["--cache <dir>", "where API answers are kept (default ~/.cache/mlco2)"],
  [
    "--server <url>",
    "stream the samples to an mlco2 team server (token from MLCO2_TOKEN or --token-file); the log stays the source of truth",
  ],
  [
    "--token-file <file>",
    "file holding the server's ingest token (a token is never a flag value: ps shows those)",
  ],
] as const;

const shown = (value: unknown): string => {
  const text = JSON.stringify(String(value));
  return text.length > 42 ? `${text.slice(0, 40)}…"` : text;
};

/** A parser for a flag that takes one value: a second one is refused (commander would keep the last). */
const onlyOnce =
  (flag: string) =>
  (value: string, previous: unknown): string => {
    if (previous === false) throw new CliError(`${flag}: cannot be combined with --no-${flag.slice(2)}`);
    if (previous !== undefined)
      throw new CliError(`${flag}: given twice (${shown(previous)} and ${shown(value)}); give it once`);
    return value;
  };

/** Registers `mlco2 track` (loaded only to run it, with its code; the tracker itself loads once the options are checked). */
export const registerTrack = (program: Command, { io, setExit }: CommandContext): void => {
  const track = program
    .command("track")
    .description(
      "run a command and measure its energy and emissions: mlco2 track [options] -- <command> [args…]",
    )
    .argument("[command...]", "the command to run and its arguments, after --");
  for (const [flags, description] of [...TRACK_FLAGS, ...LOCATION_FLAGS]) {
    const option = new Option(flags, description);
    if (option.required) option.argParser(onlyOnce(option.long ?? flags));
    track.addOption(option);
  }
  track.addOption(new Option("--token <token>").hideHelp());
  // Accepted only to be refused with a reason (commander would say "unknown option").
  track.addOption(new Option("--embodied").hideHelp());
  track.action(async (command: string[], options) => {
    setExit(await runTrack(command, options, io));
  });
};
