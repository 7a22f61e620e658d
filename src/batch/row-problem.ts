import type { Problem } from "../core/errors.ts";
import type { RowProblem, RowProblemCode } from "./types.ts";

/** A bad row's problem before its line is known (memoised per job combination). */
export type CellProblem = Omit<RowProblem, "line">;

/** Characters of a value shown in a message before it is cut. */
export const SHOWN_MAX = 64;

/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const escaped = (c: string): string => {
  const code = c.charCodeAt(0);
  if (c === "\n") return "\\n";
  if (c === "\r") return "\\r";
  if (c === "\t") return "\\t";
  return `\\u${code.toString(16).padStart(4, "0")}`;
};

/** Control characters written as escapes (`\n`, `\u0007`), so a message stays one printable line. */
export const escapeControl = (text: string): string => text.replace(CONTROL, escaped);

/**
 * A value as a message shows it: in quotes, control characters escaped, cut after SHOWN_MAX characters
 * with the full length said ("\"aaaa…\" (1,024 characters)").
 */
export const shownValue = (text: string): string => {
  if (text.length <= SHOWN_MAX) return `"${escapeControl(text)}"`;
  return `"${escapeControl(text.slice(0, SHOWN_MAX))}…" (${text.length.toLocaleString("en-US")} characters)`;
};

/** A problem the batch reader finds itself. */
export const cellProblem = (code: RowProblemCode, path: string, message: string): CellProblem => ({
  code,
  path,
  message,
});

/** A quoted value in an engine message longer than a message shows. */
const LONG_QUOTED = new RegExp(`"([^"]{${SHOWN_MAX + 1},})"`, "g");

/**
 * An engine problem as a row problem: the message without a leading "<path>: " (or the engine's
 * "location: " for region, country, zone and intensity), quoted values cut as {@link shownValue} cuts
 * them and control characters escaped (a cell may hold anything). Works on engine messages with or
 * without the field name in front.
 */
export const fromEngineProblem = (problem: Problem): CellProblem => {
  let { message } = problem;
  for (const prefix of [`${problem.path}: `, "location: "]) {
    if (message.startsWith(prefix)) {
      message = message.slice(prefix.length);
      break;
    }
  }
  message = escapeControl(message.replace(LONG_QUOTED, (_, value: string) => shownValue(value)));
  const row: CellProblem = { code: problem.code, path: problem.path, message };
  return problem.suggestions === undefined ? row : { ...row, suggestions: problem.suggestions };
};

/** A problem placed on its line. */
export const atLine = (line: number, problem: CellProblem): RowProblem => ({ line, ...problem });
