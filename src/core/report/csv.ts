import { formatCsvNumber } from "../format-csv-number.ts";
import type { EstimateResult } from "../types.ts";

/** Quotes a CSV field when it holds a comma, a quote or a line break (RFC 4180). */
export const csvField = (text: string): string =>
  /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;

/** A cell: numbers with 15 significant digits (binary noise dropped), text quoted where needed. */
const text = (value: string | number | null | undefined): string =>
  value === null || value === undefined
    ? ""
    : typeof value === "number"
      ? formatCsvNumber(value)
      : csvField(value);

/** Columns of the estimate CSV, in their stable order, each with how it is read from a result. */
const COLUMNS: readonly (readonly [string, (r: EstimateResult) => string | number | null | undefined])[] = [
  ["hardware", (r) => r.job.hardware?.name],
  ["count", (r) => r.job.count],
  ["hours", (r) => r.job.hours],
  ["device_hours", (r) => r.job.deviceHours],
  ["power_per_device_w", (r) => r.job.powerPerDeviceW],
  ["utilization", (r) => r.job.utilization],
  ["location", (r) => r.job.location.label],
  ["provider", (r) => r.job.location.provider],
  ["region", (r) => r.job.location.region],
  ["zone", (r) => r.job.location.zone],
  ["country", (r) => r.job.location.country],
  ["year", (r) => r.job.year],
  ["energy_kwh", (r) => r.energyKWh],
  ["facility_energy_kwh", (r) => r.facilityEnergyKWh],
  ["emissions_kg", (r) => r.emissionsKg],
  ["low_kg", (r) => r.range.lowKg],
  ["high_kg", (r) => r.range.highKg],
  ["intensity_g_per_kwh", (r) => r.intensityGPerKWh],
  ["pue", (r) => r.pue],
  ["market_based_kg", (r) => r.marketBasedKg],
  ["instance", (r) => r.job.instance?.name],
  ["instance_count", (r) => r.job.instance?.count],
  ["embodied_kg", (r) => r.embodied?.kg],
  ["embodied_low_kg", (r) => r.embodied?.lowKg],
  ["embodied_high_kg", (r) => r.embodied?.highKg],
  ["total_with_embodied_kg", (r) => r.embodied?.totalKg],
];

/** Names of the estimate CSV columns, in order. */
export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

/** One CSV row (no line break) for a result, numbers with 15 significant digits (DBL_DIG). */
export const csvRowOf = (result: EstimateResult): string =>
  COLUMNS.map(([, read]) => text(read(result))).join(",");

/**
 * Results as CSV: a header and one row per estimate, stable column order, numbers with 15 significant
 * digits (all a double carries; `json` keeps the shortest round-trip form). `emissions_kg` is the
 * operational figure; `embodied_kg` and `total_with_embodied_kg` (operational + embodied) are filled
 * only when embodied emissions were asked for.
 *
 * @example
 * renderCsv([result]).split("\n")[0] // "hardware,count,hours,device_hours,…"
 */
export const renderCsv = (results: readonly EstimateResult[]): string =>
  `${[CSV_COLUMNS.join(","), ...results.map(csvRowOf)].join("\n")}\n`;
