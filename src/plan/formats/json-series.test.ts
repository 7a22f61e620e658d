import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { electricityMapsSeries, parseSeriesJson, wattTimeSeries } from "./json-series.ts";

const fixtureText = (name: string) =>
  readFileSync(new URL(`../sources/fixtures/${name}`, import.meta.url), "utf8");

describe("parseSeriesJson", () => {
  it("reads an Electricity Maps history answer from a file as the user's data", () => {
    const out = parseSeriesJson(fixtureText("electricitymaps/history-DE.json"));
    assert.ok(out.ok);
    assert.equal(out.value.format, "electricitymaps-json");
    const [series] = out.value.series;
    assert.equal(series?.zone, "DE");
    assert.equal(series?.points.length, 24);
    assert.equal(series?.declaredStepMs, 3_600_000);
    assert.equal(series?.factors[0]?.kind, "user");
    assert.equal(series?.points[0]?.gPerKWh, 435);
  });
  it("reads a WattTime answer, converting lbs/MWh to g/kWh and marking it marginal", () => {
    const out = parseSeriesJson(fixtureText("watttime/forecast-CAISO_NORTH.json"));
    assert.ok(out.ok);
    const [series] = out.value.series;
    assert.equal(series?.signal, "marginal");
    assert.equal(series?.declaredStepMs, 300_000);
    const body = JSON.parse(fixtureText("watttime/forecast-CAISO_NORTH.json"));
    assert.equal(series?.points[0]?.gPerKWh, body.data[0].value * 0.45359237);
  });
  it("reads the plain array form and refuses unknown shapes", () => {
    const out = parseSeriesJson(
      '[{"datetime":"2024-01-01T00:00:00Z","zone":"FR","carbon_intensity":0.05,"unit":"kg/kWh"},{"datetime":"2024-01-01T01:00:00Z","zone":"FR","carbon_intensity":0.04,"unit":"kg/kWh"}]',
    );
    assert.ok(out.ok);
    assert.deepEqual(
      out.value.series[0]?.points.map((p) => p.gPerKWh),
      [50, 40],
    );
    const bad = parseSeriesJson('{"rows":[]}');
    assert.equal(bad.ok ? null : bad.problems[0].code, "bad-series");
    const notJson = parseSeriesJson("{oops");
    assert.equal(notJson.ok ? null : notJson.problems[0].code, "bad-series");
  });
});

describe("API answers", () => {
  const retrievedAt = "2026-03-02T00:10:00Z";
  it("labels Electricity Maps history as published with its retrieval time, the forecast as estimated", () => {
    const history = electricityMapsSeries(
      JSON.parse(fixtureText("electricitymaps/history-DE.json")),
      "history",
      { from: "api", retrievedAt },
    );
    assert.ok(history.ok);
    const [factor] = history.value.factors;
    assert.equal(factor?.kind, "published");
    assert.equal(factor?.retrievedAt, retrievedAt);
    assert.equal(factor?.source?.publisher, "Electricity Maps");
    assert.equal(factor?.source?.retrieved, "2026-03-02");
    assert.equal(factor?.year, 2026);
    assert.match(factor?.note ?? "", /2 of 24 readings estimated/);
    const forecast = electricityMapsSeries(
      JSON.parse(fixtureText("electricitymaps/forecast-DE.json")),
      "forecast",
      { from: "api", retrievedAt },
    );
    assert.equal(forecast.ok && forecast.value.factors[0]?.kind, "estimated");
  });
  it("treats null readings as missing and refuses a malformed body by path", () => {
    const nulls = electricityMapsSeries(
      {
        zone: "DE",
        history: [
          { datetime: "2026-03-01T00:00:00Z", carbonIntensity: 300 },
          { datetime: "2026-03-01T01:00:00Z", carbonIntensity: null },
        ],
      },
      "history",
      { from: "api", retrievedAt },
    );
    assert.ok(nulls.ok);
    assert.equal(nulls.value.points.length, 1);
    const bad = electricityMapsSeries({ zone: "DE", history: [{ datetime: 5 }] }, "history", {
      from: "api",
      retrievedAt,
    });
    assert.equal(bad.ok ? null : bad.problems[0].code, "bad-series");
    // The shared issue adapter's path: indices in brackets, as `where` names points elsewhere.
    assert.match(
      bad.ok ? "" : bad.problems[0].message,
      /^Electricity Maps history answer: history\[0\]\.datetime: /,
    );
  });
  it("refuses a WattTime signal that is not a CO2 rate", () => {
    const out = wattTimeSeries(
      { data: [], meta: { region: "X", units: "$_per_mwh", signal_type: "health_damage" } },
      { from: "api", retrievedAt },
    );
    assert.equal(out.ok ? null : out.problems[0].code, "unknown-unit");
  });
});
