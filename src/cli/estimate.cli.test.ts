// `mlco2 estimate` run as a real child process of the built bin (npm test builds first).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { estimate } from "../index.ts";
import { cli } from "./fixtures/run-cli.ts";

const bin = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const job = ["--hardware", "A100 SXM4 80GB", "--count", "8", "--hours", "100", "--region", "gcp:us-central1"];

describe("mlco2 estimate --format json", () => {
  it("prints exactly one JSON object with the contract fields, equal to the engine's", () => {
    const r = run("estimate", ...job, "--format", "json");
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    const json = JSON.parse(r.stdout);
    for (const key of [
      "energyKWh",
      "facilityEnergyKWh",
      "emissionsKg",
      "intensityGPerKWh",
      "pue",
      "range",
      "marketBasedKg",
      "factors",
      "warnings",
      "derivation",
      "alternatives",
      "equivalents",
    ]) {
      assert.ok(key in json, `missing ${key}`);
    }
    const expected = estimate({
      hardware: "A100 SXM4 80GB",
      count: 8,
      hours: 100,
      region: "gcp:us-central1",
    });
    assert.equal(json.emissionsKg, expected.emissionsKg);
    assert.equal(json.energyKWh, 320);
    assert.equal(
      json.alternatives.cleanestInProvider.region,
      expected.alternatives.cleanestInProvider?.region,
    );
    assert.ok(json.range.lowKg < json.emissionsKg && json.emissionsKg <= json.range.highKg);
    for (const f of json.factors)
      assert.ok(["measured", "published", "estimated", "default", "user"].includes(f.kind));
  });

  it("collapses the range when every input is exact", () => {
    const r = run(
      "estimate",
      "--watts",
      "400",
      "--device-hours",
      "1082990",
      "--intensity",
      "57",
      "--pue",
      "1",
      "--format",
      "json",
    );
    const json = JSON.parse(r.stdout);
    assert.equal(json.range.lowKg, json.emissionsKg);
    assert.equal(json.range.highKg, json.emissionsKg);
    assert.deepEqual(json.warnings, []);
  });
});

describe("mlco2 estimate (text)", () => {
  it("shows the derivation, the range, sourced factors, assumptions, the cleanest region and equivalents", () => {
    const r = run("estimate", ...job);
    assert.equal(r.code, 0, r.stderr);
    const result = estimate({ hardware: "A100 SXM4 80GB", count: 8, hours: 100, region: "gcp:us-central1" });
    assert.ok(r.stdout.includes(result.derivation.slice(0, 40)), "derivation");
    assert.match(r.stdout, /Emissions {2}\d+ kg CO2eq, location-based \(range \d+ kg – \d+ kg\)/);
    assert.match(r.stdout, /\[published\]/);
    assert.match(r.stdout, /Assumptions/);
    assert.match(r.stdout, /Cleanest region of this provider\n {2}gcp:/);
    assert.match(r.stdout, /km driven by an average passenger car/);
    for (const line of r.stdout.split("\n")) {
      if (/^\s*https?:\/\/\S+$/.test(line)) continue; // a bare URL cannot be wrapped
      assert.ok(line.length <= 80, `line over 80 columns: ${line}`);
    }
  });

  it("shows the host components when CPU and memory are given", () => {
    const r = run(
      "estimate",
      "--hardware",
      "T4",
      "--hours",
      "10",
      "--cpu",
      "150",
      "--cpu-count",
      "2",
      "--memory-gb",
      "64",
      "--country",
      "FR",
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Components\n {2}- 1 × NVIDIA T4/);
    assert.match(r.stdout, /2 × CPU/);
  });
});

