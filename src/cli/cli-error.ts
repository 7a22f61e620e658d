import type { Problem } from "../core/errors.ts";
import { formatProblem } from "../core/problems.ts";

/** Options of a {@link CliError}. */
export interface CliErrorOptions {
  /** Process exit code (default 2: bad usage). */
  readonly exitCode?: number;
  /** Machine-readable kind: a problem code, or "usage", "not-found", "write-failed"… (default "usage"). */
  readonly code?: string;
  /** What caused it (an engine error, a file system error). */
  readonly cause?: unknown;
}

/** An error for the CLI to print: one line per problem on stderr, then exit with its code (default 2). */
export class CliError extends Error {
  /** Process exit code. */
  readonly exitCode: number;
  /** Machine-readable kind. */
  readonly code: string;
  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CliError";
    this.exitCode = options.exitCode ?? 2;
    this.code = options.code ?? "usage";
  }
}

/** Names of core input fields as CLI flags. */
const FLAG_BY_PATH: Readonly<Record<string, string>> = {
  hardware: "--hardware",
  watts: "--watts",
  count: "--count",
  hours: "--hours",
  deviceHours: "--device-hours",
  utilization: "--utilization",
  region: "--region",
  country: "--country",
  zone: "--zone",
  intensity: "--intensity",
  year: "--year",
  pue: "--pue",
  cpu: "--cpu",
  cpuCount: "--cpu-count",
  cpuUtilization: "--cpu-utilization",
  memoryGB: "--memory-gb",
  instance: "--instance",
  embodied: "--embodied",
  serviceLifeYears: "--service-life",
  useShare: "--use-share",
  interval: "--interval",
  units: "--units",
  unit: "--unit",
  runId: "--run-id",
};

/** The flag spelling of a core input path ("deviceHours" → "--device-hours"); other paths as they are. */
export const flagOf = (path: string): string => FLAG_BY_PATH[path] ?? path;

/**
 * The CLI error for engine problems: one line each, fields spelled as flags (`--country: cannot be
 * combined with --region; …`), the first problem's code.
 */
export const problemsError = (
  problems: readonly [Problem, ...Problem[]],
  nameOf: (path: string) => string = flagOf,
  cause?: unknown,
): CliError =>
  new CliError(problems.map((p) => formatProblem(p, nameOf)).join("\n"), {
    code: problems[0].code,
    ...(cause === undefined ? {} : { cause }),
  });
