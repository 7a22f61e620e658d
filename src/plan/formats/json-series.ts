import * as v from "valibot";
import { issuesToProblems } from "../../core/schemas/issues.ts";
import type { FactorKind } from "../../data/types.ts";
import { type IntensityUnit, intensityUnitOf, toGPerKWh, UNIT_SPELLINGS } from "../intensity-units.ts";
import { failWith, type PlanOutcome, type PlanProblem, planProblem, succeed } from "../problems.ts";
import type { RawPoint, RawSeries } from "../series.ts";
import { seriesFactorOf } from "../series-factor.ts";
import { formatInstant, MS_PER_HOUR, parseInstant } from "../time.ts";
import { electricityMapsSource, wattTimeSource } from "./api-sources.ts";
import { CLI_FILE_NOTE, type ParsedSeriesFile } from "./parsed-series.ts";
import { plausibleUnit } from "./plausible-unit.ts";

/** Where a JSON body came from: a user's file, or an API answer read at a given time. */
export type JsonOrigin = { readonly from: "file" } | { readonly from: "api"; readonly retrievedAt: string };

const PlainRow = v.object({
  datetime: v.string(),
  zone: v.optional(v.string()),
  carbon_intensity: v.nullable(v.number()),
  unit: v.optional(v.string()),
});
const EmPoint = v.object({
  datetime: v.string(),
  carbonIntensity: v.nullable(v.number()),
  isEstimated: v.optional(v.nullable(v.boolean())),
  temporalGranularity: v.optional(v.string()),
});
const EmHistory = v.object({ zone: v.string(), history: v.array(EmPoint) });
const EmForecast = v.object({
  zone: v.string(),
  forecast: v.array(EmPoint),
  updatedAt: v.optional(v.string()),
});
const EmRange = v.object({
  zone: v.string(),
  data: v.array(EmPoint),
  temporalGranularity: v.optional(v.string()),
});
const EmLatest = v.object({ zone: v.string(), ...EmPoint.entries });
const WattTimeBody = v.object({
  data: v.array(v.object({ point_time: v.string(), value: v.nullable(v.number()) })),
  meta: v.object({
    region: v.string(),
    units: v.string(),
    signal_type: v.optional(v.string()),
    data_point_period_seconds: v.optional(v.number()),
    generated_at: v.optional(v.nullable(v.string())),
  }),
});

const yearOfMs = (ms: number): number => Number(formatInstant(ms).slice(0, 4));

/** Electricity Maps period lengths by `temporalGranularity` (the API's default resolution is one hour). */
const EM_STEP_MS: Readonly<Record<string, number>> = {
  "5_minutes": 300_000,
  "15_minutes": 900_000,
  hourly: MS_PER_HOUR,
};

/** The first schema issue as one problem (the shared adapter's path into the body, e.g. `history[3].datetime`). */
const shapeProblem = (
  what: string,
  issues: readonly [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]],
  path: string,
): PlanProblem => {
  const [first] = issuesToProblems(issues);
  return planProblem(
    "bad-series",
    path,
    `${what}: ${first.path === "" ? "" : `${first.path}: `}${first.message}`,
  );
};

const parseInstantOr = (text: string, where: string, path: string): number | PlanProblem => {
  const ms = parseInstant(text);
  return Number.isNaN(ms)
    ? planProblem(
        "bad-time",
        path,
        `${where}: "${text}" is not an ISO 8601 time with a zone; use e.g. 2024-01-01T00:00:00Z`,
      )
    : ms;
};

type EmPart = "history" | "forecast" | "data" | "latest";

type EmItem = v.InferOutput<typeof EmPoint>;

