import { tryEstimateWith } from "../../core/estimate.ts";
import { formatProblem } from "../../core/problems.ts";
import type { EstimateResult, Factor } from "../../core/types.ts";
import { dataset } from "../../data/index.ts";
import { type PlanLocation, planJob } from "../../plan/plan-core.ts";
import { type PlanWindow, planWindow } from "../../plan/plan-window.ts";
import type { PlanOutcome, PlanProblem } from "../../plan/problems.ts";
import { seriesEndMs } from "../../plan/series.ts";
import type { IntensitySource, SeriesAnswer, SourceName } from "../../plan/sources/intensity-source.ts";
import { openIntensitySource } from "../../plan/sources/open-source.ts";
import { MS_PER_HOUR } from "../../plan/time.ts";
import { CliError, flagOf, problemsError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";
import { parseChoice } from "../parse-values.ts";
import {
  jobInputOf,
  PLAN_FLAG_BY_PATH,
  PLAN_FORMATS,
  type PlanFlags,
  type PlanPlace,
  parseTimeFlag,
  placesOf,
  sourceOf,
} from "./plan-flags.ts";
import { type PlanReport, renderPlanJson, renderPlanText } from "./plan-render.ts";

/** API answers younger than this are reused from the cache. */
export { CACHE_MAX_AGE_S } from "../../plan/sources/open-source.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** A planning problem as one CLI line: the flag, then the message. */
const cliErrorOf = (problem: PlanProblem): CliError =>
  new CliError(
    formatProblem(problem, (path) => PLAN_FLAG_BY_PATH[path] ?? `--${path}`),
    { code: problem.code },
  );

const valueOrThrow = <T>(outcome: PlanOutcome<T>): T => {
  if (!outcome.ok) throw cliErrorOf(outcome.problems[0]);
  return outcome.value;
};

/** Opens the source asked for; a missing credential is a usage error, not a fallback. */
const openSource = (source: SourceName, flags: PlanFlags, env: Env, nowMs: number): IntensitySource =>
  valueOrThrow(
    openIntensitySource({
      source,
      env,
      ...(flags.cache === undefined ? {} : { cacheDir: flags.cache }),
      ...(flags.series === undefined ? {} : { seriesPath: flags.series }),
    }),
  ).sourceAt(nowMs);

/** The engine's figures for the job at one place. */
const estimateAt = (place: PlanPlace, job: ReturnType<typeof jobInputOf>): EstimateResult => {
  const outcome = tryEstimateWith(dataset, { ...job, ...place.input });
  if (!outcome.ok) {
    // Regions come from --regions here: the engine's "region" is that flag.
    const regions = place.input.region !== undefined;
    throw problemsError(outcome.problems, (path) =>
      regions && path === "region" ? "--regions" : flagOf(path),
    );
  }
  return outcome.value;
};

const isIntensityFactor = (f: Factor): boolean => f.name.startsWith("grid intensity");

/** `mlco2 plan`: prints the best start (and region) with its saving; returns the exit code. */
export const runPlan = async (flags: PlanFlags, io: CliIo): Promise<number> => {
  const env: Env = io.env ?? {};
  // Whole seconds: a plan that starts "now" prints without fractions.
  const nowMs = Math.floor((io.now ?? (() => new Date()))().getTime() / 1000) * 1000;
  const format = flags.format === undefined ? "text" : parseChoice("--format", flags.format, PLAN_FORMATS);
  const job = jobInputOf(flags);
  const sourceName = sourceOf(flags);
  const places = placesOf(dataset, flags);
  if (flags.seriesZone !== undefined && places.length > 1) {
    throw new CliError("--series-zone: applies to one location; drop it or give --zone or --region");
  }
  if (sourceName === "watttime" && places.length > 1) {
    throw new CliError(
      "--source: watttime plans one location at a time; give --zone or --region with --series-zone REGION",
    );
  }
  const earliestMs =
    flags.earliest === undefined ? undefined : parseTimeFlag("--earliest", flags.earliest, nowMs, nowMs);
  const deadlineMs =
    flags.deadline === undefined
      ? undefined
      : parseTimeFlag("--deadline", flags.deadline, nowMs, earliestMs ?? nowMs);
  const estimates = places.map((place) => estimateAt(place, job));
  const source = openSource(sourceName, flags, env, nowMs);
  const durationMs = Math.round(job.hours * MS_PER_HOUR);
  const ask = async (window: { earliestMs: number; deadlineMs: number }): Promise<SeriesAnswer[]> => {
    const answers: SeriesAnswer[] = [];
    for (const estimate of estimates) {
      const request = {
        zone: estimate.job.location.zone ?? "",
        ...(flags.seriesZone === undefined ? {} : { seriesZone: flags.seriesZone }),
        ...window,
      };
      answers.push(valueOrThrow(await source.seriesFor(request)));
    }
    return answers;
  };
  const windowInput = {
    nowMs,
    durationMs,
    ...(earliestMs === undefined ? {} : { earliestMs }),
    ...(deadlineMs === undefined ? {} : { deadlineMs }),
  };
  let window: PlanWindow;
  let answers: SeriesAnswer[];
  if (sourceName === "file") {
    // A file does not depend on the window; its span decides the what-if case.
    answers = await ask({ earliestMs: nowMs, deadlineMs: nowMs });
    const spans = answers.flatMap((a) =>
      a.series === null ? [] : [{ startMs: a.series.startMs, endMs: seriesEndMs(a.series) }],
    );
    const dataSpan =
      spans.length === 0
        ? null
        : {
            startMs: Math.min(...spans.map((s) => s.startMs)),
            endMs: Math.max(...spans.map((s) => s.endMs)),
          };
    window = valueOrThrow(planWindow({ ...windowInput, dataSpan }));
  } else {
    window = valueOrThrow(planWindow(windowInput));
    answers = await ask(window);
  }
  const loud = answers.flatMap((a) => a.loud);
  for (const line of [...new Set(loud)]) io.stderr(`mlco2: WARNING: ${line}\n`);
  const locations: PlanLocation[] = estimates.map((estimate, i) => {
    const yearlyFactor = estimate.factors.find(isIntensityFactor) as Factor;
    return {
      id: places[i]?.id ?? "",
      label: estimate.job.location.label,
      zone: estimate.job.location.zone ?? "",
      facilityPowerKW: estimate.facilityEnergyKWh / job.hours,
      series: answers[i]?.series ?? null,
      yearlyGPerKWh: estimate.intensityGPerKWh,
      yearlyFactor,
    };
  });
  const plan = valueOrThrow(
    planJob({
      locations,
      durationH: job.hours,
      earliestMs: window.earliestMs,
      deadlineMs: window.deadlineMs,
    }),
  );
  const report: PlanReport = {
    plan,
    window,
    source: sourceName,
    estimateOf: new Map(locations.map((location, i) => [location, estimates[i] as EstimateResult])),
    loud,
    seriesPath: flags.series ?? null,
  };
  io.stdout(format === "json" ? renderPlanJson(report) : renderPlanText(report));
  return 0;
};