describe("mlco2 estimate: bad input (in-process, through runCli)", () => {
  const cases: [string, string[], string, RegExp][] = [
    [
      "negative hours",
      ["--hardware", "T4", "--hours", "-1", "--country", "FR"],
      "out-of-range",
      /^mlco2: --hours: -1 is not allowed; use a number above 0 and at most 87600$/,
    ],
    [
      "non-numeric hours",
      ["--hardware", "T4", "--hours", "ten", "--country", "FR"],
      "not-a-number",
      /^mlco2: --hours: "ten" is not a number/,
    ],
    [
      "absurd hours",
      ["--hardware", "T4", "--hours", "1e9", "--country", "FR"],
      "out-of-range",
      /--hours: 1000000000 is not allowed/,
    ],
    [
      "underflowing hours",
      ["--hardware", "T4", "--hours", "5e-324", "--country", "FR"],
      "out-of-range",
      /--hours: 5e-324 is not allowed; use 0 or at least 0\.000001 \(smaller values underflow\)/,
    ],
    [
      "zero count",
      ["--hardware", "T4", "--count", "0", "--hours", "1", "--country", "FR"],
      "out-of-range",
      /--count: 0 is not allowed; use a whole number from 1/,
    ],
    [
      "unknown hardware",
      ["--hardware", "A100 SMX4 80GB", "--hours", "1", "--country", "FR"],
      "unknown-hardware",
      /--hardware: unknown hardware "A100 SMX4 80GB"; did you mean "NVIDIA A100 SXM4 80GB"/,
    ],
    [
      "unknown region",
      ["--hardware", "T4", "--hours", "1", "--region", "aws:us-east-9"],
      "unknown-region",
      /--region: unknown aws region "us-east-9"; did you mean "us-east-1".*; aws regions: .*us-west-2/,
    ],
    [
      "unknown provider",
      ["--hardware", "T4", "--hours", "1", "--region", "amazn:us-east-1"],
      "unknown-provider",
      /unknown provider "amazn"/,
    ],
    [
      "conflicting locations name both flags",
      ["--hardware", "T4", "--hours", "1", "--region", "aws:us-east-1", "--country", "FR"],
      "conflict",
      /^mlco2: --country: cannot be combined with --region; give only one location$/,
    ],
    [
      "no location",
      ["--hardware", "T4", "--hours", "1"],
      "required",
      /^mlco2: location: give one of --region, --country, --zone or --intensity/,
    ],
    [
      "unknown zone",
      ["--hardware", "T4", "--hours", "1", "--zone", "SE-SE7"],
      "unknown-zone",
      /--zone: unknown grid zone "SE-SE7"; did you mean "SE-SE\d"/,
    ],
    [
      "unknown year",
      ["--hardware", "T4", "--hours", "1", "--zone", "FR", "--year", "2019"],
      "unknown-year",
      /--year: 2019 is not available; use 2021–2025/,
    ],
    [
      "PUE below 1",
      ["--hardware", "T4", "--hours", "1", "--zone", "FR", "--pue", "0.8"],
      "out-of-range",
      /--pue: 0.8 is not allowed/,
    ],
    [
      "unknown format",
      ["--hardware", "T4", "--hours", "1", "--zone", "FR", "--format", "xml"],
      "not-allowed",
      /--format: "xml" is not allowed; use one of text, latex, markdown, model-card, json, csv/,
    ],
    [
      "unknown option",
      ["--hardware", "T4", "--hourz", "1"],
      "commander.unknownOption",
      /unknown option '--hourz'/,
    ],
    [
      "unknown country",
      ["--hardware", "T4", "--hours", "1", "--country", "Frnace"],
      "unknown-country",
      /--country: "Frnace" is not an ISO 3166 alpha-2 or alpha-3 code; did you mean "FR"\?; e\.g\. FR, FRA/,
    ],
  ];
  for (const [name, args, code, pattern] of cases) {
    it(`${name}: ${code}, one line on stderr, exit 2, nothing on stdout`, async () => {
      const r = await cli("estimate", ...args);
      assert.equal(r.exitCode, 2, r.stderr);
      assert.equal(r.code, code);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, `not one line: ${r.stderr}`);
      assert.match(r.stderr.trimEnd(), pattern);
    });
  }

  it("reports every problem it finds, one line each", async () => {
    const r = await cli("estimate", "--hardware", "A100 SMX4", "--hours", "-1", "--zone", "SE-SE7");
    assert.equal(r.exitCode, 2);
    const lines = r.stderr.trimEnd().split("\n");
    assert.deepEqual(
      lines.map((l) => l.split(":")[1]?.trim()),
      ["--hours", "--hardware", "--zone"],
    );
  });
});

describe("mlco2 estimate: bad input in a real process", () => {
  it("exit code 2, one line, no stack trace", () => {
    const r = run("estimate", "--hardware", "T4", "--hours", "-1", "--country", "FR");
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, "mlco2: --hours: -1 is not allowed; use a number above 0 and at most 87600\n");
  });
});

