// Number schemas shared by every boundary: finite, within what the engine would ever produce.
import * as v from "valibot";
import { shownValue } from "../problems.ts";

const received = (issue: { input: unknown }): string => shownValue(issue.input);

/** A finite number ≥ 0 (energies, masses, powers). NaN, ±Infinity and negatives are refused. */
export const nonNegative = (what = "a number ≥ 0") =>
  v.pipe(
    v.number((issue) => `${received(issue)} is not allowed; expected ${what}`),
    v.finite((issue) => `${received(issue)} is not allowed; expected ${what}`),
    v.minValue(0, (issue) => `${received(issue)} is not allowed; expected ${what}`),
  );

/** Any finite number (a factor's value may be negative in principle; NaN and ±Infinity never). */
export const finiteNumber = () =>
  v.pipe(
    v.number((issue) => `${received(issue)} is not allowed; expected a number`),
    v.finite((issue) => `${received(issue)} is not allowed; expected a finite number`),
  );

/** A finite number within [min, max]. */
export const between = (min: number, max: number, what = `a number from ${min} to ${max}`) =>
  v.pipe(
    v.number((issue) => `${received(issue)} is not allowed; expected ${what}`),
    v.finite((issue) => `${received(issue)} is not allowed; expected ${what}`),
    v.minValue(min, (issue) => `${received(issue)} is not allowed; expected ${what}`),
    v.maxValue(max, (issue) => `${received(issue)} is not allowed; expected ${what}`),
  );

/** A whole number within [min, max]. */
export const wholeBetween = (min: number, max: number) =>
  v.pipe(
    between(min, max, `a whole number from ${min} to ${max}`),
    v.integer((issue) => `${received(issue)} is not allowed; expected a whole number from ${min} to ${max}`),
  );

/** A string (messages say what was received instead). */
export const text = (what = "a string") =>
  v.string((issue) => `${received(issue)} is not allowed; expected ${what}`);

/** One of fixed strings. */
export const oneOf = <const T extends readonly string[]>(choices: T) =>
  v.picklist(choices, (issue) => `${received(issue)} is not allowed; expected one of ${choices.join(", ")}`);

/**
 * The message of an object schema: its own type problem, and the keys it finds missing (valibot reports
 * a missing key with the object's message).
 */
export const expectedObject =
  (what: string) =>
  (issue: { input: unknown; path?: readonly unknown[] | undefined; received?: string }): string =>
    issue.input === undefined && issue.path !== undefined
      ? "is missing; it is required"
      : `${received(issue)} is not allowed; expected ${what}`;
