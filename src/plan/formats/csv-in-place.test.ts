import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseSeriesCsvBefore } from "../fixtures/csv-series-before.ts";
import { normalizeSeriesBefore } from "../fixtures/normalize-series-before.ts";
import { normalizeSeries } from "../normalize-series.ts";
import type { PlanOutcome } from "../problems.ts";
import type { RawSeries } from "../series.ts";
import { parseSeriesCsv } from "./csv-series.ts";
import type { ParsedSeriesFile } from "./parsed-series.ts";

/** Seeded generator (mulberry32), so a failure can be replayed. */
const randomOf = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const HEADERS = [
  "datetime,zone,carbon_intensity",
  "timestamp,carbon_intensity",
  "datetime,zone,carbon_intensity (kg/kWh)",
  "datetime,zone,carbon_intensity,unit",
  '"datetime","zone","carbon_intensity"',
  "\uFEFFdatetime,zone,carbon_intensity",
  "Datetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO₂eq/kWh (direct),Carbon intensity gCO₂eq/kWh (Life cycle),Data source",
];
const ODD_VALUES = [
  "abc",
  "1e3",
  "0x10",
  ".5",
  "5.",
  "+3",
  "Infinity",
  "-0",
  "NaN",
  "-12.5",
  "0.0042",
  "123.4567890123456789",
  "9999999999999999",
  " 300 ",
  "\u00A0300",
  "3 00",
  '"310.5"',
  "2500",
  "0.3",
];
const ODD_TIMES = [
  "2024-02-30T00:00Z",
  "2024-01-01T00:00",
  "2024-01-01 00:00:00",
  " 2024-01-01T00:00Z",
  "2024-01-01T00:00+01:00",
  "2024-01-01T00:00:00.5Z",
  "2024-01-01T00:00:00+0530",
  "x",
  "",
];
const ZONES = ["DE", "FR", "de", " DE", "ÜX", "", '"DE"', '"D""E"'];
const UNITS = ["g/kWh", "kg/kWh", "lbs_co2_per_mwh", "furlongs", " G/KWH "];

/** A series file near the forms the reader takes: mostly plain rows, with every oddity now and then. */
const fileOf = (r: () => number): string => {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
  const header = pick(HEADERS);
  const em = header.startsWith("Datetime (UTC)");
  const fields = header.split(",").length;
  const odd = r() * 0.3;
  const lines = r() < 0.2 ? ["# exported", ""] : [];
  lines.push(header);
  const start = Date.UTC(2024, 1, 28, 20);
  let hour = 0;
  for (let row = Math.floor(r() * 40); row > 0; row--) {
    hour += r() < 0.9 ? 1 : pick([0, 2, -3, 0.5]);
    const iso = new Date(start + hour * 3_600_000).toISOString();
    let time = em
      ? iso.slice(0, 19).replace("T", " ")
      : iso.replace(".000Z", pick(["Z", "Z", "Z", "+00:00", ":00Z"]).replace(":00Z", "Z"));
    if (r() < odd) time = pick(ODD_TIMES);
    const value =
      r() < odd ? pick(ODD_VALUES) : r() < 0.05 ? "" : (100 + r() * 400).toFixed(Math.floor(r() * 3));
    const zone = r() < odd ? pick(ZONES) : pick(["DE", "DE", "DE", "FR"]);
    const row_ = em
      ? [time, "Germany", r() < odd ? '"Germany, all"' : "Germany", zone, value, value, "entsoe.eu"]
      : fields === 2
        ? [time, value]
        : fields === 4
          ? [time, zone, value, r() < odd ? pick(UNITS) : "g/kWh"]
          : [time, zone, value];
    let line = row_.join(",");
    if (r() < odd * 0.3)
      line = pick([
        `# ${line}`,
        ` #${line}`,
        "",
        "  ",
        `${line},`,
        line.slice(0, -1),
        `"${line}"`,
        `${line}\r`,
      ]);
    lines.push(line);
  }
  return lines.join(r() < 0.2 ? "\r\n" : "\n") + (r() < 0.5 ? "\n" : "");
};

/** What a parse gave, in plain data: problems, or per zone its points and what it says about them. */
const plainOf = (out: PlanOutcome<ParsedSeriesFile>) =>
  out.ok
    ? {
        format: out.value.format,
        series: out.value.series.map((s) => ({
          zone: s.zone,
          notes: s.notes,
          factors: s.factors,
          points: s.points.map((p) => [p.atMs, p.gPerKWh, p.where]),
        })),
      }
    : out.problems;

const normalizedOf = (
  normalize: (raw: RawSeries) => PlanOutcome<unknown>,
  out: PlanOutcome<ParsedSeriesFile>,
) => (out.ok ? out.value.series.map((s) => normalize(s)) : null);

describe("parseSeriesCsv reading rows in place", () => {
  it("gives what the field-by-field reader gave on 3,000 random files, and normalises alike", () => {
    const r = randomOf(7);
    const seen = new Set<string>();
    for (let k = 0; k < 3000; k++) {
      const text = fileOf(r);
      const before = parseSeriesCsvBefore(text);
      const now = parseSeriesCsv(text);
      assert.deepEqual(plainOf(now), plainOf(before), text);
      assert.deepEqual(normalizedOf(normalizeSeries, now), normalizedOf(normalizeSeriesBefore, before), text);
      seen.add(before.ok ? "ok" : before.problems[0].code);
      if (before.ok)
        for (const s of before.value.series) {
          const n = normalizeSeriesBefore(s);
          seen.add(n.ok ? (n.value.warnings.length > 0 ? "warned" : "clean") : n.problems[0].code);
        }
    }
    // Every kind of outcome came up.
    for (const kind of [
      "ok",
      "clean",
      "warned",
      "bad-time",
      "bad-value",
      "bad-series",
      "unknown-unit",
      "duplicate-point",
      "irregular-series",
      "implausible-unit",
    ])
      assert.ok(seen.has(kind), `${kind} not exercised: ${[...seen].join(", ")}`);
  });

  it("keeps each zone's readings as columns, in file order, with their lines", () => {
    const out = parseSeriesCsv(
      "datetime,zone,carbon_intensity\n2024-01-01T01:00Z,DE,310.5\n2024-01-01T00:00Z,FR,40\n\n2024-01-01T00:00Z,DE,300\n",
    );
    assert.ok(out.ok);
    const de = out.value.series[0]?.readings;
    assert.deepEqual([...(de?.atMs ?? [])], [Date.UTC(2024, 0, 1, 1), Date.UTC(2024, 0, 1)]);
    assert.deepEqual([...(de?.gPerKWh ?? [])], [310.5, 300]);
    assert.deepEqual([...(de?.line ?? [])], [2, 5]);
  });
});
