import type { EstimateResult } from "../types.ts";

/** A saved result read back, or why the text is not one. */
export type SavedResultOutcome =
  | {
      readonly ok: true;
      /** The estimate. */
      readonly value: EstimateResult;
      /** What the text was: a saved JSON result or a tracker log ending in a summary line. */
      readonly from: "json" | "tracker-log";
    }
  | {
      readonly ok: false;
      /** The field at fault ("" when the text is not JSON at all). */
      readonly path: string;
      /** One line: what is wrong and what is expected. */
      readonly message: string;
    };

const EXPECTED =
  "expected a saved estimate (mlco2 estimate --format json) or a tracker JSONL log whose last line is a summary";

type Check = (value: unknown) => boolean;
const isNumber: Check = (v) => typeof v === "number" && Number.isFinite(v);
const isString: Check = (v) => typeof v === "string";
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isArray: Check = (v) => Array.isArray(v);
const numberOrNull: Check = (v) => v === null || isNumber(v);

/** Required fields of an EstimateResult and their checks, as dotted paths. */
const REQUIRED: readonly (readonly [string, Check, string])[] = [
  ["energyKWh", isNumber, "a number"],
  ["facilityEnergyKWh", isNumber, "a number"],
  ["emissionsKg", isNumber, "a number"],
  ["intensityGPerKWh", isNumber, "a number"],
  ["pue", isNumber, "a number"],
  ["range.lowKg", isNumber, "a number"],
  ["range.highKg", isNumber, "a number"],
  ["marketBasedKg", numberOrNull, "a number or null"],
  ["factors", isArray, "an array"],
  ["warnings", isArray, "an array"],
  ["derivation", isString, "a string"],
  ["components", isArray, "an array"],
  ["alternatives", isObject, "an object"],
  ["equivalents.carKm", isNumber, "a number"],
  ["equivalents.coalKg", isNumber, "a number"],
  ["equivalents.treeSeedlings10y", isNumber, "a number"],
  ["equivalents.flights.count", isNumber, "a number"],
  ["equivalents.flights.route", isString, "a string"],
  ["job.hardware", (v) => v === null || isObject(v), "an object or null"],
  ["job.count", isNumber, "a number"],
  ["job.hours", isNumber, "a number"],
  ["job.deviceHours", isNumber, "a number"],
  ["job.powerPerDeviceW", isNumber, "a number"],
  ["job.utilization", numberOrNull, "a number or null"],
  ["job.year", numberOrNull, "a number or null"],
  [
    "job.location.by",
    (v) => v === "region" || v === "country" || v === "zone" || v === "intensity",
    "region, country, zone or intensity",
  ],
  ["job.location.label", isString, "a string"],
];

const FACTOR_FIELDS: readonly (readonly [string, Check, string])[] = [
  ["name", isString, "a string"],
  ["value", isNumber, "a number"],
  ["unit", isString, "a string"],
  ["kind", isString, "a string"],
  [
    "source",
    (v) => v === null || (isObject(v) && isString(v.publisher) && isString(v.url) && isNumber(v.year)),
    "null or a source",
  ],
];

const at = (value: unknown, path: string): unknown => {
  let current = value;
  for (const key of path.split(".")) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
};

const describe = (value: unknown): string => {
  if (value === undefined) return "missing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

/**
 * Checks that a parsed value has the shape of an {@link EstimateResult}: the fields reports read, with
 * their types. Returns the first problem as a one-line message, or null when it is fine.
 */
export const estimateResultProblem = (value: unknown): { path: string; message: string } | null => {
  if (!isObject(value)) return { path: "", message: `not an object; ${EXPECTED}` };
  for (const [path, check, allowed] of REQUIRED) {
    const found = at(value, path);
    if (!check(found))
      return { path, message: `${path}: ${describe(found)} is not allowed; use ${allowed} (${EXPECTED})` };
  }
  const factors = value.factors as unknown[];
  for (let i = 0; i < factors.length; i++) {
    for (const [field, check, allowed] of FACTOR_FIELDS) {
      const found = at(factors[i], field);
      if (!check(found)) {
        const path = `factors[${i}].${field}`;
        return { path, message: `${path}: ${describe(found)} is not allowed; use ${allowed} (${EXPECTED})` };
      }
    }
  }
  return null;
};

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

const fromValue = (value: unknown, from: "json" | "tracker-log"): SavedResultOutcome => {
  const problem = estimateResultProblem(value);
  return problem === null ? { ok: true, value: value as EstimateResult, from } : { ok: false, ...problem };
};

const fromSummary = (value: Record<string, unknown>): SavedResultOutcome => {
  if (!("result" in value))
    return { ok: false, path: "result", message: `result: missing from the summary line; ${EXPECTED}` };
  const outcome = fromValue(value.result, "tracker-log");
  return outcome.ok
    ? outcome
    : { ...outcome, path: `result.${outcome.path}`, message: `result.${outcome.message}` };
};

/**
 * Reads back a saved estimate: either a JSON EstimateResult (as `mlco2 estimate --format json` prints
 * it) or a tracker JSONL log whose last non-empty line is `{"type":"summary", …, "result": {…}}`.
 * Never throws; problems come back as data.
 *
 * @example
 * parseSavedResult(renderJson(result)) // { ok: true, value: result, from: "json" }
 */
export const parseSavedResult = (text: string): SavedResultOutcome => {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, path: "", message: `the file is empty; ${EXPECTED}` };
  const whole = parseJson(trimmed);
  if (whole.ok) {
    if (isObject(whole.value) && whole.value.type === "summary") return fromSummary(whole.value);
    return fromValue(whole.value, "json");
  }
  const lastLine = trimmed.slice(trimmed.lastIndexOf("\n") + 1);
  const last = parseJson(lastLine);
  if (!last.ok)
    return { ok: false, path: "", message: `not JSON, and its last line is not a JSON summary; ${EXPECTED}` };
  if (!isObject(last.value) || last.value.type !== "summary") {
    return {
      ok: false,
      path: "type",
      message: `the last line's type is ${describe(isObject(last.value) ? last.value.type : last.value)}, not "summary"; ${EXPECTED}`,
    };
  }
  return fromSummary(last.value);
};
