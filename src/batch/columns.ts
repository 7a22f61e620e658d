import type { EstimateInput } from "../core/types.ts";
import { BatchError } from "./batch-error.ts";

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
  instance: "instance",
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

/** Columns that are part of the memo key: every input column but count, hours and device_hours. */
export const KEY_COLUMNS = (Object.keys(INPUT_COLUMNS) as InputColumn[]).filter(
  (c) => c !== "count" && c !== "hours" && c !== "device_hours",
);

/** Where each known column sits in the header (-1 when absent). */
export type ColumnIndex = Readonly<Record<InputColumn, number>>;

/** A header name as a column name: case, spacing and "-" forgiven ("Device Hours" → "device_hours"). */
export const columnName = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/**
 * Reads the header row: known columns by position; other columns pass through. Throws BatchError
 * ("duplicate-column", "no-known-column") when the header cannot drive pricing.
 */
export const columnIndexOf = (header: readonly string[]): ColumnIndex => {
  const index = Object.fromEntries(Object.keys(INPUT_COLUMNS).map((c) => [c, -1])) as Record<
    InputColumn,
    number
  >;
  let known = 0;
  header.forEach((name, i) => {
    const column = columnName(name);
    if (!Object.hasOwn(INPUT_COLUMNS, column)) return;
    const key = column as InputColumn;
    if (index[key] !== -1)
      throw new BatchError("duplicate-column", `column "${column}" appears twice in the header`, column);
    index[key] = i;
    known++;
  });
  if (known === 0) {
    throw new BatchError(
      "no-known-column",
      `the header names none of the input columns; use any of ${Object.keys(INPUT_COLUMNS).join(", ")}`,
    );
  }
  return index;
};
