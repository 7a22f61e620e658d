import { tryEstimateWith } from "../core/estimate.ts";
import { formatCsvNumber } from "../core/format-csv-number.ts";
import type { Dataset, EstimateInput } from "../core/types.ts";
import { BatchError } from "./batch-error.ts";
import { OUTPUT_COLUMNS } from "./columns.ts";
import { FIGURES_MAX_BYTES, writeFigures } from "./csv-output.ts";
import {
  lineBreaksIn,
  OPEN,
  RECORD_MAX_BYTES,
  RECORD_MAX_LINES,
  recordEnd,
  splitFields,
  UNCLOSED,
  UNTERMINATED,
} from "./csv-record.ts";
import { FastPath } from "./fast-path.ts";
import { JobMemo } from "./job-memo.ts";
import { JsonRows } from "./json-output.ts";
import { decimalCell } from "./number-cell.ts";
import { OutputBuffer } from "./output-buffer.ts";
import { emptyPricedRow, pricedFrom, priceLean, underflowed } from "./priced-row.ts";
import { quantitiesValid, type RowLayout, rowLayoutOf } from "./row-layout.ts";
import { type CellProblem, cellProblem, fromEngineProblem } from "./row-problem.ts";
import { Tally } from "./tally.ts";
import type { BlockResult, HeaderRecord, PricerSetup } from "./types.ts";

const NEWLINE = 10;
const CR = 13;

/** Why a record whose quoted field never closes is refused. */
export const UNCLOSED_QUOTE: CellProblem = cellProblem(
  "unclosed-quote",
  "",
  `unclosed quote (a quoted field must close within ${RECORD_MAX_LINES} lines and ${RECORD_MAX_BYTES / (1 << 20)} MiB); reading resumes on the next line`,
);
/** Why an over-long line is refused. */
export const LINE_TOO_LONG: CellProblem = cellProblem(
  "line-too-long",
  "",
  `the line is longer than ${RECORD_MAX_BYTES / (1 << 20)} MiB`,
);
const UNDERFLOW: CellProblem = cellProblem(
  "underflow",
  "",
  "the row's figures are too small to compute with (below 2.2e-308); check its quantities",
);

/** The cell at `col`, or the default when the column is absent or the cell empty. */
const cellOr = (fields: readonly string[], col: number, fallback: string): string =>
  col === -1 ? fallback : (fields[col] as string) || fallback;

/**
 * Prices blocks of whole CSV records (see record-blocks.ts), in file order. The first record of the
 * file is its header; a pricer made with the header (a worker's) starts at data rows. CSV lines the
 * {@link FastPath} takes are priced from their bytes; every other record is read as text here, with
 * the same results. Bad rows come back as coded problems; nothing is worded for a command.
 */
export class BlockPricer {
  private layout: RowLayout | null = null;
  private memo: JobMemo | null = null;
  private fast: FastPath | null = null;
  private json: JsonRows | null = null;
  private readonly out = new OutputBuffer();
  private readonly tally: Tally;
  private readonly row = emptyPricedRow();
  /** Lines read in the current block, and lines before it. */
  private line = 0;
  private first = 0;
  private headerHere: HeaderRecord | null = null;
  /** The key cells of the row being priced (reused). */
  private keyCells: string[] = [];

  constructor(
    private readonly setup: PricerSetup,
    private readonly dataset: Dataset,
    knownHeader: HeaderRecord | null,
  ) {
    this.tally = new Tally(setup.strict);
    if (knownHeader !== null) this.useHeader(knownHeader.fields);
  }

  /** Whether the header has been read. */
  hasHeader(): boolean {
    return this.layout !== null;
  }

  /**
   * Prices one block of whole records. `first` is the number of lines before the block (for JSON's
   * `line`); `last` marks the end of the file (a last line without a line break, an unclosed quote).
   */
  price(block: Buffer, first: number, last: boolean): BlockResult {
    return this.run(block, first, last, false);
  }

  /**
   * Prices a block of the file's start only up to the end of its header record; `taken` is how many
   * of its bytes that was (all of them when the header is not complete within them).
   */
  priceHeader(block: Buffer, first: number, last: boolean): BlockResult & { readonly taken: number } {
    return this.run(block, first, last, true);
  }

  /** The result of a line longer than a record may be, dropped unread by the block cutter. */
  tooLongLine(): BlockResult {
    if (this.layout === null) throw new BatchError("unreadable-header", LINE_TOO_LONG.message);
    this.tally.reset();
    this.tally.skip(1, LINE_TOO_LONG);
    this.headerHere = null;
    return this.result(1, new Uint8Array(0));
  }

  /** Hands back the memory of an output already written, for reuse. */
  recycle(buffer: ArrayBuffer): void {
    this.out.recycle(buffer);
  }

  private run(block: Buffer, first: number, last: boolean, headerOnly: boolean) {
    this.out.start(Math.max(1 << 16, Math.ceil(block.length * 2.2)));
    this.line = 0;
    this.first = first;
    this.tally.reset();
    this.headerHere = null;
    const start = this.takeRecords(block, last, headerOnly);
    return {
      ...this.result(this.line, this.out.written()),
      taken: last && !headerOnly ? block.length : start,
    };
  }

  private result(lines: number, output: Uint8Array): BlockResult {
    const tally = this.tally;
    return {
      output,
      lines,
      ...tally.totals(),
      problems: tally.problems,
      stopped: tally.stopped,
      header: this.headerHere,
    };
  }

