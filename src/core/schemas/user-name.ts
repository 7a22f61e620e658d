// Who ran a job, as tracker logs and the team server record it: a login name such as Slurm's
// SLURM_JOB_USER, 1–100 characters, not blank, no control characters.
import * as v from "valibot";
import { shownValue } from "../problems.ts";
import { text } from "./numbers.ts";

/** Longest user name recorded. */
export const USER_NAME_MAX = 100;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what names may not hold
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Whether `name` can be recorded as a job's user.
 *
 * @example
 * isUserName("alice") // true
 * isUserName("  ") // false
 */
export const isUserName = (name: string): boolean =>
  name.trim() !== "" && name.length <= USER_NAME_MAX && !CONTROL.test(name);

/** A user name (see {@link isUserName}). */
export const UserNameSchema = v.pipe(
  text("a user name"),
  v.check(
    isUserName,
    (issue) =>
      `${shownValue(issue.input)} is not allowed; expected a user name of 1 to ${USER_NAME_MAX} characters without control characters`,
  ),
);
