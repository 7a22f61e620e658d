import { tryEstimateWith } from "../../core/estimate.ts";
import { formatCsvNumber, writeCsvNumber } from "../../core/format-csv-number.ts";
import type { Dataset, EstimateInput } from "../../core/types.ts";
import { CliError } from "../cli-error.ts";
import { columnIndexOf, type InputColumn, messageWithColumn, OUTPUT_COLUMNS } from "./batch-columns.ts";
import { countQuotes, splitQuoted } from "./csv-records.ts";
import { type JobEntry, jobMemo, KEY_COLUMNS, numberCell } from "./job-memo.ts";
import { emptyPricedRow, type PricedRow, pricedFrom, priceLean } from "./row-pricer.ts";
import type { BatchSummary } from "./run-batch.ts";

/** What pricing needs besides the rows; the same on the main thread and in every worker. */
export interface PricerSetup {
  /** Name of the file, for messages. */
  readonly file: string;
  /** Output format. */
  readonly format: "csv" | "json";
  /** Stop at the first bad row. */
  readonly strict: boolean;
  /** Values for columns a row leaves empty or the file lacks (from the command's flags). */
  readonly defaults: Partial<Record<InputColumn, string>>;
}

/** The header record: its fields and its text as read. */
export interface HeaderRecord {
  readonly fields: readonly string[];
  readonly raw: string;
}

/** A bad row: its line, counted from the block's first line (1), and the reason. */
export interface BadRow {
  readonly line: number;
  readonly message: string;
}

/** What pricing a block gives: output bytes, counts, sums (as in a whole run's summary) and bad rows. */
export interface BlockResult extends BatchSummary {
  /** Output for the block's rows (UTF-8). */
  readonly output: Uint8Array;
  /** Physical lines the block held. */
  readonly lines: number;
  /** The first bad rows of the block, with their reasons (at most 101; all are counted in `skipped`). */
  readonly bad: readonly BadRow[];
  /** With `strict`: the block stopped at its first bad row (the last of `bad`). */
  readonly stopped: boolean;
  /** The header, when this block held it. */
  readonly header: HeaderRecord | null;
}

/** Bad rows listed one by one before only counting. */
export const MAX_LISTED_BAD_ROWS = 100;
/** Slots of the direct-mapped cache in front of the job memo (a power of two). */
const CACHE_SLOTS = 1024;
const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);
const COMMA = 44;
const QUOTE = 34;
const NEWLINE = 10;
const CR = 13;
/** The longest line the fast path takes (longer ones take the general path). */
const FAST_LINE_MAX = 4096;
/** Bytes the fast path adds to a line at most: five numbers and the tail's two, commas, line break. */
const FAST_ADDED_MAX = 256;
const NOT_SIMPLE = -1;
const EMPTY = -2;

/** A cached combination: the key cells' bytes (with a separator after each) and the entry. */
interface CacheSlot {
  readonly key: Uint8Array;
  readonly entry: JobEntry;
}

/**
 * A block pricer: prices blocks of whole CSV records (a block ends after a line break outside quotes,
 * or at the end of the file), in file order. The first record of the file is its header; a pricer made
 * with the header (a worker's) starts at data rows. Lines without quotes and with plain numbers are
 * priced straight from the bytes; every other line takes the general path, which reads it as text.
 */
