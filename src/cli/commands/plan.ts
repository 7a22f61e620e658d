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

/** Refuses flags that apply to one location when several are planned. */
const checkOnePlace = (flags: PlanFlags, sourceName: SourceName, places: readonly PlanPlace[]): void => {
  if (flags.seriesZone !== undefined && places.length > 1)
    throw new CliError("--series-zone: applies to one location; drop it or give --zone or --region");
  if (sourceName === "watttime" && places.length > 1)
    throw new CliError(
      "--source: watttime plans one location at a time; give --zone or --region with --series-zone REGION",
    );
};

/** The window the flags ask for: the job's length and now, with --earliest and --deadline when given. */
const windowInputOf = (flags: PlanFlags, nowMs: number, hours: number) => {
  const earliestMs =
    flags.earliest === undefined ? undefined : parseTimeFlag("--earliest", flags.earliest, nowMs, nowMs);
  const deadlineMs =
    flags.deadline === undefined
      ? undefined
      : parseTimeFlag("--deadline", flags.deadline, nowMs, earliestMs ?? nowMs);
  return {
    nowMs,
    durationMs: Math.round(hours * MS_PER_HOUR),
    ...(earliestMs === undefined ? {} : { earliestMs }),
    ...(deadlineMs === undefined ? {} : { deadlineMs }),
  };
};

/** The source's series for each place's zone over a window, in the places' order. */
const askEach = async (
  source: IntensitySource,
  estimates: readonly EstimateResult[],
  seriesZone: string | undefined,
  window: { earliestMs: number; deadlineMs: number },
): Promise<SeriesAnswer[]> => {
  const answers: SeriesAnswer[] = [];
  for (const estimate of estimates) {
    const request = {
      zone: estimate.job.location.zone ?? "",
      ...(seriesZone === undefined ? {} : { seriesZone }),
      ...window,
    };
    answers.push(valueOrThrow(await source.seriesFor(request)));
  }
  return answers;
};

/** The span a file's series cover together (null when none has readings). */
const dataSpanOf = (answers: readonly SeriesAnswer[]): { startMs: number; endMs: number } | null => {
  const spans = answers.flatMap((a) =>
    a.series === null ? [] : [{ startMs: a.series.startMs, endMs: seriesEndMs(a.series) }],
  );
  return spans.length === 0
    ? null
    : { startMs: Math.min(...spans.map((s) => s.startMs)), endMs: Math.max(...spans.map((s) => s.endMs)) };
};

/** The planning window and the series in it: a file first (its span decides the what-if case), an API after. */
const windowAndAnswers = async (
  sourceName: SourceName,
  windowInput: ReturnType<typeof windowInputOf>,
  ask: (window: { earliestMs: number; deadlineMs: number }) => Promise<SeriesAnswer[]>,
): Promise<{ window: PlanWindow; answers: SeriesAnswer[] }> => {
  if (sourceName === "file") {
    const { nowMs } = windowInput;
    const answers = await ask({ earliestMs: nowMs, deadlineMs: nowMs });
    return { window: valueOrThrow(planWindow({ ...windowInput, dataSpan: dataSpanOf(answers) })), answers };
  }
  const window = valueOrThrow(planWindow(windowInput));
  return { window, answers: await ask(window) };
};

/** Each place as the planner takes it: its facility power, its series, its yearly figure. */
const locationsOf = (
  estimates: readonly EstimateResult[],
  places: readonly PlanPlace[],
  answers: readonly SeriesAnswer[],
  hours: number,
): PlanLocation[] =>
  estimates.map((estimate, i) => ({
    id: places[i]?.id ?? "",
    label: estimate.job.location.label,
    zone: estimate.job.location.zone ?? "",
    facilityPowerKW: estimate.facilityEnergyKWh / hours,
    series: answers[i]?.series ?? null,
    yearlyGPerKWh: estimate.intensityGPerKWh,
    yearlyFactor: estimate.factors.find(isIntensityFactor) as Factor,
  }));

/** `mlco2 plan`: prints the best start (and region) with its saving; returns the exit code. */
export const runPlan = async (flags: PlanFlags, io: CliIo): Promise<number> => {
  const env: Env = io.env ?? {};
  // Whole seconds: a plan that starts "now" prints without fractions.
  const nowMs = Math.floor((io.now ?? (() => new Date()))().getTime() / 1000) * 1000;
  const format = flags.format === undefined ? "text" : parseChoice("--format", flags.format, PLAN_FORMATS);
  const job = jobInputOf(flags);
  const sourceName = sourceOf(flags);
  const places = placesOf(dataset, flags);
  checkOnePlace(flags, sourceName, places);
  const windowInput = windowInputOf(flags, nowMs, job.hours);
  const estimates = places.map((place) => estimateAt(place, job));
  const source = openSource(sourceName, flags, env, nowMs);
  const ask = (window: { earliestMs: number; deadlineMs: number }) =>
    askEach(source, estimates, flags.seriesZone, window);
  const { window, answers } = await windowAndAnswers(sourceName, windowInput, ask);
  const loud = answers.flatMap((a) => a.loud);
  for (const line of [...new Set(loud)]) io.stderr(`mlco2: WARNING: ${line}\n`);
  const locations = locationsOf(estimates, places, answers, job.hours);
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
