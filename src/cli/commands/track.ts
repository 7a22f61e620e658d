import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { constants, hostname } from "node:os";
import { isatty } from "node:tty";
import { Mlco2Error } from "../../core/errors.ts";
import type { EstimateResult } from "../../core/types.ts";
import { checkFiles, checkPlainOptions, needsDataset } from "../../tracker/check-options.ts";
import { defaultLogName, type LaunchContext, launchContextOf } from "../../tracker/launcher.ts";
import { onPath } from "../../tracker/sensors/on-path.ts";
import { readSelfReapedTicks } from "../../tracker/sensors/process-tree.ts";
import type {
  PreparedTracking,
  RunExit,
  SpawnedRoot,
  TrackingOptions,
  TrackingRun,
} from "../../tracker/session.ts";
import { TrackerError } from "../../tracker/tracker-error.ts";
import { CliError, flagOf, problemsError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";
import { estimateInputOf } from "../estimate-options.ts";
import { parseNumberFlag } from "../parse-values.ts";
import { hangupIgnored, withHangupIgnored } from "./track-hangup.ts";
import { type OutputPatterns, outputPatternsOf, passOutputThrough } from "./track-output.ts";
import { renderProgressLine, renderTrackSummary } from "./track-render.ts";
import { trackUploadOf } from "./track-server.ts";

/** Raw `mlco2 track` flags as commander hands them over. */
export interface TrackFlags {
  interval?: string;
  log?: string | boolean;
  csv?: string;
  project?: string;
  user?: string;
  gpus?: string;
  cpu?: string;
  instance?: string;
  quiet?: boolean;
  region?: string;
  country?: string;
  zone?: string;
  intensity?: string;
  year?: string;
  pue?: string;
  runId?: string;
  progress?: string;
  units?: string;
  unit?: string;
  unitsFrom?: string;
  source?: string;
  series?: string;
  seriesZone?: string;
  cache?: string;
  server?: string;
  tokenFile?: string;
  token?: string;
  embodied?: boolean;
}

/** Converts flags to tracking options; throws CliError (exit 2) on bad input. */
export const trackOptionsOf = (
  command: readonly string[],
  flags: TrackFlags,
  now: Date,
  launch: LaunchContext,
): TrackingOptions => {
  if (flags.embodied === true)
    throw new CliError(
      "--embodied: applies to mlco2 estimate, not to track (a tracker log holds the operational figure; price the hardware's manufacture with mlco2 estimate --instance … --hours … --embodied)",
    );
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
    ...(flags.cpu === undefined ? {} : { cpu: flags.cpu }),
  });
  const gpus = flags.gpus?.trim();
  const options: { -readonly [K in keyof TrackingOptions]: TrackingOptions[K] } = { command };
  for (const key of ["region", "country", "zone", "intensity", "year", "pue", "cpu"] as const) {
    const value = location[key];
    if (value !== undefined) (options as Record<string, unknown>)[key] = value;
  }
  if (flags.interval !== undefined)
    options.intervalS = parseNumberFlag(
      "--interval",
      flags.interval,
      "a number of seconds from 0.05 to 3600",
    );
  // The default name holds the run key, host, rank and pid: concurrent trackers never share a file.
  if (flags.log !== false)
    options.logPath = typeof flags.log === "string" ? flags.log : defaultLogName(launch, now, process.pid);
  if (flags.csv !== undefined) options.csvPath = flags.csv;
  if (flags.instance !== undefined) options.instance = flags.instance;
  if (flags.project !== undefined) options.project = flags.project;
  // An empty --user records none (rather than falling back to SLURM_JOB_USER or the login name).
  if (flags.user !== undefined) options.user = flags.user.trim() === "" ? null : flags.user;
  if (flags.runId !== undefined) options.runId = flags.runId;
  if (flags.units !== undefined)
    options.units = parseNumberFlag("--units", flags.units, "a number of units above 0");
  if (flags.unit !== undefined) {
    if (flags.units === undefined && flags.unitsFrom === undefined)
      throw new CliError("--unit: give --units or --units-from too: how many the job produced");
    options.unit = flags.unit;
  }
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

/** Problem paths of the tracker's options as the flags the user typed. */
const TRACK_PATHS: Readonly<Record<string, string>> = {
  source: "--source",
  series: "--series",
  seriesZone: "--series-zone",
  user: "--user",
};

/** A problem path as a flag. */
const trackFlagOf = (path: string): string => TRACK_PATHS[path] ?? flagOf(path);

/** A file problem as one line naming the flag and the file. */
const fileLine = (error: TrackerError): string => `--${error.file}: ${error.message}`;

