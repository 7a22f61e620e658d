import type { Problem } from "../core/errors.ts";

/** What went wrong with one of the tracker's files. */
export type TrackerErrorCode =
  /** The file cannot be created, opened or written (the reason is the system's, e.g. ENOSPC). */
  | "unwritable"
  /** The CSV already holds a table with other columns than CodeCarbon's. */
  | "other-columns";

/**
 * The tracker's one error class for its files (the JSONL log, the CSV); input problems are `Mlco2Error`s.
 * Thrown by `prepareTracking` before anything runs; during a run, passed to `onFileError` instead.
 *
 * @example
 * try { prepareTracking({ csvPath: "runs.csv" }) } catch (e) { if (e instanceof TrackerError) console.log(e.file, e.code, e.reason) }
 */
export class TrackerError extends Error implements Problem<TrackerErrorCode> {
  /** Machine-readable kind. */
  readonly code: TrackerErrorCode;
  /** Which file: the JSONL log or the CSV. */
  readonly file: "log" | "csv";
  /** The path at fault. */
  readonly path: string;
  /** Why, in a few words without the path (e.g. "ENOSPC: no space left on device"). */
  readonly reason: string;
  constructor(
    code: TrackerErrorCode,
    file: "log" | "csv",
    path: string,
    reason: string,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "TrackerError";
    this.code = code;
    this.file = file;
    this.path = path;
    this.reason = reason;
  }
}

/** A system error as a short reason, e.g. "ENOSPC: no space left on device". */
export const reasonOf = (error: unknown): string => {
  const { code, message } = error as NodeJS.ErrnoException;
  const text = typeof message === "string" ? message.split(", ")[0] : undefined;
  return text ?? code ?? String(error);
};

/** The error for a file that cannot be written. */
export const unwritable = (file: "log" | "csv", path: string, cause: unknown): TrackerError => {
  const reason = reasonOf(cause);
  return new TrackerError("unwritable", file, path, reason, `cannot write ${path} (${reason})`, cause);
};