describe("mlco2: strict numbers and flags (issue 11 fuzz cases)", () => {
  const job = ["--hardware", "T4", "--country", "FR"];
  for (const [flag, value] of [
    ["--hours", "0x10"],
    ["--count", "0b11"],
    ["--year", "0x7E8"],
    ["--hours", "0o17"],
    ["--hours", "1_000"],
    ["--hours", "Infinity"],
  ] as const) {
    it(`${flag} ${value} is refused: decimal only`, async () => {
      const args = flag === "--hours" ? [...job, flag, value] : [...job, "--hours", "1", flag, value];
      const r = await cli("estimate", ...args);
      assert.equal(r.exitCode, 2, r.stderr);
      assert.equal(r.code, "not-a-number");
      assert.match(r.stderr, new RegExp(`^mlco2: ${flag}: "${value}" is not a (whole )?number`));
    });
  }

  it("a repeated single-value flag is refused, naming both values", async () => {
    const r = await cli("estimate", ...job, "--hours", "1", "--hours", "2");
    assert.equal(r.exitCode, 2);
    assert.equal(r.code, "repeated");
    assert.equal(r.stderr, 'mlco2: --hours: given 2 times ("1", "2"); give it once\n');
    const eq = await cli("estimate", ...job, "--hours=1", "--hours", "2");
    assert.equal(eq.code, "repeated");
  });

  it("a 100 KB value is cut and control characters escaped in the message", async () => {
    const r = await cli(
      "estimate",
      "--hardware",
      `A100\u001b[31m${"x".repeat(100_000)}`,
      "--hours",
      "1",
      "--country",
      "FR",
    );
    assert.equal(r.exitCode, 2);
    assert.equal(r.code, "unknown-hardware");
    assert.ok(r.stderr.length < 600, `message is ${r.stderr.length} characters`);
    assert.ok(!r.stderr.includes("\u001b"), "raw escape character echoed");
    assert.match(r.stderr, /"A100\\u001b\[31mxxx.*…" \(100,009 characters\)/);
  });
});

describe("mlco2 estimate --units / --unit (in-process)", () => {
  it("text, Markdown and JSON carry the figures per unit", async () => {
    const flags = ["estimate", "--watts", "1000", "--hours", "2", "--intensity", "500", "--pue", "1"];
    const text = await cli(...flags, "--units", "50", "--unit", "requests");
    assert.equal(text.exitCode, 0, text.stderr);
    // 2 kWh, 1 kg over 50 requests: 20 g and 40 Wh each.
    assert.match(text.stdout, /Per unit {3}20 g CO2eq and 40 Wh per request \(50 requests\)/);
    const json = JSON.parse(
      (await cli(...flags, "--units", "50", "--unit", "requests", "--format", "json")).stdout,
    );
    assert.deepEqual(json.perUnit, { unit: "requests", units: 50, energyKWh: 0.04, emissionsKg: 0.02 });
    const markdown = await cli(...flags, "--units", "4e6", "--unit", "tokens", "--format", "markdown");
    assert.match(markdown.stdout, /\*\*Per unit:\*\* 0\.25 g CO₂eq and 0\.5 Wh per 1,000 tokens/);
  });
  it("bad values: one line naming the flag, exit 2", async () => {
    const base = ["estimate", "--watts", "1000", "--hours", "2", "--intensity", "500"];
    const noUnits = await cli(...base, "--unit", "tokens");
    assert.equal(noUnits.exitCode, 2);
    assert.equal(noUnits.code, "required");
    assert.match(noUnits.stderr, /^mlco2: --units: is required with a unit \("tokens"\)/);
    const zero = await cli(...base, "--units", "0");
    assert.equal(zero.exitCode, 2);
    assert.match(zero.stderr, /^mlco2: --units: 0 is not allowed; use a number above 0/);
    const word = await cli(...base, "--units", "many");
    assert.match(word.stderr, /^mlco2: --units: "many" is not a number/);
    const batch = await cli("estimate", "--batch", "runs.csv", "--units", "5");
    assert.equal(batch.exitCode, 2);
    assert.match(batch.stderr, /^mlco2: --units: applies to a single estimate, not to --batch/);
  });
});
