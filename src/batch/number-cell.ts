import { shownValue } from "../core/problems.ts";
import { type CellProblem, cellProblem } from "./row-problem.ts";

/** The smallest normal double: figures below it have lost precision (or become 0). */
export const MIN_NORMAL = 2.2250738585072014e-308;

/** Number() reads these prefixes as hexadecimal, octal and binary; a cell must be decimal. */
const PREFIXED = /^0[xob]/i;

/**
 * A numeric cell read as a decimal number: its value, undefined when blank, or the problem (not a
 * decimal number; too large; or so small that it underflows, such as "5e-324").
 */
export const decimalCell = (path: string, text: string): number | undefined | CellProblem => {
  const trimmed = text.trim();
  if (trimmed.length === 0) return undefined;
  // Number() accepts decimal literals (what we want), Infinity, and 0x/0o/0b integers (refused here).
  const first = trimmed.charCodeAt(0);
  if (first === 48 && trimmed.length > 2 && PREFIXED.test(trimmed))
    return cellProblem("not-a-number", path, `${shownValue(text)} is not a decimal number`);
  const value = Number(trimmed);
  if (!Number.isFinite(value))
    return cellProblem("not-a-number", path, `${shownValue(text)} is not a number`);
  if (value < MIN_NORMAL && value > -MIN_NORMAL && (value !== 0 || hasNonzeroMantissa(trimmed)))
    return cellProblem(
      "underflow",
      path,
      `${shownValue(text)} is too small to compute with (below ${MIN_NORMAL.toPrecision(2)})`,
    );
  return value;
};

const hasNonzeroMantissa = (decimal: string): boolean => {
  const e = decimal.search(/e/i);
  return /[1-9]/.test(e === -1 ? decimal : decimal.slice(0, e));
};

/** {@link plainNumber}: the text is not a plain number. */
export const NOT_SIMPLE = -1;
/** {@link plainNumber}: the text is empty. */
export const EMPTY = -2;
/** Digits a plain number may have: below 2^53, so digits / 10^k is correctly rounded. */
export const PLAIN_MAX_DIGITS = 15;

/** A plain number's value (digits and one point, ≤ 15 digits), EMPTY, or NOT_SIMPLE. */
export const plainNumber = (text: string): number => {
  if (text === "") return EMPTY;
  if (!/^(\d+\.?\d*|\.\d+)$/.test(text)) return NOT_SIMPLE;
  return text.replace(".", "").length > PLAIN_MAX_DIGITS ? NOT_SIMPLE : Number(text);
};
