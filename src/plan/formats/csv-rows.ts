import {
  G_PER_KWH_PER_UNIT,
  type IntensityUnit,
  intensityUnitOf,
  toGPerKWh,
  UNIT_SPELLINGS,
} from "../intensity-units.ts";
import { type PlanProblem, planProblem } from "../problems.ts";
import type { RawReadings } from "../series.ts";
import { parseInstant, parseInstantIn, utcInstantIn } from "../time.ts";
import { csvFields } from "./csv-fields.ts";
import { plainDecimalIn } from "./plain-decimal.ts";

/** Which columns of a row hold what (indices into its fields; -1 for a column the file lacks). */
export interface RowLayout {
  /** Fields every row has (the header's). */
  readonly fieldCount: number;
  /** The time's field. */
  readonly time: number;
  /** The zone's field (-1: the file names no zone). */
  readonly zone: number;
  /** The intensity's field. */
  readonly value: number;
  /** The unit's field (-1: the header states the unit). */
  readonly unitColumn: number;
  /** The unit of every value when there is no unit column. */
  readonly headerUnit: IntensityUnit;
  /** Times without a zone designator are UTC (a "(UTC)" header). */
  readonly assumeUtc: boolean;
}

/** One zone's readings as columns that grow while the file is read. */
interface GrowingReadings {
  length: number;
  atMs: Float64Array;
  gPerKWh: Float64Array;
  line: Float64Array;
}

/** What the rows held: readings by zone (in the order zones first appear), units met, empty values. */
export interface RowsRead {
  /** Each zone's readings ("" for a file that names none), in the order zones first appear. */
  readonly byZone: ReadonlyMap<string, RawReadings>;
  /** The units the readings were in, in the order first met. */
  readonly unitsSeen: ReadonlySet<IntensityUnit>;
  /** Rows with an empty value (missing readings). */
  readonly empty: number;
}

