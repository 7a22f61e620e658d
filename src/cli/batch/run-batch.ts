import { estimateOutcome } from "../../core/estimate.ts";
import type { Dataset, EstimateInput } from "../../core/types.ts";
import { CliError } from "../cli-error.ts";
import {
  type ColumnIndex,
  columnIndexOf,
  INPUT_COLUMNS,
  type InputColumn,
  messageWithColumn,
  OUTPUT_COLUMNS,
} from "./batch-columns.ts";
import { csvRecords } from "./csv-records.ts";
import { type JobFactors, jobFactorsOf, type PricedRow, pricedFrom, priceLean } from "./row-pricer.ts";

/** Where batch output goes: `write` returns false when the consumer is full; then `drain` is awaited. */
export interface BatchSink {
  readonly write: (text: string) => boolean;
  readonly drain: () => Promise<void>;
}

/** What a batch run needs. */
export interface BatchOptions {
  /** Name of the file, for messages. */
  readonly file: string;
  /** The file's text, in chunks of any size (a stream). */
  readonly chunks: AsyncIterable<string>;
  /** Output format. */
  readonly format: "csv" | "json";
  /** Stop at the first bad row (CliError) instead of skipping it. */
  readonly strict: boolean;
  /** Values for columns a row leaves empty or the file lacks (from the command's flags). */
  readonly defaults: Partial<Record<InputColumn, string>>;
  /** The dataset. */
  readonly dataset: Dataset;
  /** Output. */
  readonly sink: BatchSink;
  /** One line per bad row (and a note when too many to list). */
  readonly reportBadRow: (line: string) => void;
}

/** Totals of a batch run. */
export interface BatchSummary {
  /** Data rows read (header and blank lines not counted). */
  readonly rows: number;
  /** Rows priced and written. */
  readonly priced: number;
  /** Rows skipped as bad. */
  readonly skipped: number;
  /** Sums over the priced rows. */
  readonly energyKWh: number;
  readonly facilityEnergyKWh: number;
  readonly emissionsKg: number;
  readonly lowKg: number;
  readonly highKg: number;
}

/** Bad rows listed one by one before only counting. */
export const MAX_LISTED_BAD_ROWS = 100;
/** Distinct job combinations remembered before the memo is reset (keeps memory constant). */
const MEMO_LIMIT = 10_000;
/** Output is handed to the sink in pieces of about this many characters. */
const FLUSH_CHARS = 1 << 16;

const KEY_COLUMNS = (Object.keys(INPUT_COLUMNS) as InputColumn[]).filter(
  (c) => c !== "count" && c !== "hours" && c !== "device_hours",
);

