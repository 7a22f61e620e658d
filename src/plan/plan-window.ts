import { failWith, type PlanOutcome, planProblem, succeed } from "./problems.ts";
import { formatHours, formatInstant, MS_PER_HOUR } from "./time.ts";

/** Hours a job may wait by default: the deadline is earliest + job length + this. */
export const DEFAULT_SLACK_H = 24;

/** What decides the window of allowed start times. */
export interface WindowInput {
  /** The current time, ms (passed in: this module reads no clock). */
  readonly nowMs: number;
  /** Job length, ms. */
  readonly durationMs: number;
  /** Earliest start the user allows (default now). */
  readonly earliestMs?: number;
  /** Time by which the job must have finished (default earliest + job + 24 h). */
  readonly deadlineMs?: number;
  /** Span of the time-resolved data, when a file is used (it decides the what-if case). */
  readonly dataSpan?: { readonly startMs: number; readonly endMs: number } | null;
}

/** The window of allowed start times. */
export interface PlanWindow {
  /** Earliest allowed start, ms. */
  readonly earliestMs: number;
  /** The job must end by then, ms. */
  readonly deadlineMs: number;
  /** True when the data lies wholly in the past and the plan runs over the data's own span. */
  readonly whatIf: boolean;
  /** What was decided, for the output. */
  readonly notes: readonly string[];
}

/**
 * Decides the window: [earliest, deadline − job]. With neither bound given and data that ends before
 * now (a past year's file), the plan runs over the data's whole span as a what-if and says so.
 */
export const planWindow = (input: WindowInput): PlanOutcome<PlanWindow> => {
  const { nowMs, durationMs, dataSpan } = input;
  const jobText = formatHours(durationMs / MS_PER_HOUR);
  if (
    input.earliestMs === undefined &&
    input.deadlineMs === undefined &&
    dataSpan &&
    dataSpan.endMs <= nowMs
  ) {
    return succeed({
      earliestMs: dataSpan.startMs,
      deadlineMs: dataSpan.endMs,
      whatIf: true,
      notes: [
        `The series ends ${formatInstant(dataSpan.endMs)}, before now: the plan runs over its whole span as a what-if on past data (give --earliest/--deadline to choose a window).`,
      ],
    });
  }
  const earliestMs = input.earliestMs ?? nowMs;
  const notes: string[] = [];
  if (input.earliestMs === undefined) notes.push(`Earliest start: now (${formatInstant(nowMs)}).`);
  const deadlineMs = input.deadlineMs ?? earliestMs + durationMs + DEFAULT_SLACK_H * MS_PER_HOUR;
  if (input.deadlineMs === undefined) {
    notes.push(`Deadline not given: the job may start up to ${DEFAULT_SLACK_H} h after the earliest start.`);
  }
  if (deadlineMs - earliestMs < durationMs) {
    const path = input.deadlineMs === undefined ? "earliest" : "deadline";
    return failWith(
      planProblem(
        "bad-window",
        path,
        `${formatInstant(deadlineMs)} leaves less than the ${jobText} job after the earliest start ${formatInstant(earliestMs)}; give a deadline at least ${jobText} later`,
      ),
    );
  }
  return succeed({ earliestMs, deadlineMs, whatIf: false, notes });
};
