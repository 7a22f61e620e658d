import { closeSync, openSync } from "node:fs";
import type { Problem } from "../core/errors.ts";
import { withinLimits } from "../core/input-limits.ts";

/** Sampling interval bounds, seconds. */
export const INTERVAL_LIMITS = { minS: 0.05, maxS: 3600 } as const;

/** The numeric options checked without the dataset. */
export interface PlainOptions {
  /** Seconds between samples. */
  readonly intervalS?: number;
  /** Facility PUE. */
  readonly pue?: number;
  /** Explicit intensity, gCO2eq/kWh. */
  readonly intensity?: number;
}

/** Checks interval, PUE and explicit intensity (no dataset needed, so the CLI can check before spawning). */
export const checkPlainOptions = (options: PlainOptions): Problem[] => {
  const problems: Problem[] = [];
  const interval = options.intervalS;
  if (
    interval !== undefined &&
    !(Number.isFinite(interval) && interval >= INTERVAL_LIMITS.minS && interval <= INTERVAL_LIMITS.maxS)
  ) {
    problems.push({
      code: "out-of-range",
      path: "interval",
      message: `interval: ${String(interval)} s is not allowed; use a number of seconds from ${INTERVAL_LIMITS.minS} to ${INTERVAL_LIMITS.maxS}`,
    });
  }
  if (options.pue !== undefined && !withinLimits("pue", options.pue)) {
    problems.push({
      code: "out-of-range",
      path: "pue",
      message: `pue: ${String(options.pue)} is not allowed; use a number from 1 to 3`,
    });
  }
  if (options.intensity !== undefined && !withinLimits("intensity", options.intensity)) {
    problems.push({
      code: "out-of-range",
      path: "intensity",
      message: `intensity: ${String(options.intensity)} is not allowed; use a number from 0 to 2000 (gCO2eq/kWh)`,
    });
  }
  return problems;
};

/** Whether a file can be opened for appending (created when missing); the error code otherwise. */
export const unwritableReason = (path: string): string | null => {
  try {
    closeSync(openSync(path, "a"));
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
};