/** Parses a numeric cell; undefined when empty; a message naming the column when not a number. */
const numberCell = (column: string, text: string): number | string | undefined => {
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

const formatNumber = (value: number): string => String(value);

/**
 * Prices a CSV of runs, streaming: one record at a time, memoising the job factors per distinct
 * combination of the non-quantity columns, writing output in pieces and waiting when the sink is full.
 */
export const runBatch = async (options: BatchOptions): Promise<BatchSummary> => {
  const { dataset, sink, file, defaults } = options;
  let header: string[] | null = null;
  let headerRaw = "";
  let columns: ColumnIndex | null = null;
  let keyCols: (readonly [InputColumn, number, string])[] = [];
  let countCol = -1;
  let hoursCol = -1;
  let deviceHoursCol = -1;
  const countDefault = defaults.count ?? "";
  const hoursDefault = defaults.hours ?? "";
  const deviceHoursDefault = defaults.device_hours ?? "";
  const memo = new Map<string, JobFactors & { text?: string }>();
  const row: PricedRow = {
    energyKWh: 0,
    facilityEnergyKWh: 0,
    emissionsKg: 0,
    lowKg: 0,
    highKg: 0,
    intensityGPerKWh: 0,
    pue: 0,
  };
  let out = "";
  let rows = 0;
  let priced = 0;
  let skipped = 0;
  let energyKWh = 0;
  let facilityEnergyKWh = 0;
  let emissionsKg = 0;
  let lowKg = 0;
  let highKg = 0;
  const json = options.format === "json";
  let names: string[] = [];

  const bad = (line: number, message: string): void => {
    if (options.strict) throw new CliError(`--batch: ${file}:${line}: ${message} (stopped: --strict)`);
    skipped++;
    if (skipped <= MAX_LISTED_BAD_ROWS) options.reportBadRow(`${file}:${line}: ${message}; row skipped`);
    else if (skipped === MAX_LISTED_BAD_ROWS + 1)
      options.reportBadRow(`${file}: more bad rows; only the count is reported from here on`);
  };

  const onHeader = (fields: string[], raw: string): void => {
    header = fields;
    headerRaw = raw;
    columns = columnIndexOf(fields, file);
    const cols = columns;
    keyCols = KEY_COLUMNS.filter((c) => cols[c] !== -1 || defaults[c] !== undefined).map(
      (c) => [c, cols[c], defaults[c] ?? ""] as const,
    );
    countCol = cols.count;
    hoursCol = cols.hours;
    deviceHoursCol = cols.device_hours;
    names = fields.map((f) => f.trim());
    if (!json) out += `${raw},${OUTPUT_COLUMNS.join(",")}\n`;
  };

  const factorsFor = (fields: string[]): JobFactors & { text?: string } => {
    let key = "";
    for (let i = 0; i < keyCols.length; i++) {
      const [, index, fallback] = keyCols[i] as readonly [InputColumn, number, string];
      const cell = index === -1 ? fallback : (fields[index] ?? "");
      key += i === 0 ? cell || fallback : `\u001f${cell || fallback}`;
    }
    let found = memo.get(key);
    if (found === undefined) {
      const values = keyCols.map(([column, index, fallback]) => {
        const cell = index === -1 ? "" : (fields[index] ?? "");
        return [column, cell.trim() === "" ? fallback : cell] as const;
      });
      const input = keyInputOf(values);
      found =
        typeof input === "string" ? { ok: false, input: {}, message: input } : jobFactorsOf(dataset, input);
      if (found.ok && found.lean) found.text = `,${formatNumber(found.intensity)},${formatNumber(found.pue)}`;
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, found);
    }
    return found;
  };

  const emit = (fields: string[], raw: string, line: number, text: string): void => {
    priced++;
    energyKWh += row.energyKWh;
    facilityEnergyKWh += row.facilityEnergyKWh;
    emissionsKg += row.emissionsKg;
    lowKg += row.lowKg;
    highKg += row.highKg;
    if (!json) {
      out += `${raw},${formatNumber(row.energyKWh)},${formatNumber(row.facilityEnergyKWh)},${formatNumber(row.emissionsKg)},${formatNumber(row.lowKg)},${formatNumber(row.highKg)}${text}\n`;
      return;
    }
    const record: Record<string, string | number> = { line };
    for (let i = 0; i < names.length; i++) record[names[i] as string] = fields[i] ?? "";
    record.energy_kwh = row.energyKWh;
    record.facility_energy_kwh = row.facilityEnergyKWh;
    record.emissions_kg = row.emissionsKg;
    record.low_kg = row.lowKg;
    record.high_kg = row.highKg;
    record.intensity_g_per_kwh = row.intensityGPerKWh;
    record.pue = row.pue;
    out += `${JSON.stringify(record)}\n`;
  };

  const onRecord = (fields: string[], raw: string, line: number): void => {
    if (header === null) {
      onHeader(fields, raw);
      return;
    }
    rows++;
    if (fields.length !== (header as string[]).length) {
      bad(
        line,
        `has ${fields.length} fields but the header has ${(header as string[]).length} (check quoting)`,
      );
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
      bad(
        line,
        typeof count === "string" ? count : typeof hours === "string" ? hours : (deviceHours as string),
      );
      return;
    }
    const factors = factorsFor(fields);
    const n = count ?? 1;
    const rowValid =
      Number.isInteger(n) &&
      n >= 1 &&
      n <= 1_000_000 &&
      (hours === undefined) !== (deviceHours === undefined) &&
      (hours === undefined || (hours > 0 && hours <= 87_600 && hours * n <= 500_000_000)) &&
      (deviceHours === undefined || (deviceHours > 0 && deviceHours <= 500_000_000));
    if (rowValid && factors.ok && factors.lean) {
      const h = hours ?? (deviceHours as number) / n;
      priceLean(factors, n, h, row);
      emit(fields, raw, line, factors.text as string);
      return;
    }
    if (rowValid && !factors.ok) {
      bad(line, factors.message);
      return;
    }
    // Anything else goes through the full engine, which also words the problem exactly.
    const input: Record<string, unknown> = { ...factors.input };
    if (count !== undefined) input.count = count;
    if (hours !== undefined) input.hours = hours;
    if (deviceHours !== undefined) input.deviceHours = deviceHours;
    const outcome = estimateOutcome(dataset, input as EstimateInput);
    if (!outcome.ok) {
      const [problem] = outcome.problems;
      bad(line, messageWithColumn(problem.path, problem.message));
      return;
    }
    pricedFrom(outcome.value, row);
    emit(fields, raw, line, `,${formatNumber(row.intensityGPerKWh)},${formatNumber(row.pue)}`);
  };

  const records = csvRecords(onRecord);
  const flush = async (): Promise<void> => {
    if (out.length === 0) return;
    const text = out;
    out = "";
    if (!sink.write(text)) await sink.drain();
  };

  for await (const chunk of options.chunks) {
    records.push(chunk);
    if (out.length >= FLUSH_CHARS) await flush();
  }
  if (!records.end()) bad(records.pendingLine(), "a quoted field is not closed before the end of the file");
  if (header === null) {
    throw new CliError(
      `--batch: ${file} is empty; expected a header row naming columns such as hardware,count,hours,region`,
    );
  }
  if (headerRaw.length === 0) throw new CliError(`--batch: ${file}: the header row is empty`);
  await flush();
  return { rows, priced, skipped, energyKWh, facilityEnergyKWh, emissionsKg, lowKg, highKg };
};
