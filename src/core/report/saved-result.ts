import * as v from "valibot";
import type { Outcome } from "../errors.ts";
import { invalid, notJson, required, shownValue } from "../problems.ts";
import { EstimateResultSchema } from "../schemas/estimate-result.ts";
import { issuesToProblems } from "../schemas/issues.ts";
import { SummaryLineSchema } from "../schemas/tracker-log.ts";
import type { EstimateResult } from "../types.ts";

/** A saved result read back, and what the text was. */
export interface SavedResult {
  /** The estimate. */
  readonly result: EstimateResult;
  /** A saved JSON result, or a tracker log ending in a summary line. */
  readonly from: "json" | "tracker-log";
}

const EXPECTED =
  "expected a saved estimate (mlco2 estimate --format json) or a tracker JSONL log whose last line is a summary";

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

const isSummary = (value: unknown): boolean =>
  typeof value === "object" && value !== null && (value as { type?: unknown }).type === "summary";

const fromJson = (value: unknown): Outcome<SavedResult> => {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { ok: false, problems: [invalid("", `${shownValue(value)} is not an object; ${EXPECTED}`)] };
  const parsed = v.safeParse(EstimateResultSchema, value);
  return parsed.success
    ? { ok: true, value: { result: value as EstimateResult, from: "json" } } // as written: key order kept
    : { ok: false, problems: issuesToProblems(parsed.issues) };
};

const fromSummary = (value: unknown): Outcome<SavedResult> => {
  if (typeof value === "object" && value !== null && !("result" in value))
    return { ok: false, problems: [required("result", [], ` in the summary line; ${EXPECTED}`)] };
  const parsed = v.safeParse(SummaryLineSchema, value);
  return parsed.success
    ? { ok: true, value: { result: (value as { result: EstimateResult }).result, from: "tracker-log" } }
    : { ok: false, problems: issuesToProblems(parsed.issues) };
};

/**
 * Reads back a saved estimate: either a JSON EstimateResult (as `mlco2 estimate --format json` prints
 * it) or a tracker JSONL log whose last non-empty line is `{"type":"summary", …, "result": {…}}`. The
 * whole shape is validated (types, bounds: no NaN, no negative emissions); problems come back as data
 * with the path of the bad field (`factors[2].value`, `result.emissionsKg`). Never throws.
 *
 * @example
 * parseSavedResult(renderJson(result)) // { ok: true, value: { result, from: "json" } }
 */
export const parseSavedResult = (text: string): Outcome<SavedResult> => {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, problems: [invalid("", `the file is empty; ${EXPECTED}`)] };
  const whole = parseJson(trimmed);
  if (whole.ok) return isSummary(whole.value) ? fromSummary(whole.value) : fromJson(whole.value);
  const lastLine = trimmed.slice(trimmed.lastIndexOf("\n") + 1);
  const last = parseJson(lastLine);
  if (!last.ok)
    return {
      ok: false,
      problems: [notJson("", `not JSON, and its last line is not a JSON summary; ${EXPECTED}`)],
    };
  if (!isSummary(last.value)) {
    const type =
      typeof last.value === "object" && last.value !== null
        ? (last.value as { type?: unknown }).type
        : last.value;
    return {
      ok: false,
      problems: [
        invalid(
          "type",
          `the last line's type is ${JSON.stringify(type) ?? "missing"}, not "summary"; ${EXPECTED}`,
        ),
      ],
    };
  }
  return fromSummary(last.value);
};