/** Turns what prepareTracking throws into a CliError (exit 2); anything else is rethrown. */
const asCliError = (error: unknown): CliError => {
  if (error instanceof Mlco2Error) return problemsError(error.problems, trackFlagOf, error);
  if (error instanceof TrackerError) return new CliError(fileLine(error), { code: error.code, cause: error });
  throw error;
};

/** Loads the tracker and the dataset and checks everything; nothing is created yet. */
const prepare = async (options: TrackingOptions): Promise<PreparedTracking> => {
  const { prepareTracking } = await import("../../tracker/session.ts");
  try {
    return prepareTracking(options);
  } catch (error) {
    throw asCliError(error);
  }
};

/** The checks that need no dataset (numbers, writable log paths, the CSV's columns), creating nothing. */
const checkWithoutDataset = (options: TrackingOptions): void => {
  const [problem, ...more] = checkPlainOptions(options);
  if (problem !== undefined) throw problemsError([problem, ...more], trackFlagOf);
  const fileProblem = checkFiles(options);
  if (fileProblem !== null)
    throw new CliError(fileLine(fileProblem), { code: fileProblem.code, cause: fileProblem });
};

/** A command name for a message: as typed, unless it is long or holds control characters (then cut and quoted). */
const commandName = (file: string): string =>
  file.length <= 80 && [...file].every((c) => c >= " " && c !== "\u007f")
    ? file
    : JSON.stringify(file.length > 80 ? `${file.slice(0, 77)}…` : file);

/** The error for a command that cannot be started. */
const cannotRun = (command: string, code: string | undefined, message?: string): CliError => {
  const file = commandName(command);
  if (code === "ENOENT")
    return new CliError(`${file}: command not found`, { exitCode: 127, code: "not-found" });
  if (code === "EACCES")
    return new CliError(`${file}: permission denied`, { exitCode: 126, code: "not-executable" });
  return new CliError(`${file}: cannot run (${code ?? message ?? "unknown error"})`, {
    exitCode: 126,
    code: "not-executable",
  });
};

/**
 * Starts the command; resolves once it runs, or rejects with the CliError for a command that cannot run.
 * `piped`: its stdout and stderr come through pipes (for --progress / --units-from), and Python is told
 * not to buffer them (PYTHONUNBUFFERED=1, unless set), so that progress shows as it happens.
 */
const startCommand = async (
  command: readonly string[],
  ignoreHangup: boolean,
  piped: boolean,
): Promise<{ child: ChildProcess; root: SpawnedRoot }> => {
  const [file = "", ...args] = command;
  if (ignoreHangup && !onPath(file))
    throw cannotRun(file, file.includes("/") && existsSync(file) ? "EACCES" : "ENOENT");
  const [program, programArgs] = ignoreHangup ? withHangupIgnored(file, args) : [file, args];
  // Read before spawning: when the command is reaped, this process's reaped CPU time grows by all of its.
  const selfReapedTicks = readSelfReapedTicks();
  const startMs = performance.now();
  let child: ChildProcess;
  try {
    child = piped
      ? spawn(program, programArgs, {
          stdio: ["inherit", "pipe", "pipe"],
          env: { PYTHONUNBUFFERED: "1", ...process.env },
        })
      : spawn(program, programArgs, { stdio: "inherit" });
  } catch (error) {
    // Some failures are thrown at once (a name too long for the system) rather than emitted.
    throw cannotRun(file, (error as NodeJS.ErrnoException).code, (error as Error).message);
  }
  const failed = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    child.once("spawn", () => resolve(null));
    child.once("error", (error) => resolve(error));
  });
  if (failed !== null || child.pid === undefined) throw cannotRun(file, failed?.code, failed?.message);
  return { child, root: { pid: child.pid, selfReapedTicks, startMs } };
};

/** What a file error means for the run, on one line. */
const fileWarning = (error: TrackerError): string =>
  error.code === "other-columns"
    ? fileLine(error)
    : `${fileLine(error)}; ${error.file === "log" ? "the log stops here, tracking goes on" : "no row was added"}`;

/**
 * The tracker idles through the run with a heap of a few MB. V8's memory reducer, armed while the CLI
 * loads, starts incremental full collections 8 s later to shrink it: 15–25 ms of CPU, more than a minute
 * of samples. Without incremental marking it never starts (a heap that does fill up still gets an ordinary,
 * atomic collection). Switched off after `ms`, so that short runs do not pay for loading node:v8; returns
 * the function that cancels it.
 */
