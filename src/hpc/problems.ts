// Problems of Slurm accounting and cluster files: the repo's one shape (core/errors.ts), with the codes
// this folder adds. Messages never start with the field's name: the CLI composes `FILE:LINE: Field: …`.
import type { Problem, ProblemCode } from "../core/errors.ts";

/** Codes of problems found in sacct output and cluster files, besides the engine's. */
export type HpcOwnCode =
  /** A line with more or fewer fields than the header (e.g. a `|` inside JobName). */
  | "field-count"
  /** A resource in AllocTRES that pricing does not know (an accelerator other than gres/gpu). */
  | "unknown-tres"
  /** A partition (or node) the cluster file does not describe. */
  | "unknown-partition"
  /** A job's nodes are described by different entries of the cluster file. */
  | "mixed-nodes"
  /** Job steps whose job line is not in the input. */
  | "orphan-step"
  /** A job holds more CPUs per node than its nodes have. */
  | "too-many-cpus"
  /** A job holds GPUs on nodes the cluster file describes without GPUs. */
  | "no-gpu-model"
  /** A file that is not TOML. */
  | "not-toml";

/** Code of an HPC problem: the engine's codes and this folder's own. */
export type HpcProblemCode = ProblemCode | HpcOwnCode;

/** A problem of a line of the input (1 is the header's line). */
export interface LineProblem extends Problem<HpcProblemCode> {
  /** Physical line of the input where the job (or the line at fault) starts. */
  readonly line: number;
}

/** A problem with its line. */
export const lineProblem = (
  line: number,
  code: HpcProblemCode,
  path: string,
  message: string,
  extra: Pick<Problem, "suggestions" | "fields"> = {},
): LineProblem => ({ line, code, path, message, ...extra });

/** An engine problem placed on a line, with its path renamed (e.g. "hours" → "Elapsed"). */
export const atLineAs = (line: number, problem: Problem, path: string): LineProblem => ({
  ...problem,
  line,
  path,
});
