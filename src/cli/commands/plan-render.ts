import { formatMassKg, sig3 } from "../../core/format-number.ts";
import type { EstimateResult, Factor } from "../../core/types.ts";
import { unsourcedFactorLabel } from "../../core/unsourced-factor.ts";
import { renderIntensityChart } from "../../plan/chart.ts";
import type { LocationPlan, PlanLocation, PlanResult } from "../../plan/plan-core.ts";
import type { PlanWindow } from "../../plan/plan-window.ts";
import type { SeriesFactor } from "../../plan/series.ts";
import type { SourceName } from "../../plan/sources/intensity-source.ts";
import { formatHours, formatInstant, formatInstantShort, MS_PER_HOUR } from "../../plan/time.ts";
import { wrapText } from "../wrap-text.ts";

/** Everything the renderers need. */
export interface PlanReport {
  /** The plan. */
  readonly plan: PlanResult;
  /** The window searched and how it was decided. */
  readonly window: PlanWindow;
  /** The source asked for. */
  readonly source: SourceName;
  /** The engine's estimate at each location (power, PUE, yearly intensity). */
  readonly estimateOf: ReadonlyMap<PlanLocation, EstimateResult>;
  /** Loud warnings (already printed on stderr). */
  readonly loud: readonly string[];
  /** The --series file, if any. */
  readonly seriesPath: string | null;
}

const percent = (part: number, whole: number): string =>
  whole > 0 ? ` (${sig3((part / whole) * 100)} %)` : "";

/** The factors behind the best choice: energy (engine) then intensity (series or yearly). */
const factorsOf = (report: PlanReport): Factor[] => {
  const best = report.plan.locations[report.plan.bestIndex] as LocationPlan;
  const estimate = report.estimateOf.get(best.location);
  const energy = (estimate?.factors ?? []).filter(
    (f) => !f.name.startsWith("grid intensity") && !f.name.startsWith("equivalence"),
  );
  const intensity: Factor[] =
    best.location.series === null ? [best.location.yearlyFactor] : [...best.location.series.factors];
  return [...energy, ...intensity];
};

const factorText = (factor: Factor): string[] => {
  const series = factor as Partial<SeriesFactor>;
  const source =
    factor.source === null
      ? unsourcedFactorLabel(factor.kind)
      : `${factor.source.title} (${factor.source.publisher}, ${factor.source.year})`;
  const when = series.retrievedAt ? `, retrieved ${series.retrievedAt}` : "";
  const span = series.firstReading ? `, readings ${series.firstReading} – ${series.lastReading}` : "";
  const note = factor.note === undefined ? "" : ` — ${factor.note}`;
  return [
    wrapText(
      `  - ${factor.name}: ${sig3(factor.value)}${factor.unit === "" ? "" : ` ${factor.unit}`} [${factor.kind}]${note}`,
      80,
      6,
    ),
    wrapText(`      ${source}${when}${span}`, 80, 6),
  ];
};

const where = (report: PlanReport, plan: LocationPlan): string =>
  report.plan.locations.length > 1 || plan.location.id !== plan.location.zone
    ? `${plan.location.id} (${plan.location.zone})`
    : plan.location.label;

/** Warnings to show: the window's, the plan's, the series', and the engine's (its yearly-grid ones only when the yearly figure was used). */
const warningsOf = (report: PlanReport): string[] => {
  const best = report.plan.locations[report.plan.bestIndex] as LocationPlan;
  const engine = report.estimateOf.get(best.location)?.warnings ?? [];
  const usedYearly = best.location.series === null;
  return [
    ...report.window.notes,
    ...report.plan.warnings,
    ...(best.location.series?.warnings ?? []),
    ...engine.filter((w) => usedYearly || !w.startsWith("Grid year")),
  ];
};