  /** Reads records from the block's start; returns where it stopped. */
  private takeRecords(block: Buffer, last: boolean, headerOnly: boolean): number {
    const length = block.length;
    const tally = this.tally;
    let start = 0;
    while (start < length && !tally.stopped && !(headerOnly && this.layout !== null)) {
      const fast = this.fast;
      if (fast !== null) {
        const nl = fast.line(block, start, length);
        if (nl !== -1) {
          this.line++;
          start = nl + 1;
          continue;
        }
      }
      const end = recordEnd(block, start, length);
      const line = this.line + 1;
      if (end >= 0) {
        this.line++;
        this.record(block, start, end > start && block[end - 1] === CR ? end - 1 : end, line);
        start = end + 1;
        continue;
      }
      if (end === UNTERMINATED) {
        if (!last) break; // blocks end after a line break; only the file's last line may lack one
        this.line++;
        this.record(block, start, block[length - 1] === CR ? length - 1 : length, line);
        return length;
      }
      // OPEN (a block ends inside a quoted field only where the cutter judged it unclosed, or at the
      // end of the file), UNCLOSED or TOO_LONG: refuse the record and resume on its second line.
      const problem = end === OPEN || end === UNCLOSED ? UNCLOSED_QUOTE : LINE_TOO_LONG;
      if (this.layout === null) throw new BatchError("unreadable-header", problem.message);
      this.line++;
      tally.skip(line, problem);
      const nl = block.indexOf(NEWLINE, start);
      start = nl === -1 ? length : nl + 1;
    }
    return start;
  }

  /** One record from `s` to `e` (its line break excluded), starting on `line` of the block. */
  private record(b: Buffer, s: number, e: number, line: number): void {
    if (s === e) return; // a blank line is not a row
    const raw = b.toString("utf8", s, e);
    let fields: string[];
    if (raw.indexOf('"') === -1) fields = raw.split(",");
    else {
      fields = splitFields(raw);
      this.line += lineBreaksIn(b, s, e); // a quoted field may span lines
    }
    if (this.layout === null) {
      this.useHeader(fields);
      this.headerHere = { fields, raw };
      if (this.json === null) this.out.text(`${raw},${OUTPUT_COLUMNS.join(",")}\n`);
      return;
    }
    this.priceRow(fields, b, s, e, line);
  }

  private useHeader(fields: readonly string[]): void {
    const layout = rowLayoutOf(fields, this.setup.defaults);
    const memo = new JobMemo(this.dataset, layout.keyColumns, layout.keyDefaults);
    this.layout = layout;
    this.memo = memo;
    this.keyCells = layout.keyColumns.map(() => "");
    if (this.setup.format === "json") this.json = new JsonRows(fields);
    else this.fast = new FastPath(layout, memo, this.row, this.out, this.tally);
  }

  /** The general path: one data record as text, priced as the engine prices it. */
  private priceRow(fields: readonly string[], b: Buffer, s: number, e: number, line: number): void {
    const layout = this.layout as RowLayout;
    const tally = this.tally;
    if (fields.length !== layout.fieldCount) {
      const message = `has ${fields.length} fields but the header has ${layout.fieldCount} (check quoting)`;
      tally.skip(line, cellProblem("field-count", "", message));
      return;
    }
    const count = decimalCell("count", cellOr(fields, layout.countCol, layout.countDefault));
    const hours = decimalCell("hours", cellOr(fields, layout.hoursCol, layout.hoursDefault));
    const deviceHours = decimalCell(
      "deviceHours",
      cellOr(fields, layout.deviceHoursCol, layout.deviceHoursDefault),
    );
    if (typeof count === "object" || typeof hours === "object" || typeof deviceHours === "object") {
      tally.skip(line, [count, hours, deviceHours].find((c) => typeof c === "object") as CellProblem);
      return;
    }
    const keyCells = this.keyCells;
    const { keyIndex } = layout;
    for (let k = 0; k < keyIndex.length; k++) {
      const col = keyIndex[k] as number;
      keyCells[k] = col === -1 ? "" : (fields[col] as string);
    }
    const entry = (this.memo as JobMemo).entry(keyCells);
    const { factors } = entry;
    const n = count ?? 1;
    const valid = quantitiesValid(n, hours, deviceHours);
    if (!factors.ok && (valid || factors.input === null)) {
      tally.skip(line, factors.problem);
      return;
    }
    const row = this.row;
    let tail = entry.tail;
    if (valid && factors.ok && factors.lean) priceLean(factors, n, hours ?? (deviceHours as number) / n, row);
    else {
      // Anything else goes through the full engine, which also words the problem exactly.
      const input: Record<string, unknown> = { ...factors.input };
      if (count !== undefined) input.count = count;
      if (hours !== undefined) input.hours = hours;
      if (deviceHours !== undefined) input.deviceHours = deviceHours;
      const outcome = tryEstimateWith(this.dataset, input as EstimateInput);
      if (!outcome.ok) {
        tally.skip(line, fromEngineProblem(outcome.problems[0]));
        return;
      }
      pricedFrom(outcome.value, row);
      tail = `,${formatCsvNumber(row.intensityGPerKWh)},${formatCsvNumber(row.pue)}`;
    }
    if (underflowed(row)) {
      tally.skip(line, UNDERFLOW);
      return;
    }
    tally.add(row);
    this.emit(fields, b, s, e, line, tail);
  }

  /** Writes a priced row: the record's bytes and the figures (CSV), or a JSON line. */
  private emit(fields: readonly string[], b: Buffer, s: number, e: number, line: number, tail: string) {
    const out = this.out;
    if (this.json !== null) {
      this.json.write(out, this.first + line, fields, this.row);
      return;
    }
    out.copy(b, s, e);
    out.room(FIGURES_MAX_BYTES + tail.length + 1);
    out.at = writeFigures(this.row, out.bytes, out.at);
    out.at += out.bytes.write(tail, out.at, "latin1");
    out.bytes[out.at++] = NEWLINE;
  }
}
