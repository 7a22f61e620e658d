// Every input problem is built here, one constructor per code, and composed with its field's name at the
// edge (formatProblem). Messages never start with the field's name.
import type { Outcome, Problem, ProblemCode } from "./errors.ts";

/** How an edge spells a field, e.g. "hours" → "--hours" (the CLI) or "hours" (HTTP). */
export type FieldName = (path: string) => string;

const asIs: FieldName = (path) => path;

/** Longest part of a user's value echoed in a message; the rest is cut. */
export const SHOWN_MAX = 64;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const escapeControl = (c: string): string => {
  const names: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  return names[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
};

/**
 * A user's value as a message shows it: strings quoted, control characters escaped, long values cut to
 * 64 characters with their length (a message must stay one short line whatever was typed).
 *
 * @example
 * shownValue("a\nb") // "\"a\\nb\""
 */
export const shownValue = (value: unknown): string => {
  if (typeof value === "number") return String(value);
  if (value === undefined) return "missing";
  const text = typeof value === "string" ? value : (safeJson(value) ?? String(value));
  const cut = text.length > SHOWN_MAX ? `${text.slice(0, cutAt(text))}…` : text;
  const shown = cut.replace(CONTROL, escapeControl);
  const quoted = typeof value === "string" ? `"${shown.replace(/"/g, '\\"')}"` : shown;
  return text.length > SHOWN_MAX ? `${quoted} (${text.length.toLocaleString("en-US")} characters)` : quoted;
};

/** Where to cut a long text: at {@link SHOWN_MAX}, or one before so a surrogate pair is never split. */
const cutAt = (text: string): number => {
  const last = text.charCodeAt(SHOWN_MAX - 1);
  return last >= 0xd800 && last <= 0xdbff ? SHOWN_MAX - 1 : SHOWN_MAX;
};

const safeJson = (value: unknown): string | undefined => {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
};

const joinList = (names: readonly string[], last: string): string =>
  names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} ${last} ${names.at(-1)}`;

/** The part of a message that names other fields, per code (the rest of the message follows it). */
const FIELD_LEADS: Partial<Record<ProblemCode, (fields: readonly string[]) => string>> = {
  conflict: (fields) => `cannot be combined with ${joinList(fields, "and")}`,
  required: (fields) => `give ${fields.length > 2 ? "one of " : ""}${joinList(fields, "or")}`,
};

const make = (
  code: ProblemCode,
  path: string,
  message: string,
  extra: { suggestions?: readonly string[]; fields?: readonly string[] } = {},
): Problem => ({ code, path, message, ...extra });

const withRest = (rest: string | undefined): string => (rest === undefined || rest === "" ? "" : rest);

/**
 * A value that must be given is missing. With `fields`, the message offers them ("give hours or
 * deviceHours"); `rest` follows, e.g. " (a number above 0)".
 */
export const required = (path: string, fields: readonly string[] = [], rest?: string): Problem =>
  fields.length === 0
    ? make("required", path, `is required${withRest(rest)}`)
    : make("required", path, `${FIELD_LEADS.required?.(fields)}${withRest(rest)}`, { fields });

/** `path` cannot be combined with `others`; `rest` says what to do, e.g. "; give only one location". */
export const conflict = (path: string, others: readonly string[], rest?: string): Problem =>
  make("conflict", path, `${FIELD_LEADS.conflict?.(others)}${withRest(rest)}`, { fields: others });

/** Not a number: `"abc" is not a number; use a number above 0` (`what`: e.g. "a whole number", "a year"). */
export const notANumber = (path: string, value: unknown, allowed: string, what = "a number"): Problem =>
  make("not-a-number", path, `${shownValue(value)} is not ${what}; use ${allowed}`);

/** A number outside its bounds: `-1 is not allowed; use a number above 0 and at most 87600`. */
export const outOfRange = (path: string, value: unknown, allowed: string): Problem =>
  make("out-of-range", path, `${shownValue(value)} is not allowed; use ${allowed}`);

/** A value outside fixed choices, with the closest one offered. */
export const notAllowed = (
  path: string,
  value: unknown,
  choices: readonly string[],
  closest?: string,
): Problem =>
  make(
    "not-allowed",
    path,
    `${shownValue(value)} is not allowed${closest === undefined ? "" : ` (did you mean ${closest}?)`}; use one of ${choices.join(", ")}`,
    closest === undefined ? {} : { suggestions: [closest] },
  );

/** Codes of unknown names. */
export type UnknownCode =
  | "unknown-hardware"
  | "unknown-provider"
  | "unknown-region"
  | "unknown-country"
  | "unknown-zone"
  | "unknown-year"
  | "unknown-instance";

/**
 * An unknown name: `unknown hardware "A100 SMX4"; did you mean "…", "…"? (list the catalog with …)`.
 * `what` names the kind of thing ("hardware", "gcp region"); `hint` follows the suggestions. With
 * `what` null the lead is `"value" is not …` from `notWhat`, e.g. "not provider:region".
 */
export const unknownName = (
  code: UnknownCode,
  path: string,
  what: string | { readonly not: string },
  value: string,
  suggestions: readonly string[],
  hint = "",
): Problem => {
  const lead =
    typeof what === "string" ? `unknown ${what} ${shownValue(value)}` : `${shownValue(value)} is ${what.not}`;
  const didYouMean =
    suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(", ")}?` : "";
  return make(code, path, `${lead}${didYouMean}${hint}`, { suggestions });
};

/** Data missing for an otherwise valid input (a year, a zone without figures). */
export const unavailable = (code: UnknownCode, path: string, message: string): Problem =>
  make(code, path, message);

/** A catalog entry of the wrong kind. */
export const wrongKind = (path: string, value: string, kind: string, allowed: string): Problem =>
  make("wrong-kind", path, `${shownValue(value)} is a ${kind}, not ${allowed}`);

/** A value of the wrong type or shape: `null is not allowed; expected a number`. */
export const invalid = (path: string, message: string): Problem => make("invalid", path, message);

/** Text that is not JSON. */
export const notJson = (path: string, message: string): Problem => make("not-json", path, message);

/** A single-value input given more than once. */
export const repeated = (path: string, values: readonly string[]): Problem =>
  make("repeated", path, `given ${values.length} times (${values.map(shownValue).join(", ")}); give it once`);

/**
 * A problem as one line in an edge's words: its field spelled by `nameOf`, then the message with the
 * other fields it names spelled the same way.
 *
 * @example
 * formatProblem(conflict("country", ["region"], "; give only one location"), (p) => `--${p}`)
 * // "--country: cannot be combined with --region; give only one location"
 */
export const formatProblem = <Code extends string>(
  problem: Problem<Code>,
  nameOf: FieldName = asIs,
): string => {
  const lead = FIELD_LEADS[problem.code as ProblemCode];
  let message = problem.message;
  if (lead !== undefined && problem.fields !== undefined && problem.fields.length > 0) {
    const asGiven = lead(problem.fields);
    if (message.startsWith(asGiven))
      message = lead(problem.fields.map(nameOf)) + message.slice(asGiven.length);
  }
  return problem.path === "" ? message : `${nameOf(problem.path)}: ${message}`;
};

/** The problem list of a failed outcome, or the value of a good one: small helpers for stages. */
export const failed = <T>(problems: readonly Problem[]): Outcome<T> => ({
  ok: false,
  problems: problems as readonly [Problem, ...Problem[]],
});

/** A good outcome. */
export const succeeded = <T>(value: T): Outcome<T> => ({ ok: true, value });
