import { formatCsvNumber } from "../../core/format-csv-number.ts";
import type { Dataset, EstimateInput } from "../../core/types.ts";
import { INPUT_COLUMNS, type InputColumn } from "./batch-columns.ts";
import { type JobFactors, jobFactorsOf } from "./row-pricer.ts";

/** Job factors of one combination of the key columns, with the CSV text of its intensity and PUE. */
export interface JobEntry {
  /** The factors (or why the combination is refused). */
  readonly factors: JobFactors;
  /** `,<intensity>,<pue>` as CSV output text (lean combinations only, else empty). */
  readonly tail: string;
  /** The same as ASCII bytes. */
  readonly tailBytes: Uint8Array;
}

/** Columns that are part of the memo key: every input column but count, hours and device_hours. */
export const KEY_COLUMNS = (Object.keys(INPUT_COLUMNS) as InputColumn[]).filter(
  (c) => c !== "count" && c !== "hours" && c !== "device_hours",
);

/** Distinct job combinations remembered before the memo is reset (keeps memory constant). */
const MEMO_LIMIT = 10_000;

/** Parses a numeric cell; undefined when empty; a message naming the column when not a number. */
export const numberCell = (column: string, text: string): number | string | undefined => {
  if (text.length === 0) return undefined;
  const value = Number(text);
  if (Number.isNaN(value) || !Number.isFinite(value) || (value === 0 && text.trim().length === 0)) {
    if (text.trim().length === 0) return undefined;
    return `${column}: "${text}" is not a number`;
  }
  return value;
};

/** Builds the job input of the key columns; a message when a numeric cell is not a number. */
const keyInputOf = (values: readonly (readonly [InputColumn, string])[]): EstimateInput | string => {
  const input: Record<string, unknown> = {};
  for (const [column, raw] of values) {
    const text = raw.trim();
    if (text.length === 0) continue;
    const field = INPUT_COLUMNS[column];
    if (column === "hardware" || column === "region" || column === "country" || column === "zone")
      input[field] = text;
    else if (column === "cpu") input.cpu = /^\d+(\.\d+)?$/.test(text) ? { tdpW: Number(text) } : text;
    else {
      const value = numberCell(column, text);
      if (typeof value === "string") return value;
      if (value !== undefined) input[field] = value;
    }
  }
  return input as EstimateInput;
};

const asciiBytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

/**
 * A memo of job factors by the cells of the key columns (a cell left empty takes the column's default);
 * resolved once per distinct combination with {@link jobFactorsOf}, capped at 10,000 entries.
 */
export const jobMemo = (
  dataset: Dataset,
  keyColumns: readonly InputColumn[],
  defaults: readonly string[],
) => {
  const memo = new Map<string, JobEntry>();
  /** The entry for the cells (one per key column, in order; "" when empty or absent). */
  return (cells: readonly string[]): JobEntry => {
    let key = "";
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] || (defaults[i] as string);
      key += i === 0 ? cell : `\u001f${cell}`;
    }
    let found = memo.get(key);
    if (found === undefined) {
      const values = keyColumns.map((column, i) => {
        const cell = cells[i] as string;
        return [column, cell.trim() === "" ? (defaults[i] as string) : cell] as const;
      });
      const input = keyInputOf(values);
      const factors: JobFactors =
        typeof input === "string" ? { ok: false, input: {}, message: input } : jobFactorsOf(dataset, input);
      const tail =
        factors.ok && factors.lean
          ? `,${formatCsvNumber(factors.intensity)},${formatCsvNumber(factors.pue)}`
          : "";
      found = { factors, tail, tailBytes: asciiBytes(tail) };
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, found);
    }
    return found;
  };
};
