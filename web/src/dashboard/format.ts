// How the dashboard writes figures and times: three significant digits with units, times in UTC (the
// server's days and weeks are UTC days and weeks). Pure.
import { formatMassKg, sig3 } from "../../../src/core/format-number.ts";
import type { Origin } from "./route.ts";

/** Energy, e.g. "1.23 kWh". */
export const energyText = (kWh: number): string => `${sig3(kWh)} kWh`;

/** Emissions, e.g. "45.6 kg CO2eq". */
export const massText = (kg: number): string => `${formatMassKg(kg)} CO2eq`;

/** Power, e.g. "372 W". */
export const powerText = (w: number): string => `${sig3(w)} W`;

/** A time in UTC to the second, e.g. "2026-03-02 08:00:05 UTC" ("–" for none). */
export const utcText = (time: string | number | null): string => {
  if (time === null) return "–";
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return "–";
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
};

/** A time of day in UTC, e.g. "08:00:05 UTC". */
export const clockText = (ms: number): string => `${new Date(ms).toISOString().slice(11, 19)} UTC`;

/** A duration, e.g. "2 h 05 min", "45 s". */
export const durationText = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${String(s % 60).padStart(2, "0")} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
};

/** What each origin is called on screen. */
export const ORIGIN_LABEL: Record<Origin, string> = {
  tracker: "tracker (measured)",
  estimate: "estimate",
  codecarbon: "CodeCarbon",
};
