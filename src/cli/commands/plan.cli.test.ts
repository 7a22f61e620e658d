// `mlco2 plan` through the in-process seam runCli(argv, io), and once as a real child process.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { tryEstimate } from "../../index.ts";
import { electricityMapsRoutes, type FakeApi, startFakeApi } from "../../plan/sources/fake-api-server.ts";
import { runCli } from "../program.ts";

const DE_2024 = fileURLToPath(new URL("../../plan/fixtures/de-2024.csv", import.meta.url));
const NOW = new Date(Date.UTC(2026, 2, 2, 0, 10));

const cli = async (argv: string[], env: Record<string, string> = {}) => {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env,
    now: () => NOW,
  });
  return { code, stdout, stderr };
};

const job = ["--hardware", "H100 SXM", "--count", "8", "--hours", "6"];

describe("mlco2 plan with a file", () => {
  it("prints the best start of the year with its saving (the issue's example)", async () => {
    const r = await cli(["plan", ...job, "--zone", "DE", "--series", DE_2024]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Best start: 2024-\d\d-\d\d \d\d:00Z, ends/);
    assert.match(r.stdout, /the best start saves [\d.]+ kg \([\d.]+ %\)/);
    assert.match(r.stdout, /what-if on past data/);
    assert.match(r.stdout, /DE intensity, g\/kWh/);
  });

  it("--format json: the contract fields, equal to an independent scan of the file", async () => {
    const r = await cli(["plan", ...job, "--zone", "DE", "--series", DE_2024, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    for (const key of ["bestStart", "emissionsKg", "nowEmissionsKg", "savingKg", "factors", "warnings"])
      assert.ok(key in json, key);
    assert.equal(json.bestRegion, undefined, "one location: no region compared");
    // Independent check: naive 6-hour sums over the file's rows.
    const rows = readFileSync(DE_2024, "utf8")
      .split("\n")
      .filter((l) => /^\d/.test(l))
      .map((l) => Number(l.split(",")[2]));
    let best = Number.POSITIVE_INFINITY;
    let bestAt = -1;
    for (let i = 0; i + 6 <= rows.length; i++) {
      const sum = rows.slice(i, i + 6).reduce((a, b) => a + b, 0);
      if (sum < best) {
        best = sum;
        bestAt = i;
      }
    }
    const estimate = tryEstimate({ hardware: "H100 SXM", count: 8, hours: 6, zone: "DE" });
    assert.ok(estimate.ok);
    const kw = estimate.value.facilityEnergyKWh / 6;
    assert.ok(Math.abs(json.emissionsKg - (kw * best) / 1000) < 1e-9);
    assert.equal(
      json.bestStart,
      new Date(Date.UTC(2024, 0, 1) + bestAt * 3_600_000).toISOString().replace(".000Z", "Z"),
    );
    const first = rows.slice(0, 6).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(json.nowEmissionsKg - (kw * first) / 1000) < 1e-9);
    assert.ok(Math.abs(json.savingKg - (json.nowEmissionsKg - json.emissionsKg)) < 1e-9);
    const series = json.factors.find((f: { name: string }) => f.name.startsWith("grid intensity series"));
    assert.equal(series.kind, "user");
    assert.equal(series.year, 2024);
  });

  it("a window inside the file: 6.5 h job, half-hour precision", async () => {
    const r = await cli([
      "plan",
      ...job.slice(0, 4),
      "--hours",
      "6.5",
      "--zone",
      "DE",
      "--series",
      DE_2024,
      "--earliest",
      "2024-06-01T00:00:00Z",
      "--deadline",
      "+48h",
      "--format",
      "json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.window.deadline, "2024-06-03T00:00:00Z");
    assert.equal(json.hours, 6.5);
    assert.match(json.bestStart, /^2024-06-0[12]T\d\d:(00|30):00Z$/);
    assert.ok(json.emissionsKg <= json.nowEmissionsKg);
  });

  it("data that starts after the earliest start is measured from its first reading, with a warning", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mlco2-plan-"));
    const file = join(dir, "late.csv");
    writeFileSync(
      file,
      "datetime,zone,carbon_intensity\n2026-03-02T03:00:00Z,DE,300\n2026-03-02T04:00:00Z,DE,100\n2026-03-02T05:00:00Z,DE,200\n",
    );
    try {
      const r = await cli([
        "plan",
        "--watts",
        "1000",
        "--hours",
        "1",
        "--zone",
        "DE",
        "--pue",
        "1",
        "--series",
        file,
        "--format",
        "json",
      ]);
      assert.equal(r.code, 0, r.stderr);
      const json = JSON.parse(r.stdout);
      assert.equal(json.nowStart, "2026-03-02T03:00:00Z");
      assert.equal(json.bestStart, "2026-03-02T04:00:00Z");
      assert.equal(json.emissionsKg, 0.1); // 1 kW × 1 h × 100 g/kWh, PUE 1
      assert.match(json.warnings.join(" "), /cannot be assessed \(its data starts 2026-03-02T03:00:00Z\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("mlco2 plan: bad input is one line naming the flag, exit 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "mlco2-plan-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const cases: [string, string[], RegExp][] = [
    [
      "hours not a number",
      ["plan", "--hardware", "H100 SXM", "--hours", "abc", "--zone", "DE"],
      /^mlco2: --hours: "abc" is not a number/,
    ],
    ["no hours", ["plan", "--hardware", "H100 SXM", "--zone", "DE"], /^mlco2: --hours: required/],
    ["no location", ["plan", ...job], /^mlco2: --zone: required; give --zone, --region or --regions/],
    [
      "two locations",
      ["plan", ...job, "--zone", "DE", "--region", "aws:eu-central-1"],
      /^mlco2: --region: cannot be combined with --zone/,
    ],
    [
      "time without zone",
      ["plan", ...job, "--zone", "DE", "--earliest", "2026-03-02T08:00"],
      /^mlco2: --earliest: "2026-03-02T08:00" is not a time \(add Z or an offset/,
    ],
    [
      "deadline too soon",
      ["plan", ...job, "--zone", "DE", "--earliest", "2026-03-02T08:00Z", "--deadline", "+2h"],
      /^mlco2: --deadline: .* leaves less than the 6 h job/,
    ],
    [
      "unknown source",
      ["plan", ...job, "--zone", "DE", "--source", "electricitymap"],
      /^mlco2: --source: "electricitymap" is not allowed \(did you mean electricitymaps\?\)/,
    ],
    [
      "regions match nothing",
      ["plan", ...job, "--regions", "aws:mars-*"],
      /^mlco2: --regions: "aws:mars-\*" matches no region/,
    ],
    [
      "missing file",
      ["plan", ...job, "--zone", "DE", "--series", "/nonexistent/x.csv"],
      /^mlco2: --series: cannot read \/nonexistent\/x.csv \(no such file\)/,
    ],
    [
      "zone not in file",
      ["plan", ...job, "--zone", "FR", "--series", DE_2024],
      /^mlco2: --series: zone FR is not in the file, which has DE/,
    ],
    [
      "missing token",
      ["plan", ...job, "--zone", "DE", "--source", "electricitymaps"],
      /^mlco2: --source: electricitymaps needs an API token in ELECTRICITYMAPS_TOKEN/,
    ],
    [
      "series with another source",
      ["plan", ...job, "--zone", "DE", "--source", "none", "--series", DE_2024],
      /^mlco2: --series: applies to --source file only/,
    ],
    [
      "watttime with several regions",
      ["plan", ...job, "--regions", "aws:eu-*", "--source", "watttime"],
      /^mlco2: --source: watttime plans one location at a time/,
    ],
  ];
  for (const [name, argv, expected] of cases) {
    it(name, async () => {
      const r = await cli(argv);
      assert.equal(r.code, 2, r.stdout);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, expected);
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
    });
  }
  const seriesCases: [string, string, RegExp][] = [
    [
      "conflicting duplicates",
      "datetime,zone,carbon_intensity\n2026-03-02T00:00Z,DE,300\n2026-03-02T01:00Z,DE,200\n2026-03-02T01:00Z,DE,250\n",
      /^mlco2: --series: zone DE has two values for 2026-03-02T01:00:00Z: 200 \(line 3\) and 250 \(line 4\)/,
    ],
    [
      "kg/kWh written as g/kWh",
      "datetime,zone,carbon_intensity\n2026-03-02T00:00Z,DE,0.3\n2026-03-02T01:00Z,DE,0.2\n",
      /^mlco2: --series: zone DE: every value is under 5 g\/kWh/,
    ],
    [
      "irregular spacing",
      "datetime,zone,carbon_intensity\n2026-03-02T00:00Z,DE,300\n2026-03-02T01:00Z,DE,300\n2026-03-02T02:00Z,DE,300\n2026-03-02T02:20Z,DE,300\n2026-03-02T03:00Z,DE,300\n",
      /^mlco2: --series: zone DE: line 5 .* is not a whole number of 1 h periods/,
    ],
    [
      "past-only data with a window",
      "datetime,zone,carbon_intensity\n2020-01-01T00:00Z,DE,300\n2020-01-01T01:00Z,DE,300\n",
      /^mlco2: --series: DE: the DE series covers 2020-01-01T00:00:00Z – 2020-01-01T02:00:00Z, and no start/,
    ],
  ];
  for (const [name, text, expected] of seriesCases) {
    it(name, async () => {
      const path = file(`${name.replace(/\W+/g, "-")}.csv`, text);
      const argv = ["plan", ...job, "--zone", "DE", "--series", path];
      if (name.startsWith("past-only")) argv.push("--earliest", "now");
      const r = await cli(argv);
      assert.equal(r.code, 2, r.stdout);
      assert.match(r.stderr, expected);
    });
  }
  it("unsorted rows and gaps are accepted and said", async () => {
    const path = file(
      "unsorted.csv",
      "datetime,zone,carbon_intensity\n2026-03-02T02:00Z,DE,100\n2026-03-02T00:00Z,DE,300\n2026-03-02T01:00Z,DE,200\n2026-03-02T05:00Z,DE,50\n2026-03-02T06:00Z,DE,50\n",
    );
    const r = await cli([
      "plan",
      "--watts",
      "500",
      "--hours",
      "2",
      "--zone",
      "DE",
      "--series",
      path,
      "--format",
      "json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.bestStart, "2026-03-02T05:00:00Z"); // 50 + 50, the gap 03–05 is never priced
    assert.match(json.warnings.join(" "), /sorted/);
    assert.match(json.warnings.join(" "), /2 missing 1 h period/);
  });
});

describe("mlco2 plan against the fake Electricity Maps server", () => {
  let api: FakeApi;
  let cacheDir: string;
  before(async () => {
    api = await startFakeApi(electricityMapsRoutes("tok"));
    cacheDir = mkdtempSync(join(tmpdir(), "mlco2-cache-"));
  });
  after(async () => {
    await api.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it("plans over history + forecast with labelled factors", async () => {
    const env = { ELECTRICITYMAPS_TOKEN: "tok", ELECTRICITYMAPS_BASE_URL: api.baseUrl };
    const r = await cli(
      [
        "plan",
        ...job,
        "--zone",
        "DE",
        "--source",
        "electricitymaps",
        "--cache",
        cacheDir,
        "--format",
        "json",
      ],
      env,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    const json = JSON.parse(r.stdout);
    assert.equal(json.timeResolved, true);
    assert.equal(json.source, "electricitymaps");
    assert.equal(json.window.earliest, "2026-03-02T00:10:00Z");
    const factors = json.factors.filter((f: { name: string }) => f.name.includes("Electricity Maps API"));
    assert.deepEqual(
      factors.map((f: { kind: string; retrievedAt: string }) => [f.kind, f.retrievedAt]),
      [
        ["published", "2026-03-02T00:10:00Z"],
        ["estimated", "2026-03-02T00:10:00Z"],
      ],
    );
    assert.ok(json.savingKg >= 0);
  });

  it("an expired token: a loud warning on stderr and the yearly figure, never a zero", async () => {
    const env = { ELECTRICITYMAPS_TOKEN: "expired", ELECTRICITYMAPS_BASE_URL: api.baseUrl };
    const r = await cli(
      [
        "plan",
        ...job,
        "--zone",
        "DE",
        "--source",
        "electricitymaps",
        "--cache",
        join(cacheDir, "other"),
        "--format",
        "json",
      ],
      env,
    );
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^mlco2: WARNING: Electricity Maps refused the credentials \(HTTP 401/m);
    assert.match(r.stderr, /yearly average is used/);
    const json = JSON.parse(r.stdout);
    assert.equal(json.timeResolved, false);
    assert.ok(json.emissionsKg > 0);
    assert.equal(json.meanIntensityGPerKWh, json.locations[0].yearlyIntensityGPerKWh);
  });

  it("--source none and files never touch the network", async () => {
    const before = api.log.length;
    const env = {
      ELECTRICITYMAPS_TOKEN: "tok",
      ELECTRICITYMAPS_BASE_URL: api.baseUrl,
      WATTTIME_BASE_URL: api.baseUrl,
    };
    assert.equal((await cli(["plan", ...job, "--regions", "gcp:europe-*"], env)).code, 0);
    assert.equal((await cli(["plan", ...job, "--zone", "DE", "--series", DE_2024], env)).code, 0);
    assert.equal(api.log.length, before);
  });
});

describe("mlco2 plan, yearly data only", () => {
  it("compares regions and says that the start time does not matter", async () => {
    const r = await cli(["plan", ...job, "--regions", "aws:eu-*,gcp:europe-*", "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.timeResolved, false);
    assert.equal(typeof json.bestRegion, "string");
    assert.equal(json.savingKg, 0);
    const sorted = [...json.locations].sort(
      (a: { emissionsKg: number }, b: { emissionsKg: number }) => a.emissionsKg - b.emissionsKg,
    );
    assert.equal(sorted[0].id, json.bestRegion);
    const text = await cli(["plan", ...job, "--region", "aws:eu-central-1"]);
    assert.match(
      text.stdout,
      /Only yearly averages are available: the start time does not change the estimate; only regions are compared/,
    );
  });
});

describe("mlco2 plan as a real process", () => {
  it("exits 0 with JSON on stdout, and 2 with one line on bad input", () => {
    const bin = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
    const ok = spawnSync(
      process.execPath,
      [bin, "plan", ...job, "--zone", "DE", "--series", DE_2024, "--format", "json"],
      { encoding: "utf8" },
    );
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(JSON.parse(ok.stdout).bestStart, /^2024-/);
    const bad = spawnSync(process.execPath, [bin, "plan", ...job, "--zone", "DE", "--deadline", "tomorrow"], {
      encoding: "utf8",
    });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^mlco2: --deadline: "tomorrow" is not a time/);
  });
});
