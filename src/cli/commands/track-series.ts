// `mlco2 track --source …`: the time-resolved intensity options, loaded only when a source is asked for
// (the API clients and the file reader stay out of a plain run's start-up).

import { formatProblem } from "../../core/problems.ts";
import type { PlanProblem } from "../../plan/problems.ts";
import { openIntensitySource } from "../../plan/sources/open-source.ts";
import type { IntensitySeriesOptions } from "../../tracker/intensity-feed.ts";
import { CliError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";
import { PLAN_FLAG_BY_PATH, sourceOf } from "./plan-flags.ts";

/** The flags that choose a time-resolved source. */
export interface TrackSeriesFlags {
  source?: string;
  series?: string;
  seriesZone?: string;
  cache?: string;
}

const lineOf = (problem: PlanProblem): CliError =>
  new CliError(
    formatProblem(problem, (path) => PLAN_FLAG_BY_PATH[path] ?? `--${path}`),
    { code: problem.code },
  );

/**
 * The tracker's time-resolved source from the flags, or null for none; bad flags, a missing credential
 * or an unreadable series file are a CliError (exit 2) before anything runs. Loud lines from the
 * source (an API failure and the yearly fallback) are printed as they happen.
 */
export const trackSeriesOf = (flags: TrackSeriesFlags, io: CliIo): IntensitySeriesOptions | null => {
  const name = sourceOf(flags);
  if (name === "none") {
    for (const flag of ["seriesZone", "cache"] as const)
      if (flags[flag] !== undefined)
        throw new CliError(
          `${PLAN_FLAG_BY_PATH[flag] ?? `--${flag}`}: applies with --source electricitymaps, watttime or file; give --source`,
        );
    return null;
  }
  const opened = openIntensitySource({
    source: name,
    env: io.env ?? {},
    ...(flags.cache === undefined ? {} : { cacheDir: flags.cache }),
    ...(flags.series === undefined ? {} : { seriesPath: flags.series }),
    ...(flags.seriesZone === undefined ? {} : { seriesZone: flags.seriesZone.trim() }),
  });
  if (!opened.ok) throw lineOf(opened.problems[0]);
  const { sourceAt, checkZone } = opened.value;
  return {
    name,
    sourceAt: (nowMs, signal) => sourceAt(nowMs, signal),
    checkZone,
    ...(flags.seriesZone === undefined ? {} : { seriesZone: flags.seriesZone.trim() }),
    onWarning: (line) => io.stderr(`mlco2: WARNING: ${line}\n`),
  };
};