/** An answer's zone, readings and stated granularity, or the problem with its shape. */
const emItemsOf = (
  body: unknown,
  part: EmPart,
  path: string,
): { zone: string; items: EmItem[]; granularity: string | undefined } | PlanProblem => {
  if (part === "latest") {
    const parsed = v.safeParse(EmLatest, body);
    if (!parsed.success) return shapeProblem("Electricity Maps latest answer", parsed.issues, path);
    return { zone: parsed.output.zone, items: [parsed.output], granularity: undefined };
  }
  const schema = part === "history" ? EmHistory : part === "forecast" ? EmForecast : EmRange;
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) return shapeProblem(`Electricity Maps ${part} answer`, parsed.issues, path);
  const output = parsed.output as { zone: string; temporalGranularity?: string } & Record<EmPart, EmItem[]>;
  return { zone: output.zone, items: output[part], granularity: output.temporalGranularity };
};

/** The readings as points (nulls counted as missing), how many the source estimated; or a bad time. */
const emPointsOf = (
  items: readonly EmItem[],
  part: EmPart,
  path: string,
): { points: RawPoint[]; missing: number; estimated: number } | PlanProblem => {
  const points: RawPoint[] = [];
  let missing = 0;
  let estimated = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as EmItem;
    const where = `${part}[${i}]`;
    const atMs = parseInstantOr(item.datetime, where, path);
    if (typeof atMs !== "number") return atMs;
    if (item.carbonIntensity === null) {
      missing++;
      continue;
    }
    if (item.isEstimated === true) estimated++;
    points.push({ atMs, gPerKWh: item.carbonIntensity, where });
  }
  return { points, missing, estimated };
};

/** The series' factor: a file is the user's; an API forecast, or all-estimated readings, are estimated. */
const emFactorOf = (
  points: readonly RawPoint[],
  estimated: number,
  zone: string,
  part: EmPart,
  origin: JsonOrigin,
) => {
  const kind: FactorKind =
    origin.from === "file"
      ? "user"
      : part === "forecast" || estimated === points.length
        ? "estimated"
        : "published";
  const retrievedAt = origin.from === "api" ? origin.retrievedAt : null;
  const firstYear = points.length === 0 ? 0 : yearOfMs((points[0] as RawPoint).atMs);
  const estimateNote =
    estimated > 0 && part !== "forecast"
      ? `${estimated} of ${points.length} readings estimated by Electricity Maps`
      : undefined;
  return seriesFactorOf(points, {
    name: `grid intensity ${part === "forecast" ? "forecast" : part === "latest" ? "latest reading" : "history"} (${zone}, Electricity Maps${origin.from === "file" ? " JSON file" : " API"})`,
    kind,
    source: retrievedAt === null ? null : electricityMapsSource(retrievedAt, firstYear),
    retrievedAt,
    signal: "average",
    ...(estimateNote === undefined ? {} : { note: estimateNote }),
  });
};

/** Reads one Electricity Maps answer (history, forecast, past-range or latest) into a raw series. */
export const electricityMapsSeries = (
  body: unknown,
  part: EmPart,
  origin: JsonOrigin,
  path = "series",
): PlanOutcome<RawSeries> => {
  const answer = emItemsOf(body, part, path);
  if ("code" in answer) return failWith(answer);
  const { zone, items } = answer;
  const granularity =
    answer.granularity ?? items.find((i) => i.temporalGranularity !== undefined)?.temporalGranularity;
  const stepMs = granularity === undefined ? MS_PER_HOUR : EM_STEP_MS[granularity];
  if (stepMs === undefined)
    return failWith(
      planProblem(
        "bad-series",
        path,
        `Electricity Maps temporalGranularity "${granularity}" is not sub-daily; ask for hourly data`,
      ),
    );
  const read = emPointsOf(items, part, path);
  if ("code" in read) return failWith(read);
  const { points, missing, estimated } = read;
  const notes: string[] = [];
  if (missing > 0)
    notes.push(
      `${zone}: ${missing} Electricity Maps ${part} reading(s) were null and are treated as missing.`,
    );
  const unitCheck = plausibleUnit(points, ["g/kWh"], zone);
  if (unitCheck !== null) return failWith(unitCheck);
  const factors = [emFactorOf(points, estimated, zone, part, origin)];
  return succeed({ zone, points, declaredStepMs: stepMs, signal: "average", factors, notes });
};

