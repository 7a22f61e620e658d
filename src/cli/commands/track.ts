import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { constants } from "node:os";
import { isatty } from "node:tty";
import { Mlco2Error } from "../../core/errors.ts";
import { checkPlainOptions, unwritableReason } from "../../tracker/check-options.ts";
import type { PreparedTracking, TrackingOptions } from "../../tracker/session.ts";
import { CliError, flagOf, messageWithFlag, problemsError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";
import { estimateInputOf } from "../estimate-options.ts";
import { parseNumberFlag } from "../parse-values.ts";
import { renderProgressLine, renderTrackSummary } from "./track-render.ts";

/** Raw `mlco2 track` flags as commander hands them over. */
export interface TrackFlags {
  interval?: string;
  log?: string | boolean;
  csv?: string;
  project?: string;
  gpus?: string;
  cpu?: string;
  quiet?: boolean;
  region?: string;
  country?: string;
  zone?: string;
  intensity?: string;
  year?: string;
  pue?: string;
}

const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Default log name: mlco2-20260128-142233.jsonl in the working directory. */
const defaultLogPath = (now: Date): string =>
  `mlco2-${now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15)}.jsonl`;

/** Converts flags to tracking options; throws CliError (exit 2) on bad input. */
export const trackOptionsOf = (command: readonly string[], flags: TrackFlags, now: Date): TrackingOptions => {
  if (command.length === 0 || command[0] === "") {
    throw new CliError("track: no command given; use mlco2 track [options] -- <command> [args…]");
  }
  const location = estimateInputOf({
    ...(flags.region === undefined ? {} : { region: flags.region }),
    ...(flags.country === undefined ? {} : { country: flags.country }),
    ...(flags.zone === undefined ? {} : { zone: flags.zone }),
    ...(flags.intensity === undefined ? {} : { intensity: flags.intensity }),
    ...(flags.year === undefined ? {} : { year: flags.year }),
    ...(flags.pue === undefined ? {} : { pue: flags.pue }),
  });
  const cpu = flags.cpu;
  const gpus = flags.gpus?.trim();
  const options: { -readonly [K in keyof TrackingOptions]: TrackingOptions[K] } = { command };
  for (const key of ["region", "country", "zone", "intensity", "year", "pue"] as const) {
    const value = location[key];
    if (value !== undefined) (options as Record<string, unknown>)[key] = value;
  }
  if (flags.interval !== undefined)
    options.intervalS = parseNumberFlag(
      "--interval",
      flags.interval,
      "a number of seconds from 0.05 to 3600",
    );
  if (flags.log !== false) options.logPath = typeof flags.log === "string" ? flags.log : defaultLogPath(now);
  if (flags.csv !== undefined) options.csvPath = flags.csv;
  if (flags.project !== undefined) options.project = flags.project;
  if (cpu !== undefined) options.cpu = /^\s*\d+(\.\d+)?\s*$/.test(cpu) ? { tdpW: Number(cpu) } : cpu;
  if (gpus !== undefined) {
    if (gpus === "")
      throw new CliError('--gpus: "" is not allowed; use indices or UUIDs such as 0,1, or none, or all');
    if (gpus !== "all")
      options.gpus =
        gpus === "none"
          ? []
          : gpus
              .split(",")
              .map((s) => s.trim())
              .filter((s) => s !== "");
  }
  return options;
};

const fail = (error: unknown, options: TrackingOptions): never => {
  if (error instanceof Mlco2Error) throw problemsError(error.problems, flagOf, error);
  const tracker = error as { code?: string; path?: string; message?: string };
  if (tracker.code === "log-unwritable")
    throw new CliError(`${tracker.path === options.csvPath ? "--csv" : "--log"}: ${tracker.message}`);
  throw error;
};

/** Loads the tracker and validates everything (dataset included), opening the logs. */
const prepareOrThrow = async (options: TrackingOptions): Promise<PreparedTracking> => {
  const { prepareTracking } = await import("../../tracker/session.ts");
  try {
    return prepareTracking(options);
  } catch (error) {
    return fail(error, options);
  }
};

/** The checks that need no dataset: numbers and writable log paths. */
const checkPlainOrThrow = (options: TrackingOptions): void => {
  const [problem] = checkPlainOptions(options);
  if (problem !== undefined)
    throw new CliError(messageWithFlag(problem.path, problem.message), { code: problem.code });
  for (const [flag, path] of [
    ["--log", options.logPath],
    ["--csv", options.csvPath],
  ] as const) {
    if (path === undefined) continue;
    const reason = unwritableReason(path);
    if (reason !== null) throw new CliError(`${flag}: cannot write ${path} (${reason})`);
  }
};

/** `mlco2 track`: runs the command, measures it, prints the summary; returns the command's exit code. */
export const runTrack = async (command: readonly string[], flags: TrackFlags, io: CliIo): Promise<number> => {
  const options = trackOptionsOf(command, flags, new Date());
  // Start-up is lean: the dataset (and the tracker) load before the command only when a named
  // location must be checked; otherwise after it has started.
  const needsDataset =
    options.region !== undefined || options.country !== undefined || options.zone !== undefined;
  const early = needsDataset ? await prepareOrThrow(options) : null;
  if (early === null) checkPlainOrThrow(options);
  const [file = "", ...args] = command;
  const child = spawn(file, args, { stdio: "inherit" });
  const spawned = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    child.once("spawn", () => resolve(null));
    child.once("error", (error) => resolve(error));
  });
  if (spawned !== null || child.pid === undefined) {
    early?.abandon();
    if (options.logPath !== undefined) rmSync(options.logPath, { force: true });
    const code = spawned?.code;
    if (code === "ENOENT")
      throw new CliError(`${file}: command not found`, { exitCode: 127, code: "not-found", cause: spawned });
    if (code === "EACCES")
      throw new CliError(`${file}: permission denied`, {
        exitCode: 126,
        code: "not-executable",
        cause: spawned,
      });
    throw new CliError(`${file}: cannot run (${code ?? spawned?.message ?? "unknown error"})`, {
      exitCode: 126,
      code: "not-executable",
      cause: spawned,
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const prepared = early ?? (await prepareOrThrow(options));
  const run = prepared.start(child.pid);
  // isatty, not process.stdin: touching process.stdin would start reading the stdin the child shares.
  const stdinIsTerminal = isatty(0);
  const forward = (signal: NodeJS.Signals) => {
    // Ctrl-C at a terminal already reaches the whole foreground group, the child included.
    if (signal === "SIGINT" && stdinIsTerminal) return;
    child.kill(signal);
  };
  for (const signal of FORWARDED) process.on(signal, forward);
  const live = !flags.quiet && isatty(2);
  // The one warning worth interrupting for comes first; the rest are in the summary.
  for (const warning of run.warnings)
    if (warning.startsWith("No location")) io.stderr(`mlco2: warning: ${warning}\n`);
  const progress = live
    ? setInterval(
        () => io.stderr(`\r\x1b[K${renderProgressLine(run.progress())}`),
        Math.max(250, (options.intervalS ?? 1) * 1000),
      )
    : null;
  const exit = await exited;
  if (progress !== null) {
    clearInterval(progress);
    io.stderr("\r\x1b[K");
  }
  const result = await run.stop({ code: exit.code, signal: exit.signal });
  for (const signal of FORWARDED) process.off(signal, forward);
  if (!flags.quiet)
    io.stderr(
      renderTrackSummary({
        command,
        exit,
        result,
        logPath: options.logPath ?? null,
        csvPath: options.csvPath ?? null,
      }),
    );
  if (exit.code !== null) return exit.code;
  const number = exit.signal === null ? 0 : (constants.signals[exit.signal] ?? 0);
  return 128 + number;
};
