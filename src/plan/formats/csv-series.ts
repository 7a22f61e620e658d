import type { FactorKind } from "../../data/types.ts";
import { type IntensityUnit, intensityUnitOf, UNIT_SPELLINGS } from "../intensity-units.ts";
import { failWith, type PlanOutcome, planProblem, succeed } from "../problems.ts";
import { type RawSeries, rawSeriesOfReadings } from "../series.ts";
import { readingsFactorOf } from "../series-factor.ts";
import { csvFields } from "./csv-fields.ts";
import { readCsvRows } from "./csv-rows.ts";
import { CLI_FILE_NOTE, type ParsedSeriesFile, type SeriesFormat } from "./parsed-series.ts";
import { plausibleHighest } from "./plausible-unit.ts";

/** Where each needed column is, and how to read it. */
interface CsvLayout {
  readonly format: SeriesFormat;
  readonly time: number;
  readonly zone: number;
  readonly value: number;
  readonly unitColumn: number;
  readonly headerUnit: IntensityUnit;
  readonly assumeUtc: boolean;
  readonly notes: string[];
}

const clean = (name: string): string =>
  name
    .replace(/^\uFEFF/, "")
    .trim()
    .replace(/^"|"$/g, "")
    .toLowerCase();

/** The unit a header such as "carbon_intensity (kg/kWh)" states, if any. */
const unitInHeader = (name: string): IntensityUnit | "unknown" | undefined => {
  const match = /[([]([^)\]]+)[)\]]\s*$/.exec(name);
  if (match === null) return undefined;
  return intensityUnitOf(match[1] as string) ?? "unknown";
};

const emLayout = (names: string[]): CsvLayout | null => {
  const time = names.indexOf("datetime (utc)");
  const zone = names.findIndex((n) => n === "zone id" || n === "zone_id");
  const lifecycle = names.findIndex((n) => n.startsWith("carbon intensity") && /life ?cycle|lca/.test(n));
  const direct = names.findIndex((n) => n.startsWith("carbon intensity") && n.includes("direct"));
  if (time < 0 || (lifecycle < 0 && direct < 0)) return null;
  const value = lifecycle >= 0 ? lifecycle : direct;
  return {
    format: "electricitymaps-csv",
    time,
    zone,
    value,
    unitColumn: -1,
    headerUnit: "g/kWh",
    assumeUtc: true,
    notes: [
      lifecycle >= 0
        ? "Electricity Maps export: the life-cycle carbon intensity column is used (as in the yearly figures)."
        : "Electricity Maps export: only the direct (operational) carbon intensity column is present; it is used and is lower than life-cycle figures.",
    ],
  };
};

const plainLayout = (names: string[], raw: string[]): PlanOutcome<CsvLayout> => {
  const time = names.findIndex((n) => n === "datetime" || n === "timestamp");
  const zone = names.indexOf("zone");
  const value = names.findIndex((n) => n === "carbon_intensity" || /^carbon_intensity\s*[([]/.test(n));
  if (time < 0 || value < 0) {
    return failWith(
      planProblem(
        "bad-series",
        "series",
        `the header has no datetime and carbon_intensity columns (found: ${raw.map((r) => r.trim()).join(", ")}); use datetime,zone,carbon_intensity or an Electricity Maps export`,
      ),
    );
  }
  const stated = unitInHeader(names[value] as string);
  if (stated === "unknown") {
    return failWith(
      planProblem(
        "unknown-unit",
        "series",
        `unknown unit in column "${raw[value]?.trim()}"; use ${UNIT_SPELLINGS}`,
      ),
    );
  }
  return succeed({
    format: "csv",
    time,
    zone,
    value,
    unitColumn: names.indexOf("unit"),
    headerUnit: stated ?? "g/kWh",
    assumeUtc: false,
    notes: [],
  });
};

/** The highest value, 0 when none is above 0 (a loop alone in its function, for V8). */
const highestOf = (values: Float64Array): number => {
  const length = values.length;
  let highest = 0;
  for (let i = 0; i < length; i++) if ((values[i] as number) > highest) highest = values[i] as number;
  return highest;
};

/** The first line that is neither blank nor a comment: its text (less a final \r), where the next starts, its number. */
const headerOf = (text: string): { line: string; next: number; lineNo: number } | null => {
  for (let start = 0, lineNo = 1; start <= text.length; lineNo++) {
    let next = text.indexOf("\n", start);
    if (next < 0) next = text.length;
    const line = text.slice(start, next);
    const trimmed = line.trim();
    if (trimmed !== "" && !trimmed.startsWith("#"))
      return { line: line.replace(/\r$/, ""), next: next + 1, lineNo };
    start = next + 1;
  }
  return null;
};

/**
 * Reads a CSV series: the plain form `datetime,zone,carbon_intensity` (ISO 8601 with a zone designator;
 * gCO2eq/kWh unless the header says `carbon_intensity (kg/kWh)` or a `unit` column names one; the zone
 * column may be left out for a one-zone file), or an Electricity Maps export (`Datetime (UTC)`, `Zone id`,
 * `Carbon intensity gCO₂eq/kWh (Life cycle)`). Lines starting with # are comments. Empty values are
 * missing readings (gaps), never zeros. Each zone's readings are kept as columns (`readings`).
 */
export const parseSeriesCsv = (
  text: string,
  options: { readonly kind?: FactorKind; readonly fileNote?: string } = {},
): PlanOutcome<ParsedSeriesFile> => {
  const kind = options.kind ?? "user";
  const header = headerOf(text);
  if (header === null)
    return failWith(planProblem("empty-series", "series", "the file has no header and no rows"));
  const raw = csvFields(header.line);
  const names = raw.map(clean);
  const em = emLayout(names);
  const layout = em === null ? plainLayout(names, raw) : succeed(em);
  if (!layout.ok) return layout;
  const { format, notes } = layout.value;
  const rows = readCsvRows(text, header.next, header.lineNo + 1, { ...layout.value, fieldCount: raw.length });
  if (!rows.ok) return failWith(rows.problem);
  const { byZone, unitsSeen, empty } = rows.value;
  const series: RawSeries[] = [];
  for (const [zoneId, readings] of byZone) {
    const unitCheck = plausibleHighest(highestOf(readings.gPerKWh), readings.length, [...unitsSeen], zoneId);
    if (unitCheck !== null) return failWith(unitCheck);
    const zoneNotes = [...notes];
    if (empty > 0)
      zoneNotes.push(`${empty} row(s) with an empty intensity were treated as missing readings.`);
    const converted = [...unitsSeen].filter((u) => u !== "g/kWh");
    if (converted.length > 0) zoneNotes.push(`Values in ${converted.join(", ")} were converted to g/kWh.`);
    const factor = readingsFactorOf(readings, {
      name: `grid intensity series (${zoneId === "" ? "file" : zoneId}, ${format === "csv" ? "CSV file" : "Electricity Maps export"})`,
      kind,
      source: null,
      retrievedAt: null,
      signal: "average",
      note: options.fileNote ?? CLI_FILE_NOTE,
    });
    series.push(
      rawSeriesOfReadings({ zone: zoneId, signal: "average", factors: [factor], notes: zoneNotes }, readings),
    );
  }
  if (series.length === 0)
    return failWith(planProblem("empty-series", "series", "the file has a header but no readings"));
  return succeed({ format, series });
};
