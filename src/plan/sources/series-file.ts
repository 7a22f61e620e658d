import { isAscii } from "node:buffer";
import { readFileSync } from "node:fs";
import type { ParsedSeriesFile } from "../formats/parsed-series.ts";
import { parseSeriesText } from "../formats/series-text.ts";
import { failWith, type PlanOutcome, planProblem } from "../problems.ts";

/**
 * A file's text as UTF-8. An all-ASCII file (most series) is decoded as Latin-1, which gives the same
 * string for ASCII bytes and copies them instead of decoding: about 3× faster on a 10 MB file.
 */
export const utf8TextOf = (bytes: Buffer): string =>
  isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");

/** Reads a series file from disk: JSON when it starts with [ or {, CSV otherwise (see parseSeriesText). */
export const readSeriesFile = (path: string): PlanOutcome<ParsedSeriesFile> => {
  let text: string;
  try {
    text = utf8TextOf(readFileSync(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code;
    return failWith(planProblem("unreadable-file", "series", `cannot read ${path} (${why})`));
  }
  return parseSeriesText(text);
};
