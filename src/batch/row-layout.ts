import { INPUT_LIMITS } from "../core/input-limits.ts";
import { type ColumnIndex, columnIndexOf, type InputColumn, KEY_COLUMNS } from "./columns.ts";
import { plainNumber } from "./number-cell.ts";

/** Where a file's columns sit and what fills them when blank: read once from the header. */
export interface RowLayout {
  /** Fields a record must have (the header's). */
  readonly fieldCount: number;
  /** Known columns by position (-1 when absent). */
  readonly columns: ColumnIndex;
  /** Count, hours and device-hours: position, default text and its plain value (see plainNumber). */
  readonly countCol: number;
  readonly hoursCol: number;
  readonly deviceHoursCol: number;
  readonly countDefault: string;
  readonly hoursDefault: string;
  readonly deviceHoursDefault: string;
  readonly countDefaultValue: number;
  readonly hoursDefaultValue: number;
  readonly deviceHoursDefaultValue: number;
  /** The key columns in use (in the file or with a default), their positions (-1: default only) and defaults. */
  readonly keyColumns: readonly InputColumn[];
  readonly keyIndex: Int32Array;
  readonly keyDefaults: readonly string[];
}

/** Reads the header's fields against the defaults (throws BatchError on an unusable header). */
export const rowLayoutOf = (
  fields: readonly string[],
  defaults: Partial<Record<InputColumn, string>>,
): RowLayout => {
  const columns = columnIndexOf(fields);
  const keyColumns = KEY_COLUMNS.filter((c) => columns[c] !== -1 || defaults[c] !== undefined);
  const countDefault = defaults.count ?? "";
  const hoursDefault = defaults.hours ?? "";
  const deviceHoursDefault = defaults.device_hours ?? "";
  return {
    fieldCount: fields.length,
    columns,
    countCol: columns.count,
    hoursCol: columns.hours,
    deviceHoursCol: columns.device_hours,
    countDefault,
    hoursDefault,
    deviceHoursDefault,
    countDefaultValue: plainNumber(countDefault),
    hoursDefaultValue: plainNumber(hoursDefault),
    deviceHoursDefaultValue: plainNumber(deviceHoursDefault),
    keyColumns,
    keyIndex: Int32Array.from(keyColumns, (c) => columns[c]),
    keyDefaults: keyColumns.map((c) => defaults[c] ?? ""),
  };
};

const { count: COUNT, hours: HOURS, deviceHours: DEVICE_HOURS } = INPUT_LIMITS;

/** Whether count and hours (or device-hours) are within what the engine accepts. */
export const quantitiesValid = (n: number, hours: number | undefined, deviceHours: number | undefined) =>
  Number.isInteger(n) &&
  n >= COUNT.min &&
  n <= COUNT.max &&
  (hours === undefined) !== (deviceHours === undefined) &&
  (hours === undefined || (hours > 0 && hours <= HOURS.max && hours * n <= DEVICE_HOURS.max)) &&
  (deviceHours === undefined || (deviceHours > 0 && deviceHours <= DEVICE_HOURS.max));
