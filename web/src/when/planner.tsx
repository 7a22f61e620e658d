// The "when" view's chunk: the series parsers, the planning code, uPlot and the result. The section
// (when-section.tsx) holds the inputs and loads this once the visitor reaches for them.
import "./when.css";
import { formatMassKg } from "../../../src/core/format-number.ts";
import { localTime, utcTime } from "./local-time.ts";
import type { WhenField, WhenState } from "./when-plan.ts";

export { utcTime } from "./local-time.ts";
export { planWhen, readSeries, type WhenField, type WhenState } from "./when-plan.ts";
export { WhenResult } from "./when-result.tsx";

/** Labels of the view's inputs, for announcements. */
export const WHEN_FIELD_LABEL: Readonly<Record<WhenField, string>> = {
  series: "Time series",
  earliest: "Earliest start",
  deadline: "Deadline",
};

/** What the view's live region says: the best start and its saving, or the first problem. */
export const announcementOf = (
  state: WhenState | null,
  messages: Partial<Record<WhenField, string>>,
): string => {
  const planned = state?.planned;
  if (planned !== undefined && planned !== null) {
    const { plan, location } = planned;
    return `Best start ${localTime(location.best.startMs)} (${utcTime(location.best.startMs)}): ${formatMassKg(plan.emissionsKg)} CO2eq, ${formatMassKg(plan.savingKg)} less than starting at the earliest time.`;
  }
  const first = (Object.entries(messages) as [WhenField, string][])[0];
  return first === undefined ? "" : `Not planned: ${WHEN_FIELD_LABEL[first[0]]}: ${first[1]}`;
};
