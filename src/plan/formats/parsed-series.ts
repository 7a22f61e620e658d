import type { RawSeries } from "../series.ts";

/** The shapes a series file may have. */
export type SeriesFormat = "csv" | "electricitymaps-csv" | "json" | "electricitymaps-json" | "watttime-json";

/** Human names of the formats, for messages. */
export const SERIES_FORMAT_NAMES: Readonly<Record<SeriesFormat, string>> = {
  csv: "CSV datetime,zone,carbon_intensity",
  "electricitymaps-csv": "Electricity Maps CSV export",
  json: "JSON [{datetime, zone, carbon_intensity}]",
  "electricitymaps-json": "Electricity Maps API JSON",
  "watttime-json": "WattTime v3 JSON",
};

/** A file's readings, one raw series per zone, as read (not yet normalised). */
export interface ParsedSeriesFile {
  /** Which shape it had. */
  readonly format: SeriesFormat;
  /** One entry per zone, in the order zones first appear. */
  readonly series: readonly RawSeries[];
}

/** How a user's file is described in its factor's note when read by the CLI. */
export const CLI_FILE_NOTE = "from the file given with --series";