export const blockPricer = (setup: PricerSetup, dataset: Dataset, knownHeader: HeaderRecord | null) => {
  const { file, defaults } = setup;
  const json = setup.format === "json";
  let header: readonly string[] | null = null;
  let keyIndex: number[] = [];
  let keyColumns: InputColumn[] = [];
  let keyDefaults: string[] = [];
  let memo: (cells: readonly string[]) => JobEntry = () => {
    throw new Error("batch: no header yet");
  };
  let countCol = -1;
  let hoursCol = -1;
  let deviceHoursCol = -1;
  const countDefault = defaults.count ?? "";
  const hoursDefault = defaults.hours ?? "";
  const deviceHoursDefault = defaults.device_hours ?? "";
  const simpleDefault = (text: string): number => (text === "" ? EMPTY : simpleNumber(text));
  const countDefaultValue = simpleDefault(countDefault);
  const hoursDefaultValue = simpleDefault(hoursDefault);
  const deviceHoursDefaultValue = simpleDefault(deviceHoursDefault);
  let names: string[] = [];
  let commas = new Int32Array(0);
  const cache: (CacheSlot | undefined)[] = new Array(CACHE_SLOTS).fill(undefined);
  const row: PricedRow = emptyPricedRow();

  const spares: ArrayBuffer[] = [];
  // State of the block being priced.
  let out = Buffer.allocUnsafeSlow(0);
  let at = 0;
  let line = 0;
  let firstLine = 0;
  let rows = 0;
  let priced = 0;
  let skipped = 0;
  /** Sums of energy, facility energy, emissions, low, high (typed: no number boxing per row). */
  const sums = new Float64Array(5);
  let bad: BadRow[] = [];
  let stopped = false;
  let headerHere: HeaderRecord | null = null;

  const room = (bytes: number): void => {
    if (at + bytes <= out.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(out.length * 2, at + bytes, 1 << 16));
    out.copy(bigger, 0, 0, at);
    out = bigger;
  };

  const writeText = (text: string): void => {
    room(text.length * 3);
    at += out.write(text, at, "utf8");
  };

  const onHeader = (fields: string[]): void => {
    header = fields;
    const cols = columnIndexOf(fields, file);
    const used = KEY_COLUMNS.filter((c) => cols[c] !== -1 || defaults[c] !== undefined);
    keyColumns = used;
    keyIndex = used.map((c) => cols[c]);
    keyDefaults = used.map((c) => defaults[c] ?? "");
    memo = jobMemo(dataset, keyColumns, keyDefaults);
    countCol = cols.count;
    hoursCol = cols.hours;
    deviceHoursCol = cols.device_hours;
    names = fields.map((f) => f.trim());
    commas = new Int32Array(fields.length);
  };

  if (knownHeader !== null) onHeader([...knownHeader.fields]);

  const reportBad = (relative: number, message: string): void => {
    skipped++;
    if (bad.length <= MAX_LISTED_BAD_ROWS) bad.push({ line: relative, message });
    if (setup.strict) stopped = true;
  };

  const addRow = (): void => {
    priced++;
    sums[0] = (sums[0] as number) + row.energyKWh;
    sums[1] = (sums[1] as number) + row.facilityEnergyKWh;
    sums[2] = (sums[2] as number) + row.emissionsKg;
    sums[3] = (sums[3] as number) + row.lowKg;
    sums[4] = (sums[4] as number) + row.highKg;
  };

  const emit = (fields: readonly string[], raw: string, relative: number, tail: string): void => {
    addRow();
    if (!json) {
      writeText(raw);
      room(5 * 25 + tail.length * 3 + 1);
      at = writeNumbers(out, at);
      at += out.write(tail, at, "utf8");
      out[at++] = NEWLINE;
      return;
    }
    const record: Record<string, string | number> = { line: firstLine + relative };
    for (let i = 0; i < names.length; i++) record[names[i] as string] = fields[i] ?? "";
    record.energy_kwh = row.energyKWh;
    record.facility_energy_kwh = row.facilityEnergyKWh;
    record.emissions_kg = row.emissionsKg;
    record.low_kg = row.lowKg;
    record.high_kg = row.highKg;
    record.intensity_g_per_kwh = row.intensityGPerKWh;
    record.pue = row.pue;
    writeText(`${JSON.stringify(record)}\n`);
  };

  /** Writes `,energy,facility,emissions,low,high` of `row` at `p` (room for 125 bytes checked by the caller). */
  const writeNumbers = (o: Uint8Array, p: number): number => {
    o[p] = COMMA;
    let q = writeCsvNumber(row.energyKWh, o, p + 1);
    o[q] = COMMA;
    q = writeCsvNumber(row.facilityEnergyKWh, o, q + 1);
    o[q] = COMMA;
    q = writeCsvNumber(row.emissionsKg, o, q + 1);
    o[q] = COMMA;
    q = writeCsvNumber(row.lowKg, o, q + 1);
    o[q] = COMMA;
    return writeCsvNumber(row.highKg, o, q + 1);
  };

  /** The general path: one record as text, exactly as the engine words any problem. */
  const onRecord = (fields: string[], raw: string, relative: number): void => {
    if (header === null) {
      onHeader(fields);
      headerHere = { fields, raw };
      if (raw.length === 0) throw new CliError(`--batch: ${file}: the header row is empty`);
      if (!json) writeText(`${raw},${OUTPUT_COLUMNS.join(",")}\n`);
      return;
    }
    rows++;
    if (fields.length !== header.length) {
      reportBad(relative, `has ${fields.length} fields but the header has ${header.length} (check quoting)`);
      return;
    }
    const countText = countCol === -1 ? countDefault : (fields[countCol] as string) || countDefault;
    const hoursText = hoursCol === -1 ? hoursDefault : (fields[hoursCol] as string) || hoursDefault;
    const deviceHoursText =
      deviceHoursCol === -1 ? deviceHoursDefault : (fields[deviceHoursCol] as string) || deviceHoursDefault;
    const count = numberCell("count", countText);
    const hours = numberCell("hours", hoursText);
    const deviceHours = numberCell("device_hours", deviceHoursText);
    if (typeof count === "string" || typeof hours === "string" || typeof deviceHours === "string") {
      reportBad(
        relative,
        typeof count === "string" ? count : typeof hours === "string" ? hours : (deviceHours as string),
      );
      return;
    }
    const entry = memo(keyIndex.map((index) => (index === -1 ? "" : (fields[index] as string))));
    const { factors } = entry;
    const n = count ?? 1;
    if (rowValid(n, hours, deviceHours) && factors.ok && factors.lean) {
      priceLean(factors, n, hours ?? (deviceHours as number) / n, row);
      emit(fields, raw, relative, entry.tail);
      return;
    }
    if (rowValid(n, hours, deviceHours) && !factors.ok) {
      reportBad(relative, factors.message);
      return;
    }
    // Anything else goes through the full engine, which also words the problem exactly.
    const input: Record<string, unknown> = { ...factors.input };
    if (count !== undefined) input.count = count;
    if (hours !== undefined) input.hours = hours;
    if (deviceHours !== undefined) input.deviceHours = deviceHours;
    const outcome = tryEstimateWith(dataset, input as EstimateInput);
    if (!outcome.ok) {
      const [problem] = outcome.problems;
      reportBad(relative, messageWithColumn(problem.path, problem.message));
      return;
    }
    pricedFrom(outcome.value, row);
    emit(
      fields,
      raw,
      relative,
      json ? "" : `,${formatCsvNumber(row.intensityGPerKWh)},${formatCsvNumber(row.pue)}`,
    );
  };

  /**
   * The fast path: a line without quotes or non-ASCII bytes, the right number of fields, plain numbers
   * and a combination the lean arithmetic covers, found and priced in one pass over its bytes from `s`.
   * Returns the position of its line break, or -1 (having written nothing) when the line does not
   * qualify or has no line break before `limit`.
   */
  const fastLine = (b: Uint8Array, s: number, limit: number): number => {
    const maxCommas = commas.length - 1;
    // Room for the longest line taken here and what is added to it; the line is copied as it is read.
    room(FAST_LINE_MAX + FAST_ADDED_MAX);
    const o = out;
    const shift = at - s;
    const end = limit - s > FAST_LINE_MAX ? s + FAST_LINE_MAX : limit;
    let n = 0;
    let nl = s;
    for (; nl < end; nl++) {
      const c = b[nl] as number;
      o[shift + nl] = c;
      if (c > COMMA) {
        // Most bytes: letters, digits, points.
        if (c >= 128) return -1;
      } else if (c === COMMA) {
        if (n === maxCommas) return -1;
        commas[n++] = nl;
      } else if (c === NEWLINE) break;
      else if (c === QUOTE) return -1;
    }
    if (nl === end || n !== maxCommas) return -1;
    const e = nl > s && b[nl - 1] === CR ? nl - 1 : nl;
    if (e === s) return -1;
    commas[n] = e;
    const count = cellNumber(b, s, countCol, countDefaultValue);
    const hours = cellNumber(b, s, hoursCol, hoursDefaultValue);
    const deviceHours = cellNumber(b, s, deviceHoursCol, deviceHoursDefaultValue);
    if (count === NOT_SIMPLE || hours === NOT_SIMPLE || deviceHours === NOT_SIMPLE) return -1;
    const units = count === EMPTY ? 1 : count;
    const h = hours === EMPTY ? undefined : hours;
    const dh = deviceHours === EMPTY ? undefined : deviceHours;
    if (!rowValid(units, h, dh)) return -1;
    const entry = cachedEntry(b, s);
    const { factors } = entry;
    if (!(factors.ok && factors.lean)) return -1;
    priceLean(factors, units, h ?? (dh as number) / units, row);
    addRow();
    const tail = entry.tailBytes;
    let p = shift + e;
    p = writeNumbers(o, p);
    for (let i = 0; i < tail.length; i++) o[p++] = tail[i] as number;
    o[p++] = NEWLINE;
    at = p;
    return nl;
  };

  /** A plain number in a cell (digits and one point, ≤ 15 digits), EMPTY, or NOT_SIMPLE. */
  const cellNumber = (b: Uint8Array, s: number, col: number, fallback: number): number => {
    if (col === -1) return fallback;
    const from = col === 0 ? s : (commas[col - 1] as number) + 1;
    const to = commas[col] as number;
    if (from === to) return fallback;
    let value = 0;
    let digits = 0;
    let point = -1;
    for (let i = from; i < to; i++) {
      const c = b[i] as number;
      if (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
        digits++;
      } else if (c === 46 && point === -1) point = i;
      else return NOT_SIMPLE;
    }
    if (digits === 0 || digits > 15) return NOT_SIMPLE;
    // An integer below 2^53 divided by an exact power of ten: correctly rounded, as Number() reads it.
    return point === -1 ? value : value / (POW10[to - point - 1] as number);
  };

  /** The memo entry of the line's key cells, through the direct-mapped cache. */
  const cachedEntry = (b: Uint8Array, s: number): JobEntry => {
    let hash = 0;
    let length = 0;
    for (let k = 0; k < keyIndex.length; k++) {
      const col = keyIndex[k] as number;
      if (col === -1) continue;
      const from = col === 0 ? s : (commas[col - 1] as number) + 1;
      const to = commas[col] as number;
      // Length and a few bytes suffice to spread the slots; sameKey compares every byte.
      if (to > from) {
        hash = (Math.imul(hash, 31) + (b[from] as number)) | 0;
        hash = (Math.imul(hash, 31) + (b[to - 1] as number)) | 0;
        hash = (Math.imul(hash, 31) + (b[(from + to) >> 1] as number)) | 0;
      }
      hash = (Math.imul(hash, 31) + to - from) | 0;
      length += to - from + 1;
    }
    const slot = (hash ^ (hash >>> 15)) & (CACHE_SLOTS - 1);
    const cached = cache[slot];
    if (cached !== undefined && cached.key.length === length && sameKey(cached.key, b, s))
      return cached.entry;
    const key = new Uint8Array(length);
    const cells: string[] = [];
    let p = 0;
    for (let k = 0; k < keyIndex.length; k++) {
      const col = keyIndex[k] as number;
      if (col === -1) {
        cells.push("");
        continue;
      }
      const from = col === 0 ? s : (commas[col - 1] as number) + 1;
      const to = commas[col] as number;
      let cell = "";
      for (let i = from; i < to; i++) {
        key[p++] = b[i] as number;
        cell += String.fromCharCode(b[i] as number);
      }
      key[p++] = COMMA;
      cells.push(cell);
    }
    const entry = memo(cells);
    cache[slot] = { key, entry };
    return entry;
  };

  const sameKey = (key: Uint8Array, b: Uint8Array, s: number): boolean => {
    let p = 0;
    for (let k = 0; k < keyIndex.length; k++) {
      const col = keyIndex[k] as number;
      if (col === -1) continue;
      const from = col === 0 ? s : (commas[col - 1] as number) + 1;
      const to = commas[col] as number;
      for (let i = from; i < to; i++) if (key[p++] !== b[i]) return false;
      if (key[p++] !== COMMA) return false;
    }
    return true;
  };

  // A record inside a quoted field, continued on the next line.
  let pending: string | null = null;
  let pendingQuotes = 0;
  let pendingStart = 0;

  /** One physical line (without its line break), as the CSV reader takes it. */
  const take = (b: Buffer, s: number, e: number): void => {
    line++;
    if (pending !== null) {
      const text = b.toString("utf8", s, e);
      pending += `\n${text}`;
      pendingQuotes += countQuotes(text);
      if (pendingQuotes % 2 === 0) {
        const record = pending;
        pending = null;
        onRecord(splitQuoted(record), record, pendingStart);
      }
      return;
    }
    if (s === e) return;
    const text = b.toString("utf8", s, e);
    if (text.indexOf('"') === -1) {
      onRecord(text.split(","), text, line);
      return;
    }
    const quotes = countQuotes(text);
    if (quotes % 2 === 0) onRecord(splitQuoted(text), text, line);
    else {
      pending = text;
      pendingQuotes = quotes;
      pendingStart = line;
    }
  };

  /**
   * Takes every line that ends with a line break (with `headerOnly`, only up to the end of the header
   * record); returns where the rest starts.
   */
  const takeLines = (block: Buffer, headerOnly: boolean): number => {
    const length = block.length;
    const fast = !json && header !== null;
    let start = 0;
    while (start < length && !stopped && !(headerOnly && header !== null)) {
      if (fast && pending === null) {
        const nl = fastLine(block, start, length);
        if (nl !== -1) {
          line++;
          rows++;
          start = nl + 1;
          continue;
        }
      }
      // A loop here, not Buffer#indexOf: a native call per line costs more than scanning a short line.
      let nl = start;
      while (nl < length && block[nl] !== NEWLINE) nl++;
      if (nl === length) break;
      take(block, start, nl > start && block[nl - 1] === CR ? nl - 1 : nl);
      start = nl + 1;
    }
    return start;
  };

  /**
   * Prices one block of whole records. `first` is the number of lines before the block (for JSON's
   * `line`); `last` marks the end of the file (a last line without a line break, an unclosed quote).
   */
  const price = (block: Buffer, first: number, last: boolean): BlockResult => run(block, first, last, false);

  /** Prices a block (see {@link price}); with `headerOnly`, only up to the end of the header record. */
  const run = (
    block: Buffer,
    first: number,
    last: boolean,
    headerOnly: boolean,
  ): BlockResult & { taken: number } => {
    const size = Math.max(1 << 16, Math.ceil(block.length * 2.2));
    const spare = spares.pop();
    // Fresh memory is slow to touch the first time; an output buffer handed back is reused.
    out = spare !== undefined && spare.byteLength >= size ? Buffer.from(spare) : Buffer.allocUnsafeSlow(size);
    at = 0;
    line = 0;
    firstLine = first;
    rows = 0;
    priced = 0;
    skipped = 0;
    sums.fill(0);
    bad = [];
    stopped = false;
    headerHere = null;
    const start = takeLines(block, headerOnly);
    if (last && !stopped && !(headerOnly && header !== null)) {
      if (start < block.length) {
        const end = block[block.length - 1] === CR ? block.length - 1 : block.length;
        take(block, start, end);
      }
      if (pending !== null && !stopped) {
        pending = null;
        reportBad(pendingStart, "a quoted field is not closed before the end of the file");
      }
    }
    return {
      output: out.subarray(0, at),
      lines: line,
      rows,
      priced,
      skipped,
      energyKWh: sums[0] as number,
      facilityEnergyKWh: sums[1] as number,
      emissionsKg: sums[2] as number,
      lowKg: sums[3] as number,
      highKg: sums[4] as number,
      bad,
      stopped,
      header: headerHere,
      taken: last && !(headerOnly && header !== null) ? block.length : start,
    };
  };

  return {
    price,
    /**
     * Prices a block of the file's start only up to the end of its header record; `taken` is how many
     * of its bytes that was (all of them when the header is not complete within them).
     */
    priceHeader: (block: Buffer, first: number, last: boolean) => run(block, first, last, true),
    hasHeader: (): boolean => header !== null,
    /** Hands back the memory of an output already written, for reuse. */
    recycle: (buffer: ArrayBuffer): void => {
      if (spares.length < 4) spares.push(buffer);
    },
  };
};

/** A block pricer (see {@link blockPricer}). */
export type BlockPricer = ReturnType<typeof blockPricer>;

/** Whether count and hours (or device-hours) are within what the engine accepts. */
const rowValid = (n: number, hours: number | undefined, deviceHours: number | undefined): boolean =>
  Number.isInteger(n) &&
  n >= 1 &&
  n <= 1_000_000 &&
  (hours === undefined) !== (deviceHours === undefined) &&
  (hours === undefined || (hours > 0 && hours <= 87_600 && hours * n <= 500_000_000)) &&
  (deviceHours === undefined || (deviceHours > 0 && deviceHours <= 500_000_000));

/** A plain number's value (digits and one point, ≤ 15 digits), or NOT_SIMPLE. */
const simpleNumber = (text: string): number => {
  if (!/^(\d+\.?\d*|\.\d+)$/.test(text)) return NOT_SIMPLE;
  const digits = text.replace(".", "").length;
  return digits > 15 ? NOT_SIMPLE : Number(text);
};
