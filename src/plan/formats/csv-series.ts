import type { FactorKind } from "../../data/types.ts";
import { type IntensityUnit, intensityUnitOf, toGPerKWh, UNIT_SPELLINGS } from "../intensity-units.ts";
import { failWith, type PlanOutcome, planProblem, succeed } from "../problems.ts";
import type { RawPoint, RawSeries } from "../series.ts";
import { seriesFactorOf } from "../series-factor.ts";
import { parseInstant } from "../time.ts";
import { csvFields } from "./csv-fields.ts";
import { CLI_FILE_NOTE, type ParsedSeriesFile, type SeriesFormat } from "./parsed-series.ts";
import { plausibleUnit } from "./plausible-unit.ts";

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

/**
 * Reads a CSV series: the plain form `datetime,zone,carbon_intensity` (ISO 8601 with a zone designator;
 * gCO2eq/kWh unless the header says `carbon_intensity (kg/kWh)` or a `unit` column names one; the zone
 * column may be left out for a one-zone file), or an Electricity Maps export (`Datetime (UTC)`, `Zone id`,
 * `Carbon intensity gCO₂eq/kWh (Life cycle)`). Lines starting with # are comments. Empty values are
 * missing readings (gaps), never zeros.
 */
export const parseSeriesCsv = (
  text: string,
  options: { readonly kind?: FactorKind; readonly fileNote?: string } = {},
): PlanOutcome<ParsedSeriesFile> => {
  const kind = options.kind ?? "user";
  const lines = text.split("\n");
  let headerLine = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line !== "" && !line.startsWith("#")) {
      headerLine = i;
      break;
    }
  }
  if (headerLine < 0)
    return failWith(planProblem("empty-series", "series", "the file has no header and no rows"));
  const raw = csvFields((lines[headerLine] as string).replace(/\r$/, ""));
  const names = raw.map(clean);
  const em = emLayout(names);
  const layout = em === null ? plainLayout(names, raw) : succeed(em);
  if (!layout.ok) return layout;
  const { time, zone, value, unitColumn, headerUnit, assumeUtc, format, notes } = layout.value;
  const byZone = new Map<string, RawPoint[]>();
  const unitsSeen = new Set<IntensityUnit>();
  let empty = 0;
  for (let i = headerLine + 1; i < lines.length; i++) {
    let line = lines[i] as string;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (line.trim() === "" || line.startsWith("#")) continue;
    const fields = csvFields(line);
    if (fields.length !== raw.length) {
      return failWith(
        planProblem(
          "bad-series",
          "series",
          `line ${i + 1} has ${fields.length} fields; the header has ${raw.length}`,
        ),
      );
    }
    const timeText = (fields[time] as string).trim();
    const atMs = parseInstant(timeText, assumeUtc);
    if (Number.isNaN(atMs)) {
      return failWith(
        planProblem(
          "bad-time",
          "series",
          `line ${i + 1}: "${timeText}" is not an ISO 8601 time with a zone; use e.g. 2024-01-01T00:00:00Z`,
        ),
      );
    }
    const valueText = (fields[value] as string).trim();
    if (valueText === "") {
      empty++;
      continue;
    }
    const number = Number(valueText);
    if (!Number.isFinite(number)) {
      return failWith(planProblem("bad-value", "series", `line ${i + 1}: "${valueText}" is not a number`));
    }
    let unit = headerUnit;
    if (unitColumn >= 0) {
      const unitText = (fields[unitColumn] as string).trim();
      const found = intensityUnitOf(unitText);
      if (found === undefined) {
        return failWith(
          planProblem(
            "unknown-unit",
            "series",
            `line ${i + 1}: unknown unit "${unitText}"; use ${UNIT_SPELLINGS}`,
          ),
        );
      }
      unit = found;
    }
    unitsSeen.add(unit);
    const zoneId = zone < 0 ? "" : (fields[zone] as string).trim();
    let points = byZone.get(zoneId);
    if (points === undefined) {
      points = [];
      byZone.set(zoneId, points);
    }
    points.push({ atMs, gPerKWh: toGPerKWh(number, unit), where: i + 1 });
  }
  const series: RawSeries[] = [];
  for (const [zoneId, points] of byZone) {
    const unitCheck = plausibleUnit(points, [...unitsSeen], zoneId);
    if (unitCheck !== null) return failWith(unitCheck);
    const zoneNotes = [...notes];
    if (empty > 0)
      zoneNotes.push(`${empty} row(s) with an empty intensity were treated as missing readings.`);
    const converted = [...unitsSeen].filter((u) => u !== "g/kWh");
    if (converted.length > 0) zoneNotes.push(`Values in ${converted.join(", ")} were converted to g/kWh.`);
    series.push({
      zone: zoneId,
      points,
      signal: "average",
      factors: [
        seriesFactorOf(points, {
          name: `grid intensity series (${zoneId === "" ? "file" : zoneId}, ${format === "csv" ? "CSV file" : "Electricity Maps export"})`,
          kind,
          source: null,
          retrievedAt: null,
          signal: "average",
          note: options.fileNote ?? CLI_FILE_NOTE,
        }),
      ],
      notes: zoneNotes,
    });
  }
  if (series.length === 0)
    return failWith(planProblem("empty-series", "series", "the file has a header but no readings"));
  return succeed({ format, series });
};