const quietHeapAfter = (ms: number): (() => void) => {
  const timer = setTimeout(() => {
    import("node:v8").then(
      (v8) => v8.setFlagsFromString("--no-incremental-marking"),
      () => {},
    );
  }, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/** Starts tracking the spawned command; never throws (the command runs untracked, with one line, if it must). */
const beginRun = async (
  early: PreparedTracking | null,
  options: TrackingOptions,
  root: SpawnedRoot,
  io: CliIo,
): Promise<TrackingRun | null> => {
  try {
    return (early ?? (await prepare(options))).start(root);
  } catch (error) {
    io.stderr(
      `mlco2: ${error instanceof Error ? error.message : String(error)}; the command runs untracked\n`,
    );
    return null;
  }
};

/** The live progress line on a terminal. */
interface LiveLine {
  /** Stops it and clears it. */
  readonly stop: () => void;
  /** Clears it until the next redraw (before the command's output is written to the terminal). */
  readonly clear: () => void;
}

const showProgress = (run: TrackingRun, intervalS: number, io: CliIo): LiveLine => {
  let shown = false;
  const timer = setInterval(
    () => {
      io.stderr(`\r\x1b[K${renderProgressLine(run.progress())}`);
      shown = true;
    },
    Math.max(250, intervalS * 1000),
  );
  const clear = () => {
    if (shown) io.stderr("\r\x1b[K");
    shown = false;
  };
  return {
    stop: () => {
      clearInterval(timer);
      io.stderr("\r\x1b[K");
    },
    clear,
  };
};

/** Stops the run and prints the summary (unless quiet); never throws. */
const finishRun = async (
  run: TrackingRun,
  exit: RunExit,
  command: readonly string[],
  options: TrackingOptions,
  quiet: boolean,
  io: CliIo,
): Promise<void> => {
  let result: EstimateResult;
  try {
    result = await run.stop(exit);
  } catch (error) {
    io.stderr(`mlco2: no summary: ${error instanceof Error ? error.message : String(error)}\n`);
    return;
  }
  if (quiet) return;
  const failed = new Map(run.fileErrors().map((e) => [e.file, e]));
  io.stderr(
    renderTrackSummary({
      command,
      exit,
      result,
      logPath: options.logPath ?? null,
      csvPath: options.csvPath ?? null,
      logProblem: failed.get("log")?.reason ?? null,
      csvProblem: failed.get("csv")?.reason ?? null,
      launch: run.launch,
      allocationIdle: run.allocationIdle(),
      prediction: run.progress().prediction ?? null,
    }),
  );
};

/** What the command's output tells before the run has started: kept, then handed to the run. */
interface OutputFindings {
  /** Hands what was found so far to the run, and what is found later straight to it. */
  attach(run: TrackingRun | null): void;
  /** Units counted from the output. */
  units(): number;
  /** Whether any progress was seen. */
  sawProgress(): boolean;
}

/** Passes the command's output through and reads it; returns what it found and when the output ended. */
const readOutput = (
  child: ChildProcess,
  patterns: OutputPatterns,
  io: CliIo,
  live: () => LiveLine | null,
): { findings: OutputFindings; ended: Promise<void> } => {
  let run: TrackingRun | null = null;
  let units = 0;
  let latest: [number, number] | null = null;
  const ended = passOutputThrough(
    child,
    patterns,
    {
      onProgress: (done, total) => {
        latest = [done, total];
        run?.observeProgress(done, total);
      },
      onUnits: (n) => {
        units += n;
        run?.addUnits(n);
      },
    },
    {
      stdout: io.stdoutWritable ?? process.stdout,
      stderr: io.stderrWritable ?? process.stderr,
      // The live line is on the terminal's stderr: cleared before the command's output lands there.
      beforeWrite: (stream) => {
        if (stream === "stderr" || isatty(1)) live()?.clear();
      },
    },
  );
  const findings: OutputFindings = {
    attach: (started) => {
      run = started;
      if (run === null) return;
      if (units > 0) run.addUnits(units);
      if (latest !== null) run.observeProgress(...latest);
    },
    units: () => units,
    sawProgress: () => latest !== null,
  };
  return { findings, ended };
};

/** Waits for the output to end after the command exited, at most `ms` (a background process may hold it). */
const settle = (ended: Promise<void>, ms: number): Promise<void> =>
  Promise.race([ended, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);

/** The lines that say what --progress and --units-from found, when they found nothing. */
const outputWarnings = (patterns: OutputPatterns, findings: OutputFindings | null): string[] => {
  if (findings === null) return [];
  const lines: string[] = [];
  if (patterns.progress !== null && !findings.sawProgress())
    lines.push("--progress: no line of the output matched; no prediction");
  if (patterns.unitsFrom !== null && findings.units() === 0)
    lines.push("--units-from: no line of the output matched; no figures per unit");
  return lines;
};

/** `mlco2 track`: runs the command, measures it, prints the summary; returns the command's exit code. */
export const runTrack = async (command: readonly string[], flags: TrackFlags, io: CliIo): Promise<number> => {
  const launch = launchContextOf(io.env ?? process.env, {
    hostname: hostname(),
    ...(flags.runId === undefined ? {} : { runId: flags.runId }),
  });
  const series =
    flags.source === undefined &&
    flags.series === undefined &&
    flags.seriesZone === undefined &&
    flags.cache === undefined
      ? null
      : (await import("./track-series.ts")).trackSeriesOf(flags, io);
  const env = io.env ?? process.env;
  const base = trackOptionsOf(command, flags, io.now?.() ?? new Date(), launch);
  // Where the DMI strings are read: a container may mount the host's sysfs elsewhere (tests use fixtures).
  const dmiRoot = env.MLCO2_DMI_ROOT?.trim();
  const upload = trackUploadOf(flags, base.logPath, io);
  const options: TrackingOptions = {
    ...base,
    ...(upload === null ? {} : { onLogLine: upload.onLogLine }),
    onFileError: (error) => io.stderr(`mlco2: ${fileWarning(error)}\n`),
    ...(series === null ? {} : { intensitySeries: series }),
    ...(dmiRoot === undefined || dmiRoot === "" ? {} : { dmiRoot }),
  };
  // Every option is checked before the command starts. Start-up stays lean: the dataset (and the tracker)
  // load first only when a name or a grid year must be checked; otherwise just after the command started.
  const patterns = outputPatternsOf(flags);
  checkWithoutDataset(options);
  const early = needsDataset(options) ? await prepare(options) : null;
  // nohup: Node has reset the ignore of SIGHUP that nohup set; the command gets it back through the shell.
  const ignoreHangup = hangupIgnored();
  const piped = patterns.progress !== null || patterns.unitsFrom !== null;
  const { child, root } = await startCommand(command, ignoreHangup, piped);
  // From here the command runs: nothing may throw, or it would be left running with its exit code lost.
  const exited = new Promise<RunExit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  let live: LiveLine | null = null;
  const output = piped ? readOutput(child, patterns, io, () => live) : null;
  // Signals reach it from now on, also while the tracker is still loading.
  const stopSignals = relaySignals(child, ignoreHangup);
  const cancelQuietHeap = quietHeapAfter(5000);
  const run = await beginRun(early, options, root, io);
  output?.findings.attach(run);
  // The one warning worth interrupting for comes first; the rest are in the summary.
  for (const warning of run?.warnings ?? [])
    if (warning.startsWith("No location")) io.stderr(`mlco2: warning: ${warning}\n`);
  live = run !== null && !flags.quiet && isatty(2) ? showProgress(run, options.intervalS ?? 1, io) : null;
  const exit = await exited;
  if (output !== null) await settle(output.ended, 2000);
  live?.stop();
  live = null;
  for (const line of outputWarnings(patterns, output?.findings ?? null)) io.stderr(`mlco2: ${line}\n`);
  if (run !== null) await finishRun(run, exit, command, options, flags.quiet === true, io);
  await upload?.finish(flags.quiet === true);
  stopSignals();
  cancelQuietHeap();
  if (exit.code !== null) return exit.code;
  const number = exit.signal === null ? 0 : (constants.signals[exit.signal as NodeJS.Signals] ?? 0);
  return 128 + number;
};

/**
 * Passes SIGTERM, SIGHUP and SIGINT on to the command while it runs; returns the function that stops.
 * Under nohup, SIGHUP is ignored here and not passed on (the command ignores it too).
 */
const relaySignals = (child: ChildProcess, ignoreHangup: boolean): (() => void) => {
  // isatty, not process.stdin: touching process.stdin would start reading the stdin the child shares.
  const stdinIsTerminal = isatty(0);
  const forward = (signal: NodeJS.Signals) => {
    // Ctrl-C at a terminal already reaches the whole foreground group, the child included.
    if (signal === "SIGINT" && stdinIsTerminal) return;
    child.kill(signal);
  };
  const ignore = () => {};
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", ...(ignoreHangup ? [] : ["SIGHUP" as const])];
  for (const signal of signals) process.on(signal, forward);
  if (ignoreHangup) process.on("SIGHUP", ignore);
  return () => {
    for (const signal of signals) process.off(signal, forward);
    if (ignoreHangup) process.off("SIGHUP", ignore);
  };
};
