/**
 * Problems of the planning code, as data: a machine-readable `code`, the input `path` at fault and a
 * `message` that does not repeat the field name (the CLI prefixes `--flag:`, an HTTP API would send
 * `{code, path, message}` as it is).
 */

/** Machine-readable kinds of planning problem. */
export type PlanProblemCode =
  | "required"
  | "conflict"
  | "bad-time"
  | "bad-window"
  | "no-data-in-window"
  | "unknown-zone"
  | "unknown-region"
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
export interface PlanProblem {
  /** What went wrong, for programs. */
  readonly code: PlanProblemCode;
  /** The input at fault, e.g. "series", "earliest", "regions". */
  readonly path: string;
  /** One line: the bad value and what is allowed, without the field name. */
  readonly message: string;
  /** Close matches for unknown names ("did you mean"). */
  readonly suggestions?: readonly string[];
}

/** A value, or the problems that prevented it. */
export type PlanOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly [PlanProblem, ...PlanProblem[]] };

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