type WattTimeOutput = v.InferOutput<typeof WattTimeBody>;

/** The answer's unit and signal type, or the problem: units that are not an emission rate, a signal not CO2. */
const wattTimeUnitOf = (
  meta: WattTimeOutput["meta"],
  path: string,
): { unit: IntensityUnit; signalType: "co2_moer" | "co2_aoer" } | PlanProblem => {
  const unit = intensityUnitOf(meta.units);
  if (unit === undefined)
    return planProblem(
      "unknown-unit",
      path,
      `WattTime units "${meta.units}" (signal ${meta.signal_type ?? "unknown"}) are not an emission rate; use co2_moer (${UNIT_SPELLINGS})`,
    );
  const signalType = meta.signal_type ?? "co2_moer";
  if (signalType !== "co2_moer" && signalType !== "co2_aoer")
    return planProblem("unknown-unit", path, `WattTime signal ${signalType} is not a CO2 rate; use co2_moer`);
  return { unit, signalType };
};

/** The readings as g/kWh points (nulls counted as missing), or a bad time. */
const wattTimePointsOf = (
  data: WattTimeOutput["data"],
  unit: IntensityUnit,
  path: string,
): { points: RawPoint[]; missing: number } | PlanProblem => {
  const points: RawPoint[] = [];
  let missing = 0;
  for (let i = 0; i < data.length; i++) {
    const item = data[i] as (typeof data)[number];
    const where = `data[${i}]`;
    const atMs = parseInstantOr(item.point_time, where, path);
    if (typeof atMs !== "number") return atMs;
    if (item.value === null) {
      missing++;
      continue;
    }
    points.push({ atMs, gPerKWh: toGPerKWh(item.value, unit), where });
  }
  return { points, missing };
};

/** Reads a WattTime v3 answer (historical or forecast) into a raw series, converting lbs/MWh to g/kWh. */
export const wattTimeSeries = (
  body: unknown,
  origin: JsonOrigin,
  path = "series",
): PlanOutcome<RawSeries> => {
  const parsed = v.safeParse(WattTimeBody, body);
  if (!parsed.success) return failWith(shapeProblem("WattTime answer", parsed.issues, path));
  const { data, meta } = parsed.output;
  const units = wattTimeUnitOf(meta, path);
  if ("code" in units) return failWith(units);
  const { unit, signalType } = units;
  const read = wattTimePointsOf(data, unit, path);
  if ("code" in read) return failWith(read);
  const { points, missing } = read;
  const unitCheck = plausibleUnit(points, [unit], meta.region);
  if (unitCheck !== null) return failWith(unitCheck);
  const forecast = meta.generated_at !== undefined && meta.generated_at !== null;
  const signal = signalType === "co2_moer" ? "marginal" : "average";
  const retrievedAt = origin.from === "api" ? origin.retrievedAt : null;
  const notes = [
    `${meta.region}: WattTime ${signalType} values in ${meta.units} were converted to g/kWh (× 0.45359237).`,
  ];
  if (missing > 0)
    notes.push(`${meta.region}: ${missing} WattTime reading(s) were null and are treated as missing.`);
  const year = points.length === 0 ? 0 : yearOfMs((points[0] as RawPoint).atMs);
  const factor = seriesFactorOf(points, {
    name: `${signal === "marginal" ? "marginal emission rate" : "grid intensity"} ${forecast ? "forecast" : "history"} (${meta.region}, WattTime${origin.from === "file" ? " JSON file" : " API"})`,
    kind: origin.from === "file" ? "user" : forecast ? "estimated" : "published",
    source: retrievedAt === null ? null : wattTimeSource(retrievedAt, year),
    retrievedAt,
    signal,
    ...(forecast ? { note: `forecast generated ${meta.generated_at}` } : {}),
  });
  return succeed({
    zone: meta.region,
    points,
    ...(meta.data_point_period_seconds === undefined
      ? {}
      : { declaredStepMs: meta.data_point_period_seconds * 1000 }),
    signal,
    factors: [factor],
    notes,
  });
};

