// Report renderers: pure functions from an EstimateResult to text; they run in Node and the browser.
export { LACOSTE_2019_BIBTEX, LACOSTE_2019_KEY, MLCO2_BIBTEX, MLCO2_KEY } from "./bibtex.ts";
export { CSV_COLUMNS, csvField, csvRowOf, renderCsv } from "./csv.ts";
export { escapeLatex } from "./escape-latex.ts";
export { renderJson } from "./json.ts";
export { LATEX_STYLE, renderLatex } from "./latex.ts";
export { escapeMarkdown, MARKDOWN_STYLE, renderMarkdown } from "./markdown.ts";
export {
  type ModelCardOptions,
  modelCardGrams,
  renderModelCard,
  TRAINING_TYPES,
  type TrainingType,
} from "./model-card.ts";
export { type ParagraphStyle, paragraphOf, renewableShareOf } from "./paragraph.ts";
export { REPORT_FORMATS, type ReportFormat, renderReport } from "./render-report.ts";
export { parseSavedResult, type SavedResult } from "./saved-result.ts";
