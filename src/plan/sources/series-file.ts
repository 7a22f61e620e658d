import { readFileSync } from "node:fs";
import type { ParsedSeriesFile } from "../formats/parsed-series.ts";
import { parseSeriesText } from "../formats/series-text.ts";
import { failWith, type PlanOutcome, planProblem } from "../problems.ts";

/** Reads a series file from disk: JSON when it starts with [ or {, CSV otherwise (see parseSeriesText). */
export const readSeriesFile = (path: string): PlanOutcome<ParsedSeriesFile> => {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code;
    return failWith(planProblem("unreadable-file", "series", `cannot read ${path} (${why})`));
  }
  return parseSeriesText(text);
};
