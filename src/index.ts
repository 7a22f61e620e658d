// mlco2: the engine bound to the bundled dataset, and its reports. The list is chosen: see
// src/public-api.test.ts. Subpaths: mlco2/core (data passed in), mlco2/data, mlco2/report, mlco2/tracker.
import type { Outcome } from "./core/errors.ts";
import { estimateWith, tryEstimateWith } from "./core/estimate.ts";
import type { EstimateInput, EstimateResult } from "./core/types.ts";
import { dataset } from "./data/index.ts";

export { Mlco2Error, type Outcome, type Problem, type ProblemCode } from "./core/errors.ts";
export {
  type ModelCardOptions,
  parseSavedResult,
  REPORT_FORMATS,
  type ReportFormat,
  renderReport,
  type SavedResult,
} from "./core/report/index.ts";
export type {
  Alternative,
  ComponentEstimate,
  Counterfactual,
  Dataset,
  EmbodiedEstimate,
  EmbodiedPart,
  Equivalents,
  EstimateInput,
  EstimateResult,
  Factor,
  FactorKind,
  PerUnit,
  ResolvedJob,
  ResolvedLocation,
} from "./core/types.ts";
export { dataset } from "./data/index.ts";

/**
 * Estimates a job against the bundled dataset; throws `Mlco2Error` (with every problem) on bad input.
 *
 * @example
 * estimate({ hardware: "A100 SXM4 80GB", count: 8, hours: 100, region: "gcp:us-central1" }).emissionsKg
 */
export const estimate = (input: EstimateInput): EstimateResult => estimateWith(dataset, input);

/**
 * Like {@link estimate} but returns problems as data (every `try…` function returns an `Outcome`).
 *
 * @example
 * const outcome = tryEstimate({ hours: -1, intensity: 100, watts: 300 }); // { ok: false, problems: [...] }
 */
export const tryEstimate = (input: EstimateInput): Outcome<EstimateResult> => tryEstimateWith(dataset, input);
