// The "when" view's plan, as data: the user's series text (an upload or a paste) and the calculator's
// result in, the best window (or the planning code's problems, each tied to its input) out. Pure: no DOM,
// no clock (now is passed in), so Node tests price it exactly as the page does.
import type { EstimateResult, Factor } from "../../../src/core/types.ts";
import type { ParsedSeriesFile, SeriesFormat } from "../../../src/plan/formats/parsed-series.ts";
import { parseSeriesText } from "../../../src/plan/formats/series-text.ts";
import {
  type LocationPlan,
  type PlanLocation,
  type PlanResult,
  planJob,
} from "../../../src/plan/plan-core.ts";
import type { PlanOutcome, PlanProblem } from "../../../src/plan/problems.ts";
import { type IntensitySeries, seriesEndMs } from "../../../src/plan/series.ts";
import { formatInstant } from "../../../src/plan/time.ts";
import { readTimeInput } from "../../../src/plan/time-input.ts";
import { zoneSeriesOf, zonesOf } from "../../../src/plan/zone-series.ts";

/** The view's inputs a problem can be tied to. */
export type WhenField = "series" | "earliest" | "deadline";

/** What the user gave. */
export interface WhenInput {
  /** The series text: an uploaded file's or a paste's. */
  readonly text: string;
  /** Where the text came from, for the result's label: the file's name, or "pasted text". */
  readonly sourceLabel: string;
  /** The zone picked among the file's ("" = the calculator's zone when the file has it, else the first). */
  readonly zone: string;
  /** Earliest start as typed ("" = the series' first reading). */
  readonly earliest: string;
  /** Deadline as typed ("" = the end of the series' last reading). */
  readonly deadline: string;
  /** What "now" means for "now" and "+Nh", ms. */
  readonly nowMs: number;
}

/** A plan, with what the view shows around it. */
export interface WhenPlanned {
  /** The planning code's answer (one location: the file's zone with the calculator's job). */
  readonly plan: PlanResult;
  /** The one location's plan (best, first and worst starts). */
  readonly location: LocationPlan;
  /** The series planned over. */
  readonly series: IntensitySeries;
  /** The window searched, ms. */
  readonly earliestMs: number;
  readonly deadlineMs: number;
  /** The job's power and PUE (from the calculator), then the file's intensity: every factor used. */
  readonly factors: readonly Factor[];
  /** What was assumed or repaired (unsorted rows, duplicates, gaps, zones, past data). */
  readonly warnings: readonly string[];
}

/** The view's state for one set of inputs. */
export interface WhenState {
  /** The file's shape, once read. */
  readonly format: SeriesFormat | null;
  /** Zones the file holds ("" for a file that names none); empty before a file is read. */
  readonly zones: readonly string[];
  /** The zone planned for, once chosen. */
  readonly zone: string | null;
  /** The series' default window (first reading, end of the last), once the series is read. */
  readonly defaults: { readonly earliestMs: number; readonly deadlineMs: number } | null;
  /** The planning code's problems, by the input they belong to. */
  readonly problems: Partial<Record<WhenField, PlanProblem>>;
  /** The plan, or null while there is no text or any problem. */
  readonly planned: WhenPlanned | null;
}

const EMPTY: WhenState = { format: null, zones: [], zone: null, defaults: null, problems: {}, planned: null };

/** The note on a plain file's factor: where its readings came from. */
export const fileNoteOf = (sourceLabel: string): string =>
  `from ${sourceLabel}, read in this browser and sent nowhere`;

/** The zone to plan for: the one picked, else the calculator's when the file has it, else the first. */
export const chooseZone = (
  zones: readonly string[],
  picked: string,
  formZone: string | undefined,
): string => {
  const has = (z: string | undefined) =>
    z === undefined ? undefined : zones.find((y) => y.toUpperCase() === z.toUpperCase());
  return has(picked) ?? has(formZone) ?? zones[0] ?? "";
};

/** The calculator's job at the file's zone: its facility power and PUE, the file's intensity. */
const locationOf = (result: EstimateResult, series: IntensitySeries): PlanLocation => {
  const yearly = result.factors.find((f) => f.name.startsWith("grid intensity"));
  return {
    id: series.zone,
    label: series.zone,
    zone: series.zone,
    facilityPowerKW: result.facilityEnergyKWh / result.job.hours,
    series,
    yearlyGPerKWh: result.intensityGPerKWh,
    yearlyFactor: yearly ?? {
      name: "grid intensity",
      value: result.intensityGPerKWh,
      unit: "g/kWh",
      kind: "user",
      source: null,
      year: null,
    },
  };
};