/** Reads the plain JSON form: an array of {datetime, zone?, carbon_intensity, unit?}. */
const plainJsonSeries = (body: unknown, path: string, fileNote: string): PlanOutcome<RawSeries[]> => {
  const parsed = v.safeParse(v.array(PlainRow), body);
  if (!parsed.success) return failWith(shapeProblem("JSON series", parsed.issues, path));
  const byZone = new Map<string, RawPoint[]>();
  const units = new Set<IntensityUnit>();
  let missing = 0;
  for (let i = 0; i < parsed.output.length; i++) {
    const row = parsed.output[i] as v.InferOutput<typeof PlainRow>;
    const where = `item ${i}`;
    const atMs = parseInstantOr(row.datetime, where, path);
    if (typeof atMs !== "number") return failWith(atMs);
    if (row.carbon_intensity === null) {
      missing++;
      continue;
    }
    const unit = row.unit === undefined ? "g/kWh" : intensityUnitOf(row.unit);
    if (unit === undefined)
      return failWith(
        planProblem("unknown-unit", path, `${where}: unknown unit "${row.unit}"; use ${UNIT_SPELLINGS}`),
      );
    units.add(unit);
    const zone = row.zone?.trim() ?? "";
    const points = byZone.get(zone) ?? [];
    if (points.length === 0) byZone.set(zone, points);
    points.push({ atMs, gPerKWh: toGPerKWh(row.carbon_intensity, unit), where });
  }
  const out: RawSeries[] = [];
  for (const [zone, points] of byZone) {
    const check = plausibleUnit(points, [...units], zone);
    if (check !== null) return failWith(check);
    const notes: string[] = [];
    if (missing > 0)
      notes.push(`${missing} item(s) with a null carbon_intensity were treated as missing readings.`);
    out.push({
      zone,
      points,
      signal: "average",
      factors: [
        seriesFactorOf(points, {
          name: `grid intensity series (${zone === "" ? "file" : zone}, JSON file)`,
          kind: "user",
          source: null,
          retrievedAt: null,
          signal: "average",
          note: fileNote,
        }),
      ],
      notes,
    });
  }
  if (out.length === 0) return failWith(planProblem("empty-series", path, "the JSON array has no readings"));
  return succeed(out);
};

const has = (body: unknown, key: string): boolean => typeof body === "object" && body !== null && key in body;

/**
 * Reads a JSON series file: the plain array form, an Electricity Maps API answer (history, forecast,
 * past-range, latest) or a WattTime v3 answer (historical or forecast).
 */
export const parseSeriesJson = (
  text: string,
  options: { readonly path?: string; readonly fileNote?: string } = {},
): PlanOutcome<ParsedSeriesFile> => {
  const path = options.path ?? "series";
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return failWith(planProblem("bad-series", path, `not valid JSON (${(error as Error).message})`));
  }
  const origin: JsonOrigin = { from: "file" };
  if (Array.isArray(body)) {
    const plain = plainJsonSeries(body, path, options.fileNote ?? CLI_FILE_NOTE);
    return plain.ok ? succeed({ format: "json", series: plain.value }) : plain;
  }
  if (has(body, "meta") && has(body, "data")) {
    const wt = wattTimeSeries(body, origin, path);
    return wt.ok ? succeed({ format: "watttime-json", series: [wt.value] }) : wt;
  }
  const part: EmPart | null = has(body, "history")
    ? "history"
    : has(body, "forecast")
      ? "forecast"
      : has(body, "data")
        ? "data"
        : has(body, "carbonIntensity")
          ? "latest"
          : null;
  if (part === null) {
    return failWith(
      planProblem(
        "bad-series",
        path,
        "unknown JSON shape; use an array of {datetime, zone, carbon_intensity}, an Electricity Maps answer (history, forecast, data) or a WattTime v3 answer ({data, meta})",
      ),
    );
  }
  const em = electricityMapsSeries(body, part, origin, path);
  return em.ok ? succeed({ format: "electricitymaps-json", series: [em.value] }) : em;
};
