// The plan's text and JSON renderings on a six-hour series small enough to price by hand, through the
// in-process seam: a 1 kW job (1000 W, PUE 1) of 2 h, starts on the hour from 00:00 to 04:00.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { cli } from "../fixtures/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "mlco2-plan-render-"));
const HOURS = ["00", "01", "02", "03", "04", "05"];
const rows = (zone: string, values: readonly number[]) =>
  values.map((v, i) => `2026-03-02T${HOURS[i]}:00Z,${zone},${v}`).join("\n");
const series = join(dir, "de-fr.csv");
// DE: best 02:00–04:00 at 100 g/kWh; FR: best 04:00–06:00 at 40 g/kWh.
writeFileSync(
  series,
  `datetime,zone,carbon_intensity\n${rows("DE", [300, 200, 100, 100, 200, 300])}\n${rows("FR", [50, 50, 60, 70, 40, 40])}\n`,
);
const deOnly = join(dir, "de.csv");
writeFileSync(deOnly, `datetime,zone,carbon_intensity\n${rows("DE", [300, 200, 100, 100, 200, 300])}\n`);
const JOB = ["plan", "--watts", "1000", "--pue", "1", "--hours", "2"];
const WINDOW = ["--earliest", "2026-03-02T00:00Z", "--deadline", "2026-03-02T06:00Z"];

interface PlanJson {
  bestStart: string;
  bestEnd: string;
  bestRegion?: string;
  bestZone: string;
  emissionsKg: number;
  nowStart: string;
  nowEmissionsKg: number;
  savingKg: number;
  worstStart: string;
  worstRegion?: string;
  worstEmissionsKg: number;
  savingVsWorstKg: number;
  meanIntensityGPerKWh: number;
  energyKWh: number;
  timeResolved: boolean;
  locations: {
    id: string;
    bestStart: string;
    emissionsKg: number;
    worstEmissionsKg: number;
    startsPriced: number;
  }[];
  factors: { name: string; value: number }[];
  warnings: string[];
}

const plan = async (...args: string[]) => {
  const text = await cli(...JOB, ...args, ...WINDOW);
  const json = await cli(...JOB, ...args, ...WINDOW, "--format", "json");
  assert.equal(text.exitCode, 0, text.stderr);
  assert.equal(json.exitCode, 0, json.stderr);
  return { text: text.stdout, json: JSON.parse(json.stdout) as PlanJson };
};

describe("plan rendering, one zone", () => {
  test("JSON: best, first and worst starts priced by hand", async () => {
    const { json } = await plan("--zone", "DE", "--series", deOnly);
    // 2 kWh × 100 g/kWh = 0.2 kg at 02:00; 2 kWh × 250 g/kWh (300, 200) = 0.5 kg at 00:00 (and at 04:00).
    assert.equal(json.bestStart, "2026-03-02T02:00:00Z");
    assert.equal(json.bestEnd, "2026-03-02T04:00:00Z");
    assert.equal(json.bestZone, "DE");
    assert.equal(json.bestRegion, undefined);
    assert.equal(json.emissionsKg, 0.2);
    assert.equal(json.nowStart, "2026-03-02T00:00:00Z");
    assert.equal(json.nowEmissionsKg, 0.5);
    assert.equal(json.savingKg, 0.3);
    assert.equal(json.worstEmissionsKg, 0.5);
    assert.equal(json.savingVsWorstKg, 0.3);
    assert.equal(json.meanIntensityGPerKWh, 100);
    assert.equal(json.energyKWh, 2);
    assert.equal(json.timeResolved, true);
    assert.equal(json.locations[0]?.startsPriced, 5);
    const intensity = json.factors.find((f) => f.name === "grid intensity series (DE, CSV file)");
    assert.equal(intensity?.value, 200); // the mean of the six readings
    assert.deepEqual(json.warnings, []);
  });

  test("text: the same figures, the chart marking the best window, the factors", async () => {
    const { text } = await plan("--zone", "DE", "--series", deOnly);
    const lines = text.split("\n");
    assert.equal(lines[0], "Job: 1 device(s) for 2 h, 1 kW at the facility = 2 kWh");
    assert.equal(lines[1], "Window: start from 2026-03-02 00:00Z, end by 2026-03-02 06:00Z");
    assert.equal(lines[3], "Best start: 2026-03-02 02:00Z, ends 2026-03-02 04:00Z");
    assert.equal(lines[4], "  200 g CO2eq, mean 100 g/kWh over the job");
    assert.equal(lines[5], "Starting at 2026-03-02 00:00Z: 500 g; the best start saves 300 g (60 %)");
    assert.equal(lines[6], "Worst choice: 2026-03-02 00:00Z: 500 g; the best saves 300 g (60 %)");
    // Six columns, one per hour, lowest at 02:00 and 03:00; the best window under them.
    const chart = lines.findIndex((l) => l.startsWith("DE intensity, g/kWh (▁ 100 … █ 300)"));
    assert.ok(chart > 0, text);
    assert.equal(lines[chart + 1], "  █▅▁▁▅█");
    assert.equal(lines[chart + 2], "    ^^");
    assert.ok(lines.includes("Factors:"));
    assert.ok(!text.includes("Locations compared"));
    assert.ok(!text.includes("Warnings:"));
  });
});

