/** Machine-readable kinds of input problem. Each has one constructor in problems.ts. */
export type ProblemCode =
  /** A value that must be given is missing. */
  | "required"
  /** Two inputs that exclude each other were both given. */
  | "conflict"
  /** A number was expected. */
  | "not-a-number"
  /** A number outside what is allowed. */
  | "out-of-range"
  /** A value outside a fixed list of choices. */
  | "not-allowed"
  /** A name the catalog does not know. */
  | "unknown-hardware"
  | "unknown-provider"
  | "unknown-region"
  | "unknown-country"
  | "unknown-zone"
  | "unknown-year"
  /** A cloud instance type the catalog does not know, or one named without its provider. */
  | "unknown-instance"
  /** A catalog entry of the wrong kind (a GPU named as a CPU). */
  | "wrong-kind"
  /** A value of the wrong type or shape (schema validation of saved results, logs, API bodies). */
  | "invalid"
  /** Text that is not JSON. */
  | "not-json"
  /** A single-value input given more than once. */
  | "repeated";

/**
 * One problem with an input, returned as data. Other parts of mlco2 (batch rows, planning) use the same
 * shape with their own codes added to {@link ProblemCode}.
 */
export interface Problem<Code extends string = ProblemCode> {
  /** What went wrong, for programs. */
  readonly code: Code;
  /** The input field at fault, e.g. "hours", "region" or "factors[2].value". */
  readonly path: string;
  /**
   * What is wrong and what is allowed, without the field's name: the edge adds it in its own words
   * (the CLI `--hours: …`, HTTP `{ code, path, message }`). See {@link formatProblem}.
   */
  readonly message: string;
  /** Close matches for unknown names ("did you mean"). */
  readonly suggestions?: readonly string[];
  /**
   * Other fields the message names (the other side of a conflict, the alternatives of a requirement);
   * the edge renames them with its own spelling (see problems.ts).
   */
  readonly fields?: readonly string[];
}

/** A result that is either a value or the problems that prevented it. */
export type Outcome<T, Code extends string = ProblemCode> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly [Problem<Code>, ...Problem<Code>[]] };

/** "path: message" with the core's own field names, one problem per line. */
const describeProblems = (problems: readonly Problem[]): string =>
  problems.map((p) => (p.path === "" ? p.message : `${p.path}: ${p.message}`)).join("\n");

/**
 * The one error class mlco2 throws for bad input or misuse. It wraps the same problems that the
 * non-throwing `try…` APIs return as data.
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
  readonly problems: readonly [Problem, ...Problem[]];

  constructor(problems: readonly [Problem, ...Problem[]], options?: { cause?: unknown }) {
    super(describeProblems(problems), options);
    this.name = "Mlco2Error";
    this.code = problems[0].code;
    this.path = problems[0].path;
    this.problems = problems;
  }
}