/** The plan for a terminal. */
export const renderPlanText = (report: PlanReport): string => {
  const { plan, window } = report;
  const best = plan.locations[plan.bestIndex] as LocationPlan;
  const worst = plan.locations[plan.worstIndex] as LocationPlan;
  const estimate = report.estimateOf.get(best.location);
  const lines: string[] = [];
  const what = estimate?.job.hardware
    ? `${estimate.job.count} × ${estimate.job.hardware.name}`
    : `${estimate?.job.count ?? 1} device(s)`;
  const energyKWh = best.location.facilityPowerKW * plan.durationH;
  lines.push(
    `Job: ${what} for ${formatHours(plan.durationH)}, ${sig3(best.location.facilityPowerKW)} kW at the facility = ${sig3(energyKWh)} kWh`,
  );
  lines.push(
    `Window: start from ${formatInstantShort(plan.earliestMs)}, end by ${formatInstantShort(plan.deadlineMs)}${window.whatIf ? " (what-if on past data)" : ""}`,
  );
  lines.push("");
  if (!plan.timeResolved) {
    lines.push(
      "Only yearly averages are available: the start time does not change the estimate; only regions are compared.",
    );
    lines.push(
      `Best ${plan.locations.length > 1 ? "region" : "place"}: ${where(report, best)}: ${formatMassKg(best.best.emissionsKg)} CO2eq at ${sig3(best.best.meanGPerKWh)} g/kWh (yearly average)`,
    );
  } else {
    lines.push(
      `Best start: ${formatInstantShort(best.best.startMs)}${plan.locations.length > 1 ? ` in ${where(report, best)}` : ""}, ends ${formatInstantShort(best.best.startMs + plan.durationH * MS_PER_HOUR)}`,
    );
    lines.push(
      `  ${formatMassKg(plan.emissionsKg)} CO2eq, mean ${sig3(best.best.meanGPerKWh)} g/kWh over the job`,
    );
    lines.push(
      `Starting at ${formatInstantShort(best.first.startMs)}${plan.locations.length > 1 ? " there" : ""}: ${formatMassKg(plan.nowEmissionsKg)}; the best start saves ${formatMassKg(plan.savingKg)}${percent(plan.savingKg, plan.nowEmissionsKg)}`,
    );
  }
  lines.push(
    `Worst choice: ${plan.timeResolved ? `${formatInstantShort(worst.worst.startMs)} ` : ""}${plan.locations.length > 1 ? `in ${where(report, worst)}` : ""}`.trimEnd() +
      `: ${formatMassKg(plan.worstEmissionsKg)}; the best saves ${formatMassKg(plan.savingVsWorstKg)}${percent(plan.savingVsWorstKg, plan.worstEmissionsKg)}`,
  );
  if (best.location.series !== null) {
    lines.push("");
    lines.push(
      ...renderIntensityChart({
        series: best.location.series,
        fromMs: plan.earliestMs,
        toMs: plan.deadlineMs,
        bestStartMs: best.best.startMs,
        bestEndMs: best.best.startMs + plan.durationH * MS_PER_HOUR,
      }),
    );
  }
  if (plan.locations.length > 1) {
    lines.push("", `Locations compared (${plan.locations.length}, cleanest first):`);
    const sorted = [...plan.locations].sort((a, b) => a.best.emissionsKg - b.best.emissionsKg);
    for (const l of sorted.slice(0, 10)) {
      const when = l.timeResolved ? ` at ${formatInstantShort(l.best.startMs)}` : " (yearly)";
      lines.push(`  ${where(report, l).padEnd(34)} ${formatMassKg(l.best.emissionsKg).padStart(12)}${when}`);
    }
    if (sorted.length > 10) lines.push(`  … and ${sorted.length - 10} more (--format json lists all)`);
  }
  lines.push("", "Factors:");
  for (const factor of factorsOf(report)) lines.push(...factorText(factor));
  const warnings = warningsOf(report);
  if (warnings.length > 0 || report.loud.length > 0) {
    lines.push("", "Warnings:");
    for (const w of [...report.loud.map((l) => `WARNING: ${l}`), ...warnings])
      lines.push(wrapText(`  - ${w}`, 80, 4));
  }
  return `${lines.join("\n")}\n`;
};

const round = (value: number): number => Number(value.toPrecision(12));

/** The plan as one JSON object. */
export const renderPlanJson = (report: PlanReport): string => {
  const { plan, window } = report;
  const best = plan.locations[plan.bestIndex] as LocationPlan;
  const worst = plan.locations[plan.worstIndex] as LocationPlan;
  const several = plan.locations.length > 1;
  const estimate = report.estimateOf.get(best.location);
  const object = {
    bestStart: formatInstant(best.best.startMs),
    bestEnd: formatInstant(best.best.startMs + plan.durationH * MS_PER_HOUR),
    ...(several ? { bestRegion: best.location.id } : {}),
    bestZone: best.location.zone,
    emissionsKg: round(plan.emissionsKg),
    nowStart: formatInstant(best.first.startMs),
    nowEmissionsKg: round(plan.nowEmissionsKg),
    savingKg: round(plan.savingKg),
    worstStart: formatInstant(worst.worst.startMs),
    ...(several ? { worstRegion: worst.location.id } : {}),
    worstEmissionsKg: round(plan.worstEmissionsKg),
    savingVsWorstKg: round(plan.savingVsWorstKg),
    meanIntensityGPerKWh: round(best.best.meanGPerKWh),
    hours: plan.durationH,
    facilityPowerKW: round(best.location.facilityPowerKW),
    energyKWh: round(best.location.facilityPowerKW * plan.durationH),
    pue: estimate?.pue ?? null,
    window: {
      earliest: formatInstant(plan.earliestMs),
      deadline: formatInstant(plan.deadlineMs),
      whatIf: window.whatIf,
    },
    timeResolved: plan.timeResolved,
    source: report.source,
    signal: best.signal,
    locations: plan.locations.map((l) => ({
      id: l.location.id,
      zone: l.location.zone,
      timeResolved: l.timeResolved,
      signal: l.signal,
      bestStart: formatInstant(l.best.startMs),
      emissionsKg: round(l.best.emissionsKg),
      nowEmissionsKg: round(l.first.emissionsKg),
      worstEmissionsKg: round(l.worst.emissionsKg),
      meanIntensityGPerKWh: round(l.best.meanGPerKWh),
      yearlyIntensityGPerKWh: l.location.yearlyGPerKWh,
      startsPriced: l.candidates,
    })),
    factors: factorsOf(report),
    warnings: [...report.loud, ...warningsOf(report)],
  };
  return `${JSON.stringify(object, null, 2)}\n`;
};
