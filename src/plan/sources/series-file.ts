import { readFileSync } from "node:fs";
import { parseSeriesCsv } from "../formats/csv-series.ts";
import { parseSeriesJson } from "../formats/json-series.ts";
import type { ParsedSeriesFile } from "../formats/parsed-series.ts";
import { failWith, type PlanOutcome, planProblem } from "../problems.ts";

/** Reads a series file: JSON when it starts with [ or {, CSV otherwise. */
export const readSeriesFile = (path: string): PlanOutcome<ParsedSeriesFile> => {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code;
    return failWith(planProblem("unreadable-file", "series", `cannot read ${path} (${why})`));
  }
  const start = text.replace(/^\uFEFF/, "").trimStart();
  return start.startsWith("{") || start.startsWith("[") ? parseSeriesJson(start) : parseSeriesCsv(text);
};
