import type { EstimateResult } from "../../core/types.ts";
import { tryEstimate } from "../../index.ts";
import { CliError, messageWithFlag } from "../cli-error.ts";
import { type EstimateFlags, estimateInputOf } from "../estimate-options.ts";
import { parseChoice } from "../parse-values.ts";
import { renderEstimateText } from "../render-estimate-text.ts";

/** Output formats of `mlco2 estimate`. */
export const ESTIMATE_FORMATS = ["text", "json"] as const;

/** Estimates one job from flags; throws CliError on bad input. */
export const estimateFromFlags = (flags: EstimateFlags): EstimateResult => {
  const outcome = tryEstimate(estimateInputOf(flags));
  if (!outcome.ok) {
    const [first] = outcome.problems;
    throw new CliError(messageWithFlag(first.path, first.message));
  }
  return outcome.value;
};

/** `mlco2 estimate`: returns what to print on stdout. */
export const runEstimate = (flags: EstimateFlags & { format?: string }): string => {
  const format = parseChoice("--format", flags.format ?? "text", ESTIMATE_FORMATS);
  const result = estimateFromFlags(flags);
  return format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderEstimateText(result);
};
