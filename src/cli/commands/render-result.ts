// From the renderers' own modules, not the report index: that also exports the saved-result reader, whose
// schemas (and valibot) `estimate` would then load.
import { type ModelCardOptions, TRAINING_TYPES } from "../../core/report/model-card.ts";
import { REPORT_FORMATS, renderReport } from "../../core/report/render-report.ts";
import type { EstimateResult } from "../../core/types.ts";
import { parseChoice } from "../parse-values.ts";
import { renderEstimateText } from "../render-estimate-text.ts";

/** Formats a single result can be printed in: the terminal text and every report format. */
export const RESULT_FORMATS = ["text", ...REPORT_FORMATS] as const;

/** One of {@link RESULT_FORMATS}. */
export type ResultFormat = (typeof RESULT_FORMATS)[number];

/** Report flags shared by `estimate` and `report`. */
export interface ReportFlags {
  format?: string;
  trainingType?: string;
}

/**
 * The renderer the flags ask for; checks `--format` and `--training-type` first and throws CliError
 * naming the flag on a bad value, so nothing is computed for a command that cannot print.
 */
export const rendererFor = (flags: ReportFlags): ((result: EstimateResult) => string) => {
  const format = parseChoice("--format", flags.format ?? "text", RESULT_FORMATS);
  const options: ModelCardOptions =
    flags.trainingType === undefined
      ? {}
      : { trainingType: parseChoice("--training-type", flags.trainingType, TRAINING_TYPES) };
  return format === "text" ? renderEstimateText : (result) => renderReport(result, format, options);
};
