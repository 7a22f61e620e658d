import type { EstimateResult } from "../types.ts";
import { renderCsv } from "./csv.ts";
import { renderJson } from "./json.ts";
import { renderLatex } from "./latex.ts";
import { renderMarkdown } from "./markdown.ts";
import { type ModelCardOptions, renderModelCard } from "./model-card.ts";

/** Report formats the core renders (the CLI adds `text`). */
export const REPORT_FORMATS = ["latex", "markdown", "model-card", "json", "csv"] as const;

/** One of {@link REPORT_FORMATS}. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Renders a result in one of the report formats.
 *
 * @example
 * renderReport(result, "model-card", { trainingType: "fine-tuning" })
 */
export const renderReport = (
  result: EstimateResult,
  format: ReportFormat,
  options: ModelCardOptions = {},
): string => {
  switch (format) {
    case "latex":
      return renderLatex(result);
    case "markdown":
      return renderMarkdown(result);
    case "model-card":
      return renderModelCard(result, options);
    case "json":
      return renderJson(result);
    case "csv":
      return renderCsv([result]);
  }
};
