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
  if (typeof value === "number" && withinLimits(field, value)) return null;
  const allowed = `${allowedText(field)}${unit}`;
  if (typeof value !== "number" || Number.isNaN(value)) return notANumber(path, value, allowed);
  const tiny = value > 0 && value < SMALLEST_NONZERO;
  return outOfRange(path, value, tiny ? TOO_SMALL_TEXT : allowed);
};

/** Whether a present numeric input is outside its bounds (inlined checks: this runs on every estimate). */
const bad = (field: LimitedField, value: unknown): boolean =>
  value !== undefined && (typeof value !== "number" || !withinLimits(field, value));

/**
 * Stage 1: every numeric input against its bounds (all problems, not only the first).
 *
 * @example
 * numberProblems({ hours: -1, count: 0 }).map((p) => p.path) // ["count", "hours"]
 */
export const numberProblems = (input: EstimateInput): Problem[] => {
  const problems: Problem[] = [];
  if (bad("count", input.count)) problems.push(numberProblem("count", input.count) as Problem);
  if (bad("hours", input.hours)) problems.push(numberProblem("hours", input.hours) as Problem);
  if (bad("deviceHours", input.deviceHours))
    problems.push(numberProblem("deviceHours", input.deviceHours) as Problem);
  if (bad("watts", input.watts)) problems.push(numberProblem("watts", input.watts) as Problem);
  if (bad("utilization", input.utilization))
    problems.push(numberProblem("utilization", input.utilization) as Problem);
  if (bad("pue", input.pue)) problems.push(numberProblem("pue", input.pue) as Problem);
  if (bad("cpuCount", input.cpuCount)) problems.push(numberProblem("cpuCount", input.cpuCount) as Problem);
  if (bad("utilization", input.cpuUtilization))
    problems.push(numberProblem("utilization", input.cpuUtilization, "cpuUtilization") as Problem);
  if (bad("memoryGB", input.memoryGB)) problems.push(numberProblem("memoryGB", input.memoryGB) as Problem);
  if (bad("serviceLifeYears", input.serviceLifeYears))
    problems.push(
      numberProblem("serviceLifeYears", input.serviceLifeYears, "serviceLifeYears", " (years)") as Problem,
    );
  if (bad("useShare", input.useShare)) problems.push(numberProblem("useShare", input.useShare) as Problem);
  if (typeof input.cpu === "object" && bad("cpuTdpW", input.cpu.tdpW))
    problems.push(numberProblem("cpuTdpW", input.cpu.tdpW, "cpu", " (W)") as Problem);
  if (input.year !== undefined && !Number.isInteger(input.year)) {
    problems.push(notANumber("year", input.year, "a year such as 2024", "a year"));
  }
  return problems;
};
