import { closestNames } from "../core/suggest.ts";
import { CliError } from "./cli-error.ts";

/**
 * Parses a numeric flag value strictly ("12", "1.5e3", "1_000" refused); throws a one-line CliError
 * naming the flag, the value and what is allowed.
 */
export const parseNumberFlag = (flag: string, text: string, allowed: string): number => {
  const trimmed = text.trim();
  const value = trimmed === "" ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(value)) throw new CliError(`${flag}: "${text}" is not a number; use ${allowed}`);
  return value;
};

/** Parses a whole-number flag value. */
export const parseIntegerFlag = (flag: string, text: string, allowed: string): number => {
  const value = parseNumberFlag(flag, text, allowed);
  if (!Number.isInteger(value))
    throw new CliError(`${flag}: "${text}" is not a whole number; use ${allowed}`);
  return value;
};

/** Parses a choice flag value. */
export const parseChoice = <T extends string>(flag: string, text: string, choices: readonly T[]): T => {
  const found = choices.find((c) => c === text);
  if (found === undefined) {
    const [closest] = closestNames(text, choices, 1);
    const hint = closest === undefined ? "" : ` (did you mean ${closest}?)`;
    throw new CliError(`${flag}: "${text}" is not allowed${hint}; use one of ${choices.join(", ")}`);
  }
  return found;
};