describe("plan rendering, several regions", () => {
  test("JSON and text name the best and worst regions; every location is listed", async () => {
    const { json, text } = await plan("--regions", "gcp:europe-west3,gcp:europe-west9", "--series", series);
    // FR (europe-west9) at 04:00: 2 kWh × 40 g = 80 g; at 00:00 there 100 g. Worst: DE at 00:00, 500 g.
    assert.equal(json.bestRegion, "gcp:europe-west9");
    assert.equal(json.bestZone, "FR");
    assert.equal(json.bestStart, "2026-03-02T04:00:00Z");
    assert.equal(json.emissionsKg, 0.08);
    assert.equal(json.nowEmissionsKg, 0.1);
    assert.equal(json.savingKg, 0.02);
    assert.equal(json.worstRegion, "gcp:europe-west3");
    assert.equal(json.worstEmissionsKg, 0.5);
    assert.equal(json.savingVsWorstKg, 0.42);
    assert.deepEqual(
      json.locations.map((l) => [l.id, l.bestStart, l.emissionsKg, l.worstEmissionsKg]),
      [
        ["gcp:europe-west3", "2026-03-02T02:00:00Z", 0.2, 0.5],
        ["gcp:europe-west9", "2026-03-02T04:00:00Z", 0.08, 0.13],
      ],
    );
    assert.match(
      text,
      /\nBest start: 2026-03-02 04:00Z in gcp:europe-west9 \(FR\), ends 2026-03-02 06:00Z\n/,
    );
    assert.match(text, /\nStarting at 2026-03-02 00:00Z there: 100 g; the best start saves 20 g \(20 %\)\n/);
    assert.match(
      text,
      /\nWorst choice: 2026-03-02 00:00Z in gcp:europe-west3 \(DE\): 500 g; the best saves 420 g \(84 %\)\n/,
    );
    // Cleanest first.
    const compared = text.slice(text.indexOf("Locations compared (2, cleanest first):"));
    assert.match(
      compared,
      /\n {2}gcp:europe-west9 \(FR\) +80 g at 2026-03-02 04:00Z\n {2}gcp:europe-west3 \(DE\) +200 g at/,
    );
  });

  test("yearly figures only: the start does not matter, regions are compared", async () => {
    const r = await cli(
      "plan",
      "--watts",
      "1000",
      "--pue",
      "1",
      "--hours",
      "2",
      "--regions",
      "gcp:europe-west3,gcp:europe-west9",
      "--source",
      "none",
      ...WINDOW,
      "--format",
      "json",
    );
    assert.equal(r.exitCode, 0, r.stderr);
    const json = JSON.parse(r.stdout) as PlanJson & { locations: { yearlyIntensityGPerKWh: number }[] };
    assert.equal(json.timeResolved, false);
    // Each region at its yearly intensity: 2 kWh × g/kWh.
    for (const l of json.locations)
      assert.ok(Math.abs(l.emissionsKg - (2 * l.yearlyIntensityGPerKWh) / 1000) < 1e-12, l.id);
    assert.equal(json.savingKg, 0);
    const text = await cli(
      "plan",
      "--watts",
      "1000",
      "--pue",
      "1",
      "--hours",
      "2",
      "--regions",
      "gcp:europe-west3,gcp:europe-west9",
      "--source",
      "none",
      ...WINDOW,
    );
    assert.match(
      text.stdout,
      /\nOnly yearly averages are available: the start time does not change the estimate/,
    );
    assert.match(text.stdout, / \(yearly\)\n/);
  });
});
