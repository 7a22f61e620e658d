import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parseSeriesCsv } from "./csv-series.ts";

const ok = (text: string) => {
  const out = parseSeriesCsv(text);
  if (!out.ok) assert.fail(out.problems[0].message);
  return out.value;
};
const problem = (text: string) => {
  const out = parseSeriesCsv(text);
  assert.equal(out.ok, false, "expected a problem");
  return out.ok ? assert.fail() : out.problems[0];
};

describe("parseSeriesCsv", () => {
  it("reads the plain form, groups by zone, skips comments", () => {
    const file = ok(
      "# note\ndatetime,zone,carbon_intensity\n2024-01-01T00:00:00Z,DE,300\n2024-01-01T00:00:00Z,FR,40\n2024-01-01T01:00:00Z,DE,310.5\n",
    );
    assert.equal(file.format, "csv");
    assert.deepEqual(
      file.series.map((s) => [s.zone, s.points.map((p) => p.gPerKWh)]),
      [
        ["DE", [300, 310.5]],
        ["FR", [40]],
      ],
    );
    assert.equal(file.series[0]?.factors[0]?.kind, "user");
  });
  it("reads kg/kWh from the header and lbs/MWh from a unit column, converting to g/kWh", () => {
    const kg = ok(
      "datetime,zone,carbon_intensity (kg/kWh)\n2024-01-01T00:00Z,DE,0.3\n2024-01-01T01:00Z,DE,0.25\n",
    );
    assert.deepEqual(
      kg.series[0]?.points.map((p) => p.gPerKWh),
      [300, 250],
    );
    const lbs = ok(
      "datetime,zone,carbon_intensity,unit\n2024-01-01T00:00Z,X,1000,lbs/MWh\n2024-01-01T01:00Z,X,500,lbs_co2_per_mwh\n",
    );
    // 1 lb/MWh = 453.59237 g / 1000 kWh
    assert.deepEqual(
      lbs.series[0]?.points.map((p) => p.gPerKWh),
      [453.59237, 226.796185],
    );
    assert.match(lbs.series[0]?.notes.join() ?? "", /lbs\/MWh were converted/);
  });
  it("refuses kg/kWh values written as g/kWh and unknown units, never guessing", () => {
    const p = problem(
      "datetime,zone,carbon_intensity\n2024-01-01T00:00Z,DE,0.31\n2024-01-01T01:00Z,DE,0.29\n",
    );
    assert.equal(p.code, "implausible-unit");
    assert.match(p.message, /carbon_intensity \(kg\/kWh\)/);
    assert.equal(
      problem("datetime,zone,carbon_intensity (kWh/g)\n2024-01-01T00:00Z,DE,1\n").code,
      "unknown-unit",
    );
    assert.equal(
      problem("datetime,zone,carbon_intensity,unit\n2024-01-01T00:00Z,DE,1,furlongs\n").code,
      "unknown-unit",
    );
  });
  it("reads an Electricity Maps export, preferring the life-cycle column", () => {
    const text = [
      "Datetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO₂eq/kWh (direct),Carbon intensity gCO₂eq/kWh (Life cycle),Carbon-free energy percentage (CFE%),Renewable energy percentage (RE%),Data source,Data estimated,Data estimation method",
      "2024-01-01 00:00:00,Germany,Germany,DE,280.1,331.2,55.1,50.2,entsoe.eu,false,",
      '2024-01-01 01:00:00,Germany,"Germany, all",DE,270.0,320.4,56.0,51.0,entsoe.eu,true,TIME_SLICER_AVERAGE',
    ].join("\n");
    const file = ok(text);
    assert.equal(file.format, "electricitymaps-csv");
    assert.deepEqual(
      file.series[0]?.points.map((p) => [p.atMs, p.gPerKWh]),
      [
        [Date.UTC(2024, 0, 1, 0), 331.2],
        [Date.UTC(2024, 0, 1, 1), 320.4],
      ],
    );
    assert.match(file.series[0]?.notes.join() ?? "", /life-cycle/);
  });
  it("treats empty values as missing readings, not zeros", () => {
    const file = ok(
      "datetime,zone,carbon_intensity\n2024-01-01T00:00Z,DE,300\n2024-01-01T01:00Z,DE,\n2024-01-01T02:00Z,DE,280\n",
    );
    assert.equal(file.series[0]?.points.length, 2);
    assert.match(file.series[0]?.notes.join() ?? "", /1 row\(s\) with an empty intensity/);
  });
  it("names the line of a bad time, a bad number or a short row", () => {
    assert.match(
      problem("datetime,zone,carbon_intensity\n2024-01-01T00:00,DE,300\n").message,
      /^line 2: "2024-01-01T00:00" is not an ISO 8601 time with a zone/,
    );
    assert.match(
      problem("datetime,zone,carbon_intensity\n2024-01-01T00:00Z,DE,abc\n").message,
      /^line 2: "abc" is not a number/,
    );
    assert.match(
      problem("datetime,zone,carbon_intensity\n2024-01-01T00:00Z,DE\n").message,
      /^line 2 has 2 fields/,
    );
    assert.equal(problem("time,value\n1,2\n").code, "bad-series");
  });
  it("reads the synthetic DE 2024 fixture: 8,784 hours, mean 341 g/kWh", () => {
    const file = ok(readFileSync(new URL("../fixtures/de-2024.csv", import.meta.url), "utf8"));
    const points = file.series[0]?.points ?? [];
    assert.equal(points.length, 366 * 24);
    const mean = points.reduce((s, p) => s + p.gPerKWh, 0) / points.length;
    assert.ok(Math.abs(mean - 341) < 0.05, String(mean));
  });
});
