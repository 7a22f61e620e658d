import type { Problem } from "../errors.ts";
import { invalid, required, shownValue } from "../problems.ts";
import type { EstimateInput, PerUnit } from "../types.ts";
import { numberProblem } from "./numbers.ts";

/** The unit's name when none is given. */
export const DEFAULT_UNIT = "units";

/** Longest unit name accepted. */
const UNIT_MAX = 40;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Problems of the functional-unit inputs: `units` a number above 0, `unit` a short name (and only
 * with `units`).
 *
 * @example
 * unitProblems({ unit: "tokens" }).map((p) => p.code) // ["required"]
 */
export const unitProblems = (input: EstimateInput): Problem[] => {
  const problems: Problem[] = [];
  const count = numberProblem("units", input.units);
  if (count !== null) problems.push(count);
  const { unit } = input;
  if (unit !== undefined) {
    if (typeof unit !== "string" || unit.trim() === "" || unit.length > UNIT_MAX || CONTROL.test(unit))
      problems.push(
        invalid(
          "unit",
          `${shownValue(unit)} is not allowed; use a name of 1 to ${UNIT_MAX} characters, e.g. tokens`,
        ),
      );
    else if (input.units === undefined)
      problems.push(required("units", [], ` with a unit (${shownValue(unit)}): how many the job produced`));
  }
  return problems;
};

/**
 * Energy and emissions per functional unit, or undefined when no units were given (checked by
 * {@link unitProblems} before).
 *
 * @example
 * perUnitOf({ units: 1000, unit: "tokens" }, 2, 0.5) // { unit: "tokens", units: 1000, energyKWh: 0.002, emissionsKg: 0.0005 }
 */
export const perUnitOf = (
  input: Pick<EstimateInput, "units" | "unit">,
  energyKWh: number,
  emissionsKg: number,
): PerUnit | undefined =>
  input.units === undefined || input.units <= 0
    ? undefined
    : {
        unit: input.unit?.trim() ?? DEFAULT_UNIT,
        units: input.units,
        energyKWh: energyKWh / input.units,
        emissionsKg: emissionsKg / input.units,
      };
