import type { Factor } from "../core/types.ts";
import { failWith, type PlanOutcome, planProblem, succeed } from "./problems.ts";
import { type IntensitySeries, type SignalKind, seriesEndMs } from "./series.ts";
import { formatHours, formatInstant, MS_PER_HOUR } from "./time.ts";
import { indexSeries, searchWindows, type WindowCost } from "./window-search.ts";

/** One place the job may run, with what the engine and the source said about it. */
export interface PlanLocation {
  /** What the user named: "aws:eu-central-1", "DE". */
  readonly id: string;
  /** Human label, e.g. "AWS eu-central-1 (Frankfurt)". */
  readonly label: string;
  /** Grid zone id. */
  readonly zone: string;
  /** Facility power of the job there (IT power × PUE), kW. */
  readonly facilityPowerKW: number;
  /** Time-resolved intensity, or null: the yearly average then holds at every hour. */
  readonly series: IntensitySeries | null;
  /** Yearly average intensity there, gCO2eq/kWh. */
  readonly yearlyGPerKWh: number;
  /** The yearly figure's factor (source, year). */
  readonly yearlyFactor: Factor;
}

/** What to plan. */
export interface PlanRequest {
  /** Where the job may run (one or more). */
  readonly locations: readonly PlanLocation[];
  /** Job length, hours (any positive number: 6.5 takes half of the seventh hour). */
  readonly durationH: number;
  /** Earliest allowed start, ms. */
  readonly earliestMs: number;
  /** The job must end by then, ms. */
  readonly deadlineMs: number;
}

/** One start, priced. */
export interface PricedStart {
  /** Start, ms since the epoch. */
  readonly startMs: number;
  /** Emissions of the job starting then, kg CO2eq. */
  readonly emissionsKg: number;
  /** Mean intensity over the job, gCO2eq/kWh. */
  readonly meanGPerKWh: number;
}

/** The plan for one location. */
export interface LocationPlan {
  /** The location. */
  readonly location: PlanLocation;
  /** Whether hourly (or finer) data was used; false = yearly average, start time irrelevant. */
  readonly timeResolved: boolean;
  /** Average or marginal signal. */
  readonly signal: SignalKind;
  /** The cleanest start. */
  readonly best: PricedStart;
  /** The first start that could be assessed (the earliest allowed one when the data covers it). */
  readonly first: PricedStart;
  /** The dirtiest start. */
  readonly worst: PricedStart;
  /** Start times priced. */
  readonly candidates: number;
}

/** The answer. */
export interface PlanResult {
  /** Job length, hours. */
  readonly durationH: number;
  /** The window searched. */
  readonly earliestMs: number;
  readonly deadlineMs: number;
  /** True when at least one location had time-resolved data. */
  readonly timeResolved: boolean;
  /** Every location that could be planned, in the order given. */
  readonly locations: readonly LocationPlan[];
  /** Index into `locations` of the best choice. */
  readonly bestIndex: number;
  /** Index into `locations` of the worst choice. */
  readonly worstIndex: number;
  /** Emissions at the best choice, kg. */
  readonly emissionsKg: number;
  /** Emissions when starting at the first assessable time in the best location, kg. */
  readonly nowEmissionsKg: number;
  /** nowEmissionsKg − emissionsKg. */
  readonly savingKg: number;
  /** Emissions of the worst location and start, kg. */
  readonly worstEmissionsKg: number;
  /** worstEmissionsKg − emissionsKg. */
  readonly savingVsWorstKg: number;
  /** What was assumed; loud ones first. */
  readonly warnings: readonly string[];
}

const priced = (location: PlanLocation, cost: WindowCost, durationH: number): PricedStart => ({
  startMs: cost.startMs,
  emissionsKg: (location.facilityPowerKW * cost.gramHoursPerKWh) / 1000,
  meanGPerKWh: cost.gramHoursPerKWh / durationH,
});

const planYearly = (location: PlanLocation, request: PlanRequest): LocationPlan => {
  const start = priced(
    location,
    { startMs: request.earliestMs, gramHoursPerKWh: location.yearlyGPerKWh * request.durationH },
    request.durationH,
  );
  return {
    location,
    timeResolved: false,
    signal: "average",
    best: start,
    first: start,
    worst: start,
    candidates: 1,
  };
};

