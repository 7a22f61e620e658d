import type { Problem } from "../core/errors.ts";
import type { RowProblem, RowProblemCode } from "./types.ts";

/** A bad row's problem before its line is known (memoised per job combination). */
export type CellProblem = Omit<RowProblem, "line">;

/** A problem the batch reader finds itself. */
export const cellProblem = (code: RowProblemCode, path: string, message: string): CellProblem => ({
  code,
  path,
  message,
});

/**
 * An engine problem as a row problem (the same shape, its line added later). Engine messages carry no
 * field name and show values already cut and escaped (core/problems.ts).
 */
export const fromEngineProblem = (problem: Problem): CellProblem => problem;

/** A problem placed on its line. */
export const atLine = (line: number, problem: CellProblem): RowProblem => ({ line, ...problem });
