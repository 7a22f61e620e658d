// mlco2/report: report renderers, pure functions from an EstimateResult to text (Node and the browser),
// and the reader of saved results. The list is chosen: see src/public-api.test.ts.
export { LACOSTE_2019_BIBTEX, MLCO2_BIBTEX } from "./bibtex.ts";
export { CSV_COLUMNS, renderCsv } from "./csv.ts";
export { renderJson } from "./json.ts";
export { renderLatex } from "./latex.ts";
export { renderMarkdown } from "./markdown.ts";
export { type MergedRun, mergeRunLogs } from "./merge-runs.ts";
export { renderMergedJson } from "./merged-breakdown.ts";
export { type ModelCardOptions, renderModelCard, TRAINING_TYPES, type TrainingType } from "./model-card.ts";
export { REPORT_FORMATS, type ReportFormat, renderReport } from "./render-report.ts";
export { type LeftOutLog, type RunLog, readRunLog } from "./run-log.ts";
export { parseSavedResult, type SavedResult } from "./saved-result.ts";
