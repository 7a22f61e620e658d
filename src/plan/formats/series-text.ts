import type { PlanOutcome } from "../problems.ts";
import { parseSeriesCsv } from "./csv-series.ts";
import { parseSeriesJson } from "./json-series.ts";
import type { ParsedSeriesFile } from "./parsed-series.ts";

/** How to describe where the text came from. */
export interface SeriesTextOptions {
  /**
   * Note on the factor of a plain CSV or JSON file, saying where its readings came from
   * (default: "from the file given with --series", the CLI's wording).
   */
  readonly fileNote?: string;
}

/**
 * Reads a series file's text, in any shape `mlco2 plan --series` accepts: JSON when it starts with
 * `[` or `{` (after a byte-order mark and blanks), CSV otherwise. Pure: the CLI reads the file, the
 * page reads an upload or a paste, and both hand the text here.
 *
 * @example
 * parseSeriesText("datetime,zone,carbon_intensity\n2024-01-01T00:00Z,DE,300\n")
 * // { ok: true, value: { format: "csv", series: [{ zone: "DE", points: [...] }] } }
 */
export const parseSeriesText = (
  text: string,
  options: SeriesTextOptions = {},
): PlanOutcome<ParsedSeriesFile> => {
  const start = text.replace(/^\uFEFF/, "").trimStart();
  const fileNote = options.fileNote === undefined ? {} : { fileNote: options.fileNote };
  return start.startsWith("{") || start.startsWith("[")
    ? parseSeriesJson(start, fileNote)
    : parseSeriesCsv(text, fileNote);
};
