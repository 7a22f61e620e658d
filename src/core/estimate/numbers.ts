import type { Problem } from "../errors.ts";
import {
  allowedText,
  type LimitedField,
  SMALLEST_NONZERO,
  TOO_SMALL_TEXT,
  withinLimits,
} from "../input-limits.ts";
import { notANumber, outOfRange } from "../problems.ts";
import type { EstimateInput } from "../types.ts";

/** The problem of a numeric input outside its bounds, or null (absent or fine). */
export const numberProblem = (
  field: LimitedField,
  value: unknown,
  path: string = field,
  unit = "",
): Problem | null => {
  if (value === undefined) return null;
  const allowed = `${allowedText(field)}${unit}`;
  if (typeof value !== "number" || Number.isNaN(value)) return notANumber(path, value, allowed);
  if (withinLimits(field, value)) return null;
  const tiny = value !== 0 && Math.abs(value) < SMALLEST_NONZERO && value > 0;
  return outOfRange(path, value, tiny ? TOO_SMALL_TEXT : allowed);
};

const push = (problems: Problem[], problem: Problem | null): void => {
  if (problem !== null) problems.push(problem);
};

/**
 * Stage 1: every numeric input against its bounds (all problems, not only the first).
 *
 * @example
 * numberProblems({ hours: -1, count: 0 }).map((p) => p.path) // ["count", "hours"]
 */
export const numberProblems = (input: EstimateInput): Problem[] => {
  const problems: Problem[] = [];
  push(problems, numberProblem("count", input.count));
  push(problems, numberProblem("hours", input.hours));
  push(problems, numberProblem("deviceHours", input.deviceHours));
  push(problems, numberProblem("watts", input.watts));
  push(problems, numberProblem("utilization", input.utilization));
  push(problems, numberProblem("pue", input.pue));
  push(problems, numberProblem("cpuCount", input.cpuCount));
  push(problems, numberProblem("utilization", input.cpuUtilization, "cpuUtilization"));
  push(problems, numberProblem("memoryGB", input.memoryGB));
  if (typeof input.cpu === "object") push(problems, numberProblem("cpuTdpW", input.cpu.tdpW, "cpu", " (W)"));
  if (input.year !== undefined && !Number.isInteger(input.year)) {
    problems.push(notANumber("year", input.year, "a year such as 2024", "a year"));
  }
  return problems;
};
