// What the live region says when polled data changes: a run that starts, gains a node or finishes at
// once; a running run's figures at most every 30 s (more would talk over everything else). Pure.
import { formatMassKg, sig3 } from "../../../src/core/format-number.ts";
import type { RunItem } from "./api-schemas.ts";

/** Least time between two announcements of a running run's figures, ms. */
export const FIGURES_EVERY_MS = 30_000;

/** What is announced of a run. */
export interface RunPulse {
  readonly key: string;
  readonly status: "running" | "finished";
  readonly nodes: number;
  readonly energyKWh: number;
  readonly emissionsKg: number;
}

const figures = (run: RunPulse) =>
  `${sig3(run.energyKWh)} kWh, ${formatMassKg(run.emissionsKg)} CO2eq (location-based)`;

const nodesText = (n: number) => (n === 1 ? "1 node" : `${n} nodes`);

/**
 * The announcement for a run seen again (null: say nothing). `seen` is the last state shown (null on
 * the first load: the page is read, not announced); `sinceAnnouncedMs` the time since the last thing
 * said about it.
 *
 * @example
 * runAnnouncement({ key: "j", status: "running", nodes: 1, … }, { key: "j", status: "running", nodes: 2, … }, 0)
 * // "j: now 2 nodes; 0.5 kWh, 31.2 g CO2eq (location-based) so far."
 */
export const runAnnouncement = (
  seen: RunPulse | null,
  next: RunPulse,
  sinceAnnouncedMs: number,
): string | null => {
  if (seen === null || seen.key !== next.key) return null;
  if (seen.status === "running" && next.status === "finished")
    return `${next.key} finished: ${nodesText(next.nodes)}, ${figures(next)}.`;
  if (next.nodes !== seen.nodes) return `${next.key}: now ${nodesText(next.nodes)}; ${figures(next)} so far.`;
  if (
    next.status === "running" &&
    sinceAnnouncedMs >= FIGURES_EVERY_MS &&
    (next.energyKWh !== seen.energyKWh || next.emissionsKg !== seen.emissionsKg)
  )
    return `${next.key}: ${figures(next)} so far.`;
  return null;
};

const list = (keys: readonly string[]) =>
  keys.length <= 3 ? keys.join(", ") : `${keys.slice(0, 3).join(", ")} and ${keys.length - 3} more`;

/**
 * The announcement for a runs list polled again: new runs and runs that finished (null: nothing new).
 *
 * @example
 * runsAnnouncement([], [{ key: "job-43", status: "running", … }]) // "New run: job-43."
 */
export const runsAnnouncement = (
  seen: readonly RunItem[] | null,
  next: readonly RunItem[],
): string | null => {
  if (seen === null) return null;
  const before = new Map(seen.map((r) => [r.key, r]));
  const added = next.filter((r) => !before.has(r.key)).map((r) => r.key);
  const finished = next
    .filter((r) => r.status === "finished" && before.get(r.key)?.status === "running")
    .map((r) => r.key);
  const parts: string[] = [];
  if (added.length > 0) parts.push(`New run${added.length === 1 ? "" : "s"}: ${list(added)}.`);
  if (finished.length > 0) parts.push(`Finished: ${list(finished)}.`);
  return parts.length === 0 ? null : parts.join(" ");
};
