import { tryEstimateWith } from "../../core/estimate.ts";
import type { EstimateResult } from "../../core/types.ts";
import { dataset } from "../../data/index.ts";
import { problemsError } from "../cli-error.ts";
import { type EstimateFlags, estimateInputOf } from "../estimate-options.ts";
import { RESULT_FORMATS, type ReportFlags, rendererFor } from "./render-result.ts";
import { toOutput } from "./write-output.ts";

/** Output formats of `mlco2 estimate` (with `--batch`: csv or json). */
export const ESTIMATE_FORMATS = RESULT_FORMATS;

/** Estimates one job from flags; throws CliError on bad input. */
export const estimateFromFlags = (flags: EstimateFlags): EstimateResult => {
  const outcome = tryEstimateWith(dataset, estimateInputOf(flags));
  if (!outcome.ok) throw problemsError(outcome.problems);
  return outcome.value;
};

/** `mlco2 estimate`: returns what to print on stdout ("" when `--output` names a file). */
export const runEstimate = (flags: EstimateFlags & ReportFlags & { output?: string }): string => {
  const render = rendererFor(flags);
  return toOutput(render(estimateFromFlags(flags)), flags.output);
};