const planSeries = (
  location: PlanLocation,
  series: IntensitySeries,
  request: PlanRequest,
  warnings: string[],
): LocationPlan | string => {
  const durationMs = Math.round(request.durationH * MS_PER_HOUR);
  const search = searchWindows(
    indexSeries(series),
    durationMs,
    request.earliestMs,
    request.deadlineMs - durationMs,
  );
  if (search === null) {
    return `${location.id}: the ${series.zone} series covers ${formatInstant(series.startMs)} – ${formatInstant(seriesEndMs(series))}, and no start between ${formatInstant(request.earliestMs)} and ${formatInstant(request.deadlineMs - durationMs)} has data for the whole ${formatHours(request.durationH)} job`;
  }
  if (search.first.startMs !== request.earliestMs) {
    const why =
      series.startMs > request.earliestMs
        ? `its data starts ${formatInstant(series.startMs)}`
        : "a gap covers it";
    warnings.push(
      `${location.id}: the earliest allowed start ${formatInstant(request.earliestMs)} cannot be assessed (${why}); savings are measured against the first start with data, ${formatInstant(search.first.startMs)}.`,
    );
  }
  const d = request.durationH;
  return {
    location,
    timeResolved: true,
    signal: series.signal,
    best: priced(location, search.best, d),
    first: priced(location, search.first, d),
    worst: priced(location, search.worst, d),
    candidates: search.candidates,
  };
};

/** Warnings about comparing unlike figures across locations. */
const comparisonWarnings = (plans: readonly LocationPlan[]): string[] => {
  const warnings: string[] = [];
  const resolved = plans.filter((p) => p.timeResolved);
  if (resolved.length > 0 && resolved.length < plans.length) {
    const yearly = plans.filter((p) => !p.timeResolved).map((p) => p.location.id);
    warnings.push(
      `Only yearly averages for ${yearly.join(", ")}: they are compared with time-resolved figures elsewhere, which is not like for like.`,
    );
  }
  const signals = new Set(plans.map((p) => p.signal));
  if (signals.size > 1) {
    warnings.push(
      "Marginal (WattTime MOER) and average intensities are compared across locations: they measure different things; compare like with like.",
    );
  }
  return warnings;
};

/**
 * Finds the start (and location, when several are allowed) that minimises the job's emissions within
 * [earliest, deadline − job], with what starting at the earliest time and the worst choice would emit.
 * A location without time-resolved data is priced at its yearly average, where the start changes nothing.
 *
 * @example
 * planJob({ locations: [de], durationH: 6, earliestMs, deadlineMs }) // { ok: true, value: { emissionsKg, savingKg, ... } }
 */
export const planJob = (request: PlanRequest): PlanOutcome<PlanResult> => {
  if (!(request.durationH > 0) || !Number.isFinite(request.durationH)) {
    return failWith(
      planProblem(
        "bad-window",
        "hours",
        `${String(request.durationH)} is not a job length; use hours above 0`,
      ),
    );
  }
  if (request.deadlineMs - request.earliestMs < request.durationH * MS_PER_HOUR) {
    return failWith(planProblem("bad-window", "deadline", "the window is shorter than the job"));
  }
  if (request.locations.length === 0)
    return failWith(planProblem("required", "location", "no location to plan for"));
  const warnings: string[] = [];
  const plans: LocationPlan[] = [];
  const unplannable: string[] = [];
  for (const location of request.locations) {
    const plan =
      location.series === null
        ? planYearly(location, request)
        : planSeries(location, location.series, request, warnings);
    if (typeof plan === "string") unplannable.push(plan);
    else plans.push(plan);
  }
  if (plans.length === 0) {
    return failWith(planProblem("no-data-in-window", "series", unplannable.join("; ")));
  }
  for (const reason of unplannable) warnings.unshift(`Left out: ${reason}.`);
  warnings.push(...comparisonWarnings(plans));
  let bestIndex = 0;
  let worstIndex = 0;
  plans.forEach((plan, i) => {
    if (plan.best.emissionsKg < (plans[bestIndex] as LocationPlan).best.emissionsKg) bestIndex = i;
    if (plan.worst.emissionsKg > (plans[worstIndex] as LocationPlan).worst.emissionsKg) worstIndex = i;
  });
  const best = plans[bestIndex] as LocationPlan;
  const worst = plans[worstIndex] as LocationPlan;
  return succeed({
    durationH: request.durationH,
    earliestMs: request.earliestMs,
    deadlineMs: request.deadlineMs,
    timeResolved: plans.some((p) => p.timeResolved),
    locations: plans,
    bestIndex,
    worstIndex,
    emissionsKg: best.best.emissionsKg,
    nowEmissionsKg: best.first.emissionsKg,
    savingKg: best.first.emissionsKg - best.best.emissionsKg,
    worstEmissionsKg: worst.worst.emissionsKg,
    savingVsWorstKg: worst.worst.emissionsKg - best.best.emissionsKg,
    warnings,
  });
};
