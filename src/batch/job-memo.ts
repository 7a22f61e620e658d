import { formatCsvNumber } from "../core/format-csv-number.ts";
import type { Dataset, EstimateInput } from "../core/types.ts";
import { INPUT_COLUMNS, type InputColumn } from "./columns.ts";
import { type JobFactors, jobFactorsOf } from "./job-factors.ts";
import { decimalCell } from "./number-cell.ts";
import type { CellProblem } from "./row-problem.ts";

/** Job factors of one combination of the key columns, with the CSV text of its intensity and PUE. */
export interface JobEntry {
  /** The factors (or why the combination is refused). */
  readonly factors: JobFactors;
  /** `,<intensity>,<pue>` as CSV output text (lean combinations only, else empty). */
  readonly tail: string;
  /** The same as ASCII bytes. */
  readonly tailBytes: Uint8Array;
}

/** Distinct job combinations remembered before the memo is reset (keeps memory constant). */
export const MEMO_LIMIT = 10_000;

const NAME_COLUMNS: ReadonlySet<InputColumn> = new Set(["hardware", "region", "country", "zone", "instance"]);

/** The job input of the key columns' cells; the problem when a numeric cell is not a number. */
const keyInputOf = (
  columns: readonly InputColumn[],
  cells: readonly string[],
): EstimateInput | CellProblem => {
  const input: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as InputColumn;
    const text = (cells[i] as string).trim();
    if (text.length === 0) continue;
    const field = INPUT_COLUMNS[column];
    if (NAME_COLUMNS.has(column)) input[field] = text;
    else if (column === "cpu") input.cpu = /^\d+(\.\d+)?$/.test(text) ? { tdpW: Number(text) } : text;
    else {
      const value = decimalCell(field, text);
      if (typeof value === "object") return value;
      if (value !== undefined) input[field] = value;
    }
  }
  return input as EstimateInput;
};

const asciiBytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

/**
 * A memo of job factors by the cells of the key columns (a blank cell takes the column's default),
 * resolved once per distinct combination with {@link jobFactorsOf}; at most MEMO_LIMIT entries.
 */
export class JobMemo {
  private readonly memo = new Map<string, JobEntry>();

  /** `keyColumns` in the order cells are given; `defaults` one per key column ("" for none). */
  constructor(
    private readonly dataset: Dataset,
    private readonly keyColumns: readonly InputColumn[],
    private readonly defaults: readonly string[],
  ) {}

  /** The entry for the cells (one per key column, in order; "" when empty or absent). */
  entry(cells: readonly string[]): JobEntry {
    const defaults = this.defaults;
    let key = "";
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] || (defaults[i] as string);
      key += i === 0 ? cell : `\u001f${cell}`;
    }
    let found = this.memo.get(key);
    if (found === undefined) {
      const filled = cells.map((cell, i) => (cell.trim() === "" ? (defaults[i] as string) : cell));
      const input = keyInputOf(this.keyColumns, filled);
      const factors: JobFactors =
        "code" in input ? { ok: false, input: null, problem: input } : jobFactorsOf(this.dataset, input);
      const tail =
        factors.ok && factors.lean
          ? `,${formatCsvNumber(factors.intensity)},${formatCsvNumber(factors.pue)}`
          : "";
      found = { factors, tail, tailBytes: asciiBytes(tail) };
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(key, found);
    }
    return found;
  }
}