/** The state of one pass over the rows. */
interface Reader {
  readonly layout: RowLayout;
  readonly byZone: Map<string, GrowingReadings>;
  readonly unitsSeen: Set<IntensityUnit>;
  empty: number;
  /** The last zone and unit met, with what they mapped to: rows come in runs of one zone. */
  lastZone: string;
  lastReadings: GrowingReadings | null;
  lastUnitText: string;
  lastUnit: IntensityUnit | undefined;
  /** The unit last added to unitsSeen, and its factor to g/kWh. */
  lastUnitAdded: IntensityUnit | undefined;
  lastFactor: number;
  /** Where the next double quote is (Infinity when there is none): a row before it has no quoting. */
  nextQuote: number;
  /** Where each field of the current row starts and ends. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

const append = (into: GrowingReadings, atMs: number, gPerKWh: number, line: number): void => {
  if (into.length === into.atMs.length) {
    const grow = (from: Float64Array) => {
      const to = new Float64Array(from.length * 2);
      to.set(from);
      return to;
    };
    into.atMs = grow(into.atMs);
    into.gPerKWh = grow(into.gPerKWh);
    into.line = grow(into.line);
  }
  into.atMs[into.length] = atMs;
  into.gPerKWh[into.length] = gPerKWh;
  into.line[into.length] = line;
  into.length++;
};

const readingsFor = (reader: Reader, zone: string): GrowingReadings => {
  let readings = reader.byZone.get(zone);
  if (readings === undefined) {
    const capacity = 1024;
    readings = {
      length: 0,
      atMs: new Float64Array(capacity),
      gPerKWh: new Float64Array(capacity),
      line: new Float64Array(capacity),
    };
    reader.byZone.set(zone, readings);
  }
  return readings;
};

const addReading = (
  reader: Reader,
  zone: string,
  atMs: number,
  value: number,
  unit: IntensityUnit,
  line: number,
) => {
  reader.unitsSeen.add(unit);
  append(readingsFor(reader, zone), atMs, toGPerKWh(value, unit), line);
};

/**
 * Reads one row from its text, field by field: any row, however quoted or spaced, and every problem
 * a row can have, named with its line.
 */
const readRowText = (reader: Reader, text: string, lineNo: number): PlanProblem | null => {
  const { fieldCount, time, value, unitColumn, zone, headerUnit, assumeUtc } = reader.layout;
  if (text.trim() === "" || text.startsWith("#")) return null;
  const fields = csvFields(text);
  if (fields.length !== fieldCount) {
    return planProblem(
      "bad-series",
      "series",
      `line ${lineNo} has ${fields.length} fields; the header has ${fieldCount}`,
    );
  }
  const timeText = (fields[time] as string).trim();
  const atMs = parseInstant(timeText, assumeUtc);
  if (Number.isNaN(atMs)) {
    return planProblem(
      "bad-time",
      "series",
      `line ${lineNo}: "${timeText}" is not an ISO 8601 time with a zone; use e.g. 2024-01-01T00:00:00Z`,
    );
  }
  const valueText = (fields[value] as string).trim();
  if (valueText === "") {
    reader.empty++;
    return null;
  }
  const number = Number(valueText);
  if (!Number.isFinite(number)) {
    return planProblem("bad-value", "series", `line ${lineNo}: "${valueText}" is not a number`);
  }
  let unit = headerUnit;
  if (unitColumn >= 0) {
    const unitText = (fields[unitColumn] as string).trim();
    const found = intensityUnitOf(unitText);
    if (found === undefined) {
      return planProblem(
        "unknown-unit",
        "series",
        `line ${lineNo}: unknown unit "${unitText}"; use ${UNIT_SPELLINGS}`,
      );
    }
    unit = found;
  }
  addReading(reader, zone < 0 ? "" : (fields[zone] as string).trim(), atMs, number, unit, lineNo);
  return null;
};

/** A printable ASCII character other than a space: a field that starts and ends with one needs no trim. */
const isPlain = (c: number): boolean => c > 32 && c < 127;

const plainField = (text: string, start: number, end: number): boolean =>
  start === end || (isPlain(text.charCodeAt(start)) && isPlain(text.charCodeAt(end - 1)));

/** Whether text[start, end) spells `other` (the native startsWith compares faster than a loop here). */
const spells = (text: string, start: number, end: number, other: string): boolean =>
  end - start === other.length && text.startsWith(other, start);

/**
 * Finds the fields of a row with the header's count of them, searching with the native indexOf;
 * false for a row with another count.
 */
const splitRow = (reader: Reader, text: string, start: number, end: number): boolean => {
  const { starts, ends } = reader;
  const last = starts.length - 1;
  let from = start;
  for (let field = 0; field < last; field++) {
    const comma = text.indexOf(",", from);
    if (comma < 0 || comma >= end) return false;
    starts[field] = from;
    ends[field] = comma;
    from = comma + 1;
  }
  const extra = text.indexOf(",", from);
  if (extra >= 0 && extra < end) return false;
  starts[last] = from;
  ends[last] = end;
  return true;
};

const unitOfField = (reader: Reader, text: string, start: number, end: number): IntensityUnit | undefined => {
  if (!spells(text, start, end, reader.lastUnitText)) {
    reader.lastUnitText = text.slice(start, end);
    reader.lastUnit = intensityUnitOf(reader.lastUnitText);
  }
  return reader.lastUnit;
};

const readingsOfField = (reader: Reader, text: string, start: number, end: number): GrowingReadings => {
  if (reader.lastReadings === null || !spells(text, start, end, reader.lastZone)) {
    reader.lastZone = text.slice(start, end);
    reader.lastReadings = readingsFor(reader, reader.lastZone);
  }
  return reader.lastReadings;
};

/**
 * Reads a row in place in the file's text, without cutting it into strings, when it is a plain one
 * (no quotes, no blanks around fields, a valid time and number); false leaves every other row, and
 * every problem, to readRowText. Changes nothing before it knows the row is good.
 */
const readRowInPlace = (
  reader: Reader,
  text: string,
  start: number,
  end: number,
  lineNo: number,
): boolean => {
  const { time, value, unitColumn, zone, headerUnit, assumeUtc } = reader.layout;
  const first = text.charCodeAt(start);
  if (!isPlain(first) || first === 35 || reader.nextQuote < end || !splitRow(reader, text, start, end))
    return false;
  const { starts, ends } = reader;
  const timeStart = starts[time] as number;
  const timeEnd = ends[time] as number;
  if (!plainField(text, timeStart, timeEnd)) return false;
  let atMs = utcInstantIn(text, timeStart, timeEnd);
  if (Number.isNaN(atMs)) atMs = parseInstantIn(text, timeStart, timeEnd, assumeUtc);
  if (Number.isNaN(atMs)) return false;
  const valueStart = starts[value] as number;
  const valueEnd = ends[value] as number;
  if (valueStart === valueEnd) {
    reader.empty++;
    return true;
  }
  if (!plainField(text, valueStart, valueEnd)) return false;
  let number = plainDecimalIn(text, valueStart, valueEnd);
  if (Number.isNaN(number)) number = Number(text.slice(valueStart, valueEnd));
  if (!Number.isFinite(number)) return false;
  const unit =
    unitColumn < 0
      ? headerUnit
      : unitOfField(reader, text, starts[unitColumn] as number, ends[unitColumn] as number);
  if (unit === undefined) return false;
  const zoneStart = zone < 0 ? 0 : (starts[zone] as number);
  const zoneEnd = zone < 0 ? 0 : (ends[zone] as number);
  if (!plainField(text, zoneStart, zoneEnd)) return false;
  if (unit !== reader.lastUnitAdded) {
    reader.unitsSeen.add(unit);
    reader.lastUnitAdded = unit;
    reader.lastFactor = G_PER_KWH_PER_UNIT[unit];
  }
  // toGPerKWh(number, unit), with the unit's factor looked up once per run of one unit.
  append(readingsOfField(reader, text, zoneStart, zoneEnd), atMs, number * reader.lastFactor, lineNo);
  return true;
};

/**
 * Reads the rows of a CSV series from `from` (the start of line `lineNo`) to the end of the text: blank
 * lines and lines starting with # are skipped, an empty value is counted as missing, and the first bad
 * row is a problem naming its line. Plain rows are read in place; any other row field by field, with the
 * same results.
 */
export const readCsvRows = (
  text: string,
  from: number,
  lineNo: number,
  layout: RowLayout,
):
  | { readonly ok: true; readonly value: RowsRead }
  | { readonly ok: false; readonly problem: PlanProblem } => {
  const reader: Reader = {
    layout,
    byZone: new Map(),
    unitsSeen: new Set(),
    empty: 0,
    lastZone: "",
    lastReadings: null,
    lastUnitText: "",
    lastUnit: undefined,
    lastUnitAdded: undefined,
    lastFactor: 1,
    nextQuote: -1,
    starts: new Int32Array(layout.fieldCount),
    ends: new Int32Array(layout.fieldCount),
  };
  for (let start = from, line = lineNo; start <= text.length; line++) {
    let next = text.indexOf("\n", start);
    if (next < 0) next = text.length;
    const end = next > start && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
    if (reader.nextQuote < start) {
      const quote = text.indexOf('"', start);
      reader.nextQuote = quote < 0 ? Number.POSITIVE_INFINITY : quote;
    }
    if (end > start && !readRowInPlace(reader, text, start, end, line)) {
      const problem = readRowText(reader, text.slice(start, end), line);
      if (problem !== null) return { ok: false, problem };
    }
    start = next + 1;
  }
  const byZone = new Map<string, RawReadings>();
  for (const [zone, r] of reader.byZone) {
    byZone.set(zone, {
      length: r.length,
      atMs: r.atMs.subarray(0, r.length),
      gPerKWh: r.gPerKWh.subarray(0, r.length),
      line: r.line.subarray(0, r.length),
    });
  }
  return { ok: true, value: { byZone, unitsSeen: reader.unitsSeen, empty: reader.empty } };
};
