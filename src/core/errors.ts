/** Machine-readable kinds of input problem. */
export type ProblemCode =
  | "required"
  | "conflict"
  | "not-a-number"
  | "out-of-range"
  | "unknown-hardware"
  | "unknown-provider"
  | "unknown-region"
  | "unknown-country"
  | "unknown-zone"
  | "unknown-year"
  | "wrong-kind";

/** One problem with an input, returned as data. */
export interface Problem {
  /** What went wrong, for programs. */
  readonly code: ProblemCode;
  /** The input field at fault, e.g. "hours" or "region". */
  readonly path: string;
  /** One line naming the field, the bad value and what is allowed. */
  readonly message: string;
  /** Close matches for unknown names ("did you mean"). */
  readonly suggestions?: readonly string[];
}

/**
 * The one error class mlco2 throws for bad input or misuse. It wraps the same problems that the
 * non-throwing APIs return as data.
 *
 * @example
 * try { estimate({ hours: -1 }) } catch (e) { if (e instanceof Mlco2Error) console.log(e.code, e.path) }
 */
export class Mlco2Error extends Error {
  /** Code of the first problem. */
  readonly code: ProblemCode;
  /** Field of the first problem. */
  readonly path: string;
  /** Every problem found. */
  readonly problems: readonly Problem[];

  constructor(problems: readonly [Problem, ...Problem[]], options?: { cause?: unknown }) {
    super(problems[0].message, options);
    this.name = "Mlco2Error";
    this.code = problems[0].code;
    this.path = problems[0].path;
    this.problems = problems;
  }
}

/** A result that is either a value or the problems that prevented it. */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly [Problem, ...Problem[]] };
