// mlco2: the engine bound to the bundled dataset.

import type { Outcome } from "./core/errors.ts";
import { estimateWith, tryEstimateWith } from "./core/estimate.ts";
import type { EstimateInput, EstimateResult } from "./core/types.ts";
import { dataset } from "./data/index.ts";

export * from "./core/index.ts";
export { dataset } from "./data/index.ts";

/**
 * Estimates a job against the bundled dataset; throws `Mlco2Error` on bad input.
 *
 * @example
 * estimate({ hardware: "A100 SXM4 80GB", count: 8, hours: 100, region: "gcp:us-central1" }).emissionsKg
 */
export const estimate = (input: EstimateInput): EstimateResult => estimateWith(dataset, input);

/**
 * Like {@link estimate} but returns problems as data.
 *
 * @example
 * const outcome = tryEstimate({ hours: -1, intensity: 100, watts: 300 }); // { ok: false, problems: [...] }
 */
export const tryEstimate = (input: EstimateInput): Outcome<EstimateResult> => tryEstimateWith(dataset, input);
