import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Problem } from "../core/errors.ts";
import { unitProblems } from "../core/estimate/per-unit.ts";
import { allowedText, withinLimits } from "../core/input-limits.ts";
import { invalid, outOfRange, required, shownValue } from "../core/problems.ts";
import { isUserName, USER_NAME_MAX } from "../core/schemas/user-name.ts";
import type { CpuOverride } from "./cpu-plan.ts";
import { otherColumns, readCsvHeader } from "./log-csv.ts";
import { TrackerError, unwritable } from "./tracker-error.ts";

/** Sampling interval bounds, seconds. */
export const INTERVAL_LIMITS = { minS: 0.05, maxS: 3600 } as const;

/** The options checked without the dataset. */
export interface PlainOptions {
  /** Seconds between samples. */
  readonly intervalS?: number;
  /** Facility PUE. */
  readonly pue?: number;
  /** Explicit intensity, gCO2eq/kWh. */
  readonly intensity?: number;
  /** Host CPU: a catalog name (checked with the dataset) or a TDP. */
  readonly cpu?: CpuOverride;
  /** Grid data year. */
  readonly year?: number;
  /** Cloud instance type, "provider:type" (looked up in the dataset). */
  readonly instance?: string;
  /** Named locations. */
  readonly region?: string;
  readonly country?: string;
  readonly zone?: string;
  /** Run key shared by a distributed run's trackers. */
  readonly runId?: string;
  /** Who ran the job (null or blank: record none). */
  readonly user?: string | null;
  /** Functional units and their name. */
  readonly units?: number;
  readonly unit?: string;
  /** A time-resolved source (its zone is checked with the dataset). */
  readonly intensitySeries?: unknown;
}

/** Longest run key accepted. */
const RUN_ID_MAX = 200;

/** A run key: 1–200 characters, no control characters (it goes into every log line and file names). */
const runIdProblem = (runId: string | undefined): Problem | null => {
  if (runId === undefined) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (runId.trim() !== "" && runId.length <= RUN_ID_MAX && !/[\u0000-\u001f\u007f]/.test(runId)) return null;
  return invalid(
    "runId",
    `${shownValue(runId)} is not allowed; use 1 to ${RUN_ID_MAX} characters without control characters, the same for every task of the run`,
  );
};

/** A user name: blank records none; otherwise 1–100 characters without control characters. */
const userProblem = (user: string | null | undefined): Problem | null => {
  if (user === undefined || user === null || user.trim() === "" || isUserName(user)) return null;
  return invalid(
    "user",
    `${shownValue(user)} is not allowed; use a name of 1 to ${USER_NAME_MAX} characters without control characters, or "" to record none`,
  );
};

/** Whether checking the options needs the dataset: a name to look up (CPU, region, country, zone), a grid year or a source's zone. */
export const needsDataset = (options: PlainOptions): boolean =>
  options.intensitySeries !== undefined ||
  typeof options.cpu === "string" ||
  options.instance !== undefined ||
  options.region !== undefined ||
  options.country !== undefined ||
  options.zone !== undefined ||
  options.year !== undefined;

/**
 * Checks what needs no dataset: interval, PUE, explicit intensity and a CPU TDP, with the engine's bounds,
 * so that the CLI can check before spawning without loading the dataset. Messages do not start with the
 * field's name (the caller adds it, e.g. as a flag).
 */
export const checkPlainOptions = (options: PlainOptions): Problem[] => {
  const problems: Problem[] = [];
  const interval = options.intervalS;
  if (
    interval !== undefined &&
    !(Number.isFinite(interval) && interval >= INTERVAL_LIMITS.minS && interval <= INTERVAL_LIMITS.maxS)
  ) {
    problems.push(
      outOfRange(
        "interval",
        interval,
        `a number of seconds from ${INTERVAL_LIMITS.minS} to ${INTERVAL_LIMITS.maxS}`,
      ),
    );
  }
  if (options.pue !== undefined && !withinLimits("pue", options.pue)) {
    problems.push(outOfRange("pue", options.pue, allowedText("pue")));
  }
  if (options.intensity !== undefined && !withinLimits("intensity", options.intensity)) {
    problems.push(outOfRange("intensity", options.intensity, `${allowedText("intensity")} (gCO2eq/kWh)`));
  }
  if (typeof options.cpu === "object" && !withinLimits("cpuTdpW", options.cpu.tdpW)) {
    problems.push(
      outOfRange(
        "cpu",
        options.cpu.tdpW,
        `a CPU from the catalog or a TDP in watts (${allowedText("cpuTdpW")})`,
      ),
    );
  }
  if (
    options.year !== undefined &&
    options.region === undefined &&
    options.country === undefined &&
    options.zone === undefined
  ) {
    problems.push(
      required(
        "year",
        ["region", "country", "zone"],
        ` too: the year ${String(options.year)} chooses their grid data`,
      ),
    );
  }
  const runId = runIdProblem(options.runId);
  if (runId !== null) problems.push(runId);
  const user = userProblem(options.user);
  if (user !== null) problems.push(user);
  // The tracker may count its units from the output (--units-from): a unit without --units is fine here.
  if (options.units !== undefined || options.unit !== undefined)
    problems.push(
      ...unitProblems({
        units: options.units ?? 1,
        ...(options.unit === undefined ? {} : { unit: options.unit }),
      }),
    );
  return problems;
};

/** Why a file could not be written, without creating it; null when it looks writable. */
const unwritableReason = (path: string): NodeJS.ErrnoException | null => {
  const fail = (code: string, text: string): NodeJS.ErrnoException =>
    Object.assign(new Error(`${code}: ${text}`), { code });
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return fail("EISDIR", "is a directory");
    accessSync(path, constants.W_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") return error as NodeJS.ErrnoException;
  }
  const dir = dirname(resolve(path));
  try {
    if (!statSync(dir).isDirectory()) return fail("ENOTDIR", `${dir} is not a directory`);
    accessSync(dir, constants.W_OK | constants.X_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? fail("ENOENT", `no directory ${dir}`) : (error as NodeJS.ErrnoException);
  }
};

/**
 * Checks the log and CSV paths before anything runs, creating nothing: each must be writable (or
 * creatable), they must differ, and an existing CSV must have CodeCarbon's columns. Returns the first
 * problem as a {@link TrackerError}, or null.
 */
export const checkFiles = (files: {
  readonly logPath?: string;
  readonly csvPath?: string;
}): TrackerError | null => {
  for (const [file, path] of [
    ["log", files.logPath],
    ["csv", files.csvPath],
  ] as const) {
    if (path === undefined) continue;
    const reason = unwritableReason(path);
    if (reason !== null) return unwritable(file, path, reason);
  }
  if (
    files.logPath !== undefined &&
    files.csvPath !== undefined &&
    resolve(files.logPath) === resolve(files.csvPath)
  )
    return new TrackerError(
      "unwritable",
      "csv",
      files.csvPath,
      "the same file as the log",
      `${files.csvPath} is also the JSONL log; give another file`,
    );
  if (files.csvPath !== undefined) {
    const header = readCsvHeader(files.csvPath);
    if (header !== null && !header.matches) return otherColumns(files.csvPath, header.line);
  }
  return null;
};
