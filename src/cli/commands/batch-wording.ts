// How the CLI words batch pricing's coded problems: column names for engine fields, FILE:LINE in front.

import { type BatchError, type BatchSummary, INPUT_COLUMNS, type RowProblem } from "../../batch/index.ts";
import { formatMassKg, sig3 } from "../../core/format-number.ts";
import { formatProblem } from "../../core/problems.ts";

const COLUMN_BY_FIELD: ReadonlyMap<string, string> = new Map(
  Object.entries(INPUT_COLUMNS).map(([column, field]) => [field, column]),
);

/** The column name of an engine field ("deviceHours" → "device_hours"); other paths as they are. */
export const columnOf = (path: string): string => COLUMN_BY_FIELD.get(path) ?? path;

/** "column: message" (other fields it names spelled as columns too), or the message alone for a problem with the record as a whole. */
const withColumn = (problem: RowProblem): string => formatProblem(problem, columnOf);

/** A skipped row: `FILE:LINE: column: message; row skipped`. */
export const skippedRowLine = (file: string, problem: RowProblem): string =>
  `${file}:${problem.line}: ${withColumn(problem)}; row skipped`;

/** The row that stopped a `--strict` run. */
export const strictStopMessage = (file: string, problem: RowProblem): string =>
  `--batch: ${file}:${problem.line}: ${withColumn(problem)} (stopped: --strict)`;

/** A file that cannot be priced at all. */
export const batchErrorMessage = (file: string, error: BatchError): string =>
  error.code === "empty-file"
    ? `--batch: ${file} is empty; expected a header row naming columns such as hardware,count,hours,region`
    : `--batch: ${file}: ${error.message}`;

/** After the first listed bad rows. */
export const moreBadRowsLine = (file: string): string =>
  `${file}: more bad rows; only the count is reported from here on`;

const count = (n: number): string => n.toLocaleString("en-US");

/** The total line: `total N of M rows priced, K skipped: … kWh with PUE, … CO2eq (range … – …)`. */
export const totalLine = (s: BatchSummary): string =>
  `total ${count(s.priced)} of ${count(s.rows)} rows priced${s.skipped > 0 ? `, ${count(s.skipped)} skipped` : ""}: ${sig3(s.facilityEnergyKWh)} kWh with PUE, ${formatMassKg(s.emissionsKg)} CO2eq (range ${formatMassKg(s.lowKg)} – ${formatMassKg(s.highKg)})`;
