import { notAllowed, notANumber } from "../core/problems.ts";
import { closestNames } from "../core/suggest.ts";
import { problemsError } from "./cli-error.ts";

/**
 * A plain decimal number as people type it: digits with an optional point and exponent. Hexadecimal,
 * binary and octal (`0x10`, `0b11`, `0o7`), `Infinity`, `1_000` and empty text are refused.
 */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The value of decimal text, or NaN (see {@link DECIMAL}). */
export const decimalValue = (text: string): number => {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
};

/**
 * Parses a numeric flag value strictly (decimal only: "12", "1.5e3"; "0x10", "1_000" refused); throws a
 * one-line CliError naming the flag, the value and what is allowed. Bounds are the engine's to check.
 */
export const parseNumberFlag = (flag: string, text: string, allowed: string): number => {
  const value = decimalValue(text);
  if (!Number.isFinite(value)) throw problemsError([notANumber(flag, text, allowed)]);
  return value;
};

/** Parses a whole-number flag value. */
export const parseIntegerFlag = (flag: string, text: string, allowed: string): number => {
  const value = parseNumberFlag(flag, text, allowed);
  if (!Number.isInteger(value)) throw problemsError([notANumber(flag, text, allowed, "a whole number")]);
  return value;
};

/** Parses a choice flag value, offering the closest choice. */
export const parseChoice = <T extends string>(flag: string, text: string, choices: readonly T[]): T => {
  const found = choices.find((c) => c === text);
  if (found === undefined) {
    const [closest] = closestNames(text, choices, 1);
    throw problemsError([notAllowed(flag, text, choices, closest)]);
  }
  return found;
};
