import { closestNames } from "../core/suggest.ts";
import type { ParsedSeriesFile } from "./formats/parsed-series.ts";
import { normalizeSeries } from "./normalize-series.ts";
import { failWith, type PlanOutcome, planProblem } from "./problems.ts";
import { type IntensitySeries, withZoneAndNotes } from "./series.ts";

/** How to pick a zone out of a file. */
export interface ZoneSeriesOptions {
  /** Input path a zone the file lacks is blamed on ("series", or "seriesZone" when the user named it). */
  readonly path?: string;
  /** Whether to note the file's other zones (once per file is enough). */
  readonly mentionOthers?: boolean;
}

const keyOf = (zone: string): string => zone.trim().toUpperCase();

/** The zone ids a file holds, in the order they first appear ("" for a file that names none). */
export const zonesOf = (file: ParsedSeriesFile): string[] => file.series.map((s) => s.zone);

/**
 * One zone's readings from a parsed file, normalised (sorted, duplicates, gaps: see normalizeSeries).
 * Zones match case-insensitively; a file that names no zone serves any zone, with a note saying so;
 * a zone the file lacks is an `unknown-zone` problem listing the zones it has.
 *
 * @example
 * zoneSeriesOf(parsed, "DE") // { ok: true, value: { zone: "DE", startMs, stepMs, values, ... } }
 */
export const zoneSeriesOf = (
  file: ParsedSeriesFile,
  wanted: string,
  options: ZoneSeriesOptions = {},
): PlanOutcome<IntensitySeries> => {
  const key = keyOf(wanted);
  const unnamed = file.series.length === 1 && file.series[0]?.zone === "" ? file.series[0] : undefined;
  const raw = file.series.find((s) => keyOf(s.zone) === key) ?? unnamed;
  if (raw === undefined) {
    const zones = zonesOf(file);
    const suggestions = closestNames(wanted, zones);
    return failWith(
      planProblem(
        "unknown-zone",
        options.path ?? "series",
        `zone ${wanted} is not in the file, which has ${zones.join(", ")}${suggestions.length > 0 ? ` (did you mean ${suggestions.join(", ")}?)` : ""}; give the location's zone, or --series-zone to pick one`,
        suggestions,
      ),
    );
  }
  const notes: string[] = [];
  if (raw === unnamed) notes.push(`The file names no zone; its readings are used for ${wanted}.`);
  const others = file.series.filter((s) => s !== raw).map((s) => s.zone);
  if (others.length > 0 && options.mentionOthers !== false)
    notes.push(`The file also holds ${others.join(", ")}; each location uses only its own zone's rows.`);
  return normalizeSeries(
    withZoneAndNotes(raw, raw.zone === "" ? wanted : raw.zone, [...raw.notes, ...notes]),
  );
};