/** Where the calculator's location and the file's zone part ways, said once. */
const placeWarnings = (result: EstimateResult, series: IntensitySeries): string[] => {
  const where = result.job.location;
  if (where.zone !== undefined && where.zone.toUpperCase() === series.zone.toUpperCase()) return [];
  const from =
    where.zone === undefined
      ? `the calculator's intensity (${Math.round(result.intensityGPerKWh)} g/kWh) is not used`
      : `the calculator's location is ${where.label} (zone ${where.zone})`;
  return [
    `The series is for ${series.zone}; ${from}: the job's power and PUE come from the calculator, the intensity from the file.`,
  ];
};

/** Factors as the CLI lists them: the engine's energy factors, then the series'. */
const factorsOf = (result: EstimateResult, series: IntensitySeries): Factor[] => [
  ...result.factors.filter((f) => !f.name.startsWith("grid intensity") && !f.name.startsWith("equivalence")),
  ...series.factors,
];

/** The file's text read into zones, or its problem (memoised by the view on the text). */
export const readSeries = (text: string, sourceLabel: string): PlanOutcome<ParsedSeriesFile> | null =>
  text.trim() === "" ? null : parseSeriesText(text, { fileNote: fileNoteOf(sourceLabel) });

/**
 * Plans the calculator's job over the user's series: the best start in [earliest, deadline − job], what
 * starting at the earliest time and at the worst time would emit. Every problem comes back tied to its
 * input with the planning code's message; there is no plan while any remains.
 *
 * @example
 * planWhen(readSeries(csv, "de.csv"), { text: csv, sourceLabel: "de.csv", zone: "", earliest: "", deadline: "", nowMs }, result)
 */
export const planWhen = (
  parsed: PlanOutcome<ParsedSeriesFile> | null,
  input: WhenInput,
  result: EstimateResult,
): WhenState => {
  if (parsed === null) return EMPTY;
  if (!parsed.ok) return { ...EMPTY, problems: { series: parsed.problems[0] } };
  const zones = zonesOf(parsed.value);
  const zone = chooseZone(zones, input.zone, result.job.location.zone);
  const wanted = zone === "" ? (result.job.location.zone ?? "the file's zone") : zone;
  const read = zoneSeriesOf(parsed.value, wanted, { mentionOthers: false });
  const format = parsed.value.format;
  if (!read.ok) return { ...EMPTY, format, zones, zone, problems: { series: read.problems[0] } };
  const series = read.value;
  const defaults = { earliestMs: series.startMs, deadlineMs: seriesEndMs(series) };
  const problems: Partial<Record<WhenField, PlanProblem>> = {};
  let earliestMs = defaults.earliestMs;
  if (input.earliest.trim() !== "") {
    const typed = readTimeInput(input.earliest, {
      path: "earliest",
      nowMs: input.nowMs,
      relativeToMs: input.nowMs,
    });
    if (typed.ok) earliestMs = typed.value;
    else problems.earliest = typed.problems[0];
  }
  let deadlineMs = defaults.deadlineMs;
  if (input.deadline.trim() !== "") {
    const typed = readTimeInput(input.deadline, {
      path: "deadline",
      nowMs: input.nowMs,
      relativeToMs: earliestMs,
    });
    if (typed.ok) deadlineMs = typed.value;
    else problems.deadline = typed.problems[0];
  }
  const base = { format, zones, zone: series.zone, defaults };
  if (problems.earliest !== undefined || problems.deadline !== undefined)
    return { ...base, problems, planned: null };
  const planned = planJob({
    locations: [locationOf(result, series)],
    durationH: result.job.hours,
    earliestMs,
    deadlineMs,
  });
  if (!planned.ok) {
    const problem = planned.problems[0];
    // A window that misses the data is the window's fault when the user typed one, else the file's.
    const typedWindow = input.earliest.trim() !== "" || input.deadline.trim() !== "";
    const field: WhenField =
      problem.path === "earliest" || problem.path === "deadline"
        ? problem.path
        : typedWindow
          ? input.deadline.trim() !== ""
            ? "deadline"
            : "earliest"
          : "series";
    return { ...base, problems: { [field]: problem }, planned: null };
  }
  const plan = planned.value;
  const warnings = [...plan.warnings, ...series.warnings, ...placeWarnings(result, series)];
  if (defaults.deadlineMs <= input.nowMs && input.earliest.trim() === "" && input.deadline.trim() === "") {
    warnings.unshift(
      `The series ends ${formatInstant(defaults.deadlineMs)}, before now: this is a what-if on past data.`,
    );
  }
  return {
    ...base,
    problems: {},
    planned: {
      plan,
      location: plan.locations[0] as LocationPlan,
      series,
      earliestMs,
      deadlineMs,
      factors: factorsOf(result, series),
      warnings,
    },
  };
};
