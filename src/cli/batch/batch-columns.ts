import type { EstimateInput } from "../../core/types.ts";
import { CliError } from "../cli-error.ts";

/** Input columns a batch file may have, named like the flags (snake_case), with their engine field. */
export const INPUT_COLUMNS = {
  hardware: "hardware",
  count: "count",
  hours: "hours",
  device_hours: "deviceHours",
  watts: "watts",
  utilization: "utilization",
  pue: "pue",
  region: "region",
  country: "country",
  zone: "zone",
  intensity: "intensity",
  year: "year",
  cpu: "cpu",
  cpu_count: "cpuCount",
  cpu_utilization: "cpuUtilization",
  memory_gb: "memoryGB",
} as const satisfies Record<string, keyof EstimateInput>;

/** A batch input column name. */
export type InputColumn = keyof typeof INPUT_COLUMNS;

/** Columns the batch output adds after the input columns. */
export const OUTPUT_COLUMNS = [
  "energy_kwh",
  "facility_energy_kwh",
  "emissions_kg",
  "low_kg",
  "high_kg",
  "intensity_g_per_kwh",
  "pue",
] as const;

/** Columns that vary per run; every other input column is part of the memo key. */
export const ROW_COLUMNS = ["count", "hours", "device_hours"] as const;

const COLUMN_BY_FIELD: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(INPUT_COLUMNS).map(([column, field]) => [field, column]),
);

/** The column name of an engine field ("deviceHours" → "device_hours"). */
export const columnOf = (field: string): string => COLUMN_BY_FIELD[field] ?? field;

/** An engine message with its field spelled as a column: "device_hours: …". */
export const messageWithColumn = (path: string, message: string): string => {
  const prefix = `${path}:`;
  const rest = message.startsWith(prefix) ? message.slice(prefix.length).trimStart() : message;
  return `${columnOf(path)}: ${rest}`;
};

/** Where each known column sits in the header (-1 when absent). */
export type ColumnIndex = Readonly<Record<InputColumn, number>>;

/** Reads the header row: known columns by position (case, spacing and "-" forgiven); others pass through. */
export const columnIndexOf = (header: readonly string[], file: string): ColumnIndex => {
  const index = Object.fromEntries(Object.keys(INPUT_COLUMNS).map((c) => [c, -1])) as Record<
    InputColumn,
    number
  >;
  let known = 0;
  header.forEach((name, i) => {
    const column = name
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_");
    if (column in INPUT_COLUMNS) {
      const key = column as InputColumn;
      if (index[key] !== -1)
        throw new CliError(`--batch: ${file}: column "${column}" appears twice in the header`);
      index[key] = i;
      known++;
    }
  });
  if (known === 0) {
    throw new CliError(
      `--batch: ${file}: the header names none of the input columns; use any of ${Object.keys(INPUT_COLUMNS).join(", ")}`,
    );
  }
  return index;
};
