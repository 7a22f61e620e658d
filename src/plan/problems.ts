/**
 * Problems of the planning code: the engine's one failure shape (`Problem`, `Outcome`) with the
 * planning codes added. Messages do not repeat the field name (the CLI prefixes `--flag:`, an HTTP API
 * sends `{code, path, message}` as it is).
 */
import type { Outcome, Problem, ProblemCode } from "../core/errors.ts";

/** Machine-readable kinds of planning problem: the engine's, and these. */
export type PlanProblemCode =
  | ProblemCode
  | "bad-time"
  | "bad-window"
  | "no-data-in-window"
  | "bad-series"
  | "empty-series"
  | "duplicate-point"
  | "irregular-series"
  | "unknown-unit"
  | "implausible-unit"
  | "bad-value"
  | "missing-credentials"
  | "api-unauthorized"
  | "api-rate-limited"
  | "api-error"
  | "api-unreachable"
  | "api-bad-body"
  | "unreadable-file";

/** One planning problem. */
export type PlanProblem = Problem<PlanProblemCode>;

/** A value, or the problems that prevented it. */
export type PlanOutcome<T> = Outcome<T, PlanProblemCode>;

/** Builds a problem. */
export const planProblem = (
  code: PlanProblemCode,
  path: string,
  message: string,
  suggestions?: readonly string[],
): PlanProblem =>
  suggestions === undefined ? { code, path, message } : { code, path, message, suggestions };

/** A failed outcome with one problem. */
export const failWith = <T>(problem: PlanProblem): PlanOutcome<T> => ({ ok: false, problems: [problem] });

/** A successful outcome. */
export const succeed = <T>(value: T): PlanOutcome<T> => ({ ok: true, value });
