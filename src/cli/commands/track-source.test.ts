// `mlco2 track --source …` end to end (npm run build first): the built CLI around a real child process,
// Electricity Maps answered by the local fake server with its recorded answers moved to this hour, and a
// series file written for this hour.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parseSavedResult } from "../../core/report/saved-result.ts";
import type { EstimateResult } from "../../core/types.ts";
import {
  electricityMapsRoutes,
  type FakeApi,
  fixture,
  redated,
  startFakeApi,
} from "../../plan/sources/fake-api-server.ts";
import { fakeGpuEnv, tempDir } from "../../tracker/fixtures/test-helpers.ts";
import { parseJsonlLog } from "../../tracker/log-jsonl.ts";

const CLI = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
const NODE = process.execPath;
const H = 3_600_000;
const TOKEN = "em-test-token";

const run = (args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
    const child = spawn(NODE, [CLI, ...args], {
      env: {
        ...fakeGpuEnv(null),
        PATH: `${fakeGpuEnv(null).PATH}:${process.env.PATH}`,
        HOME: tempDir(),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let stdout = "";
    child.stderr?.on("data", (d) => {
      stderr += String(d);
    });
    child.stdout?.on("data", (d) => {
      stdout += String(d);
    });
    child.on("close", (code) => resolve({ code, stderr, stdout }));
  });

const summaryOf = (log: string): EstimateResult => {
  const parsed = parseSavedResult(readFileSync(log, "utf8"));
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.value.result;
};

const command = [NODE, "-e", "setTimeout(() => {}, 600)"];

describe("mlco2 track --source electricitymaps (fake server on 127.0.0.1)", {
  skip: !existsSync(CLI),
}, () => {
  let api: FakeApi;
  before(async () => {
    // The recorded answers were taken at 2026-03-02T00:10Z; move them so that this hour is their hour.
    const shift = Math.floor(Date.now() / H) * H - Date.UTC(2026, 2, 2);
    api = await startFakeApi(electricityMapsRoutes(TOKEN, shift));
  });
  after(() => api.close());

  it("asks history and forecast once (not per sample), prices each interval at this hour's reading, labels the factors", async () => {
    const dir = tempDir();
    const log = join(dir, "run.jsonl");
    const before = api.log.length;
    const out = await run(
      [
        "track",
        "--interval",
        "0.1",
        "--zone",
        "DE",
        "--source",
        "electricitymaps",
        "--cache",
        join(dir, "cache"),
        "--log",
        log,
        "--",
        ...command,
      ],
      { ELECTRICITYMAPS_TOKEN: TOKEN, ELECTRICITYMAPS_BASE_URL: api.baseUrl },
    );
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(
      api.log.slice(before).map((r) => r.path),
      ["/v3/carbon-intensity/history", "/v3/carbon-intensity/forecast"],
    );
    const records = parseJsonlLog(readFileSync(log, "utf8")) as { type: string; intensityGPerKWh?: number }[];
    const samples = records.filter((r) => r.type === "sample");
    assert.ok(samples.length >= 3);
    // This hour is the forecast's first reading, 421 g/kWh (history's last is the hour before).
    assert.ok(
      samples.slice(1).every((s) => s.intensityGPerKWh === 421),
      JSON.stringify(samples.map((s) => s.intensityGPerKWh)),
    );
    const result = summaryOf(log);
    assert.ok(Math.abs(result.emissionsKg - (result.facilityEnergyKWh * 421) / 1000) < 1e-15);
    assert.ok(Math.abs(result.intensityGPerKWh - 421) < 1e-9);
    const series = result.factors.filter((f) => f.name.includes("Electricity Maps API"));
    assert.deepEqual(
      series.map((f) => f.name),
      ["grid intensity forecast (DE, Electricity Maps API)"],
    );
    assert.match(series[0]?.note ?? "", /retrieved \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z; readings/);
    assert.equal(series[0]?.kind, "estimated");
    const counterfactual = result.counterfactual;
    assert.ok(counterfactual?.bestWindowKg !== null && counterfactual?.bestWindowKg !== undefined);
    // The lowest reading within ±12 h of this hour in the recorded answers is below 421: a saving.
    assert.ok(counterfactual.bestWindowKg < result.emissionsKg);
    const start = Date.parse(counterfactual.bestWindowStart ?? "");
    assert.ok(Math.abs(start - Date.now()) <= 12 * H + 60_000);
    assert.equal(counterfactual.cleanestRegion, "DE");
    assert.equal(counterfactual.cleanestRegionScope, "country");
    assert.match(out.stderr, /instead starting \S+: .* less/);
  });

  it("an expired token: a loud warning on stderr at once, the yearly figure (never zero), no window", async () => {
    const dir = tempDir();
    const log = join(dir, "run.jsonl");
    const out = await run(
      [
        "track",
        "--interval",
        "0.1",
        "--zone",
        "DE",
        "--source",
        "electricitymaps",
        "--cache",
        join(dir, "cache"),
        "--log",
        log,
        "--",
        ...command,
      ],
      { ELECTRICITYMAPS_TOKEN: "expired", ELECTRICITYMAPS_BASE_URL: api.baseUrl },
    );
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stderr, /^mlco2: WARNING: Electricity Maps refused the credentials \(HTTP 401/m);
    assert.match(
      out.stderr,
      /^mlco2: WARNING: no time-resolved intensity from electricitymaps for DE: intervals are priced at its yearly average/m,
    );
    const result = summaryOf(log);
    const yearly = result.factors.find((f) => f.name === "grid intensity (Germany, DE)");
    assert.ok(yearly !== undefined && yearly.value > 0);
    assert.ok(Math.abs(result.intensityGPerKWh - yearly.value) < 1e-9);
    assert.equal(result.counterfactual?.bestWindowKg, null);
    assert.match(result.counterfactual?.bestWindowNote ?? "", /gave no usable readings/);
    assert.ok(result.warnings.some((w) => w.startsWith("Electricity Maps refused the credentials")));
  });
});

describe("mlco2 track --source watttime (fake server on 127.0.0.1)", { skip: !existsSync(CLI) }, () => {
  const FIVE_MIN = 300_000;
  // Recorded at 2026-03-02T00:10Z: moved so that this 5-minute period is their first forecast period.
  const shift = Math.floor(Date.now() / FIVE_MIN) * FIVE_MIN - Date.UTC(2026, 2, 2, 0, 10);
  const history = redated(fixture("watttime/historical-CAISO_NORTH.json"), shift);
  const forecast = redated(fixture("watttime/forecast-CAISO_NORTH.json"), shift);
  let api: FakeApi;
  before(async () => {
    const basic = `Basic ${Buffer.from("ml:secret").toString("base64")}`;
    api = await startFakeApi({
      "/login": (r) =>
        r.headers.authorization === basic
          ? { status: 200, body: { token: "t1" } }
          : { status: 403, body: {} },
      "/v3/forecast": (r) =>
        r.headers.authorization === "Bearer t1" ? { status: 200, body: forecast } : { status: 401, body: {} },
      "/v3/historical": (r) =>
        r.headers.authorization === "Bearer t1" ? { status: 200, body: history } : { status: 401, body: {} },
    });
  });
  after(() => api.close());

  it("the marginal signal of the WattTime region, lbs/MWh in g/kWh, each interval at its 5-minute period", async () => {
    const dir = tempDir();
    const log = join(dir, "run.jsonl");
    const out = await run(
      [
        "track",
        "--interval",
        "0.1",
        "--zone",
        "US-CAL-CISO",
        "--source",
        "watttime",
        "--series-zone",
        "CAISO_NORTH",
        "--cache",
        join(dir, "cache"),
        "--log",
        log,
        "--",
        ...command,
      ],
      { WATTTIME_USER: "ml", WATTTIME_PASSWORD: "secret", WATTTIME_BASE_URL: api.baseUrl },
    );
    assert.equal(out.code, 0, out.stderr);
    // Readings by period start, history first (as the source joins them), in g/kWh: 1 lb = 453.59237 g.
    const byPeriod = new Map<number, number>();
    for (const body of [forecast, history] as { data: { point_time: string; value: number }[] }[])
      for (const p of body.data) byPeriod.set(Date.parse(p.point_time), p.value * 0.45359237);
    const records = parseJsonlLog(readFileSync(log, "utf8")) as {
      type: string;
      time?: string;
      intervalS?: number;
      intensityGPerKWh?: number;
    }[];
    const samples = records.filter((r) => r.type === "sample").slice(1);
    assert.ok(samples.length >= 3);
    for (const sample of samples) {
      const mid = Date.parse(sample.time ?? "") - (sample.intervalS ?? 0) * 500;
      assert.equal(sample.intensityGPerKWh, byPeriod.get(Math.floor(mid / FIVE_MIN) * FIVE_MIN), sample.time);
    }
    assert.deepEqual(
      api.log.map((r) => r.path),
      ["/login", "/v3/historical", "/v3/forecast"],
    );
    const result = summaryOf(log);
    assert.match(result.factors.at(-1)?.note ?? "", /marginal \(MOER\)/);
    // History reaches back 6 h 10 min only: the window search says it covered less than −12 h.
    assert.match(
      result.counterfactual?.bestWindowNote ?? "",
      /marginal \(MOER\) readings; the readings .* cover starts from -6\.\d+ h to \+12 h only/,
    );
  });
});

/** A series file around this hour: 500 g/kWh, except 100 g/kWh five hours from now. */
const seriesFile = (dir: string): { path: string; valleyMs: number } => {
  const hour = Math.floor(Date.now() / H) * H;
  const lines = ["datetime,zone,carbon_intensity"];
  for (let h = -14; h <= 14; h++) {
    const at = new Date(hour + h * H).toISOString().replace(".000Z", "Z");
    lines.push(`${at},DE,${h === 5 ? 100 : 500}`);
  }
  const path = join(dir, "de-now.csv");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return { path, valleyMs: hour + 5 * H };
};

describe("mlco2 track --source file", { skip: !existsSync(CLI) }, () => {
  it("the run at 500 g/kWh, the best window in the 100 g/kWh hour: 80 % less, in the summary and the Markdown report", async () => {
    const dir = tempDir();
    const log = join(dir, "run.jsonl");
    const { path, valleyMs } = seriesFile(dir);
    const out = await run([
      "track",
      "--interval",
      "0.1",
      "--zone",
      "DE",
      "--series",
      path,
      "--log",
      log,
      "--",
      ...command,
    ]);
    assert.equal(out.code, 0, out.stderr);
    const result = summaryOf(log);
    assert.ok(Math.abs(result.emissionsKg - (result.facilityEnergyKWh * 500) / 1000) < 1e-15);
    const c = result.counterfactual;
    assert.ok(c !== null && c !== undefined && c.bestWindowKg !== null);
    // The same energy in the 100 g/kWh hour: a fifth.
    assert.ok(Math.abs(c.bestWindowKg - (result.facilityEnergyKWh * 100) / 1000) < 1e-15);
    // The smallest move that puts every minute of the run in that hour starts the run at its first minute.
    const start = Date.parse(c.bestWindowStart ?? "");
    assert.ok(start >= valleyMs && start < valleyMs + 60_000, c.bestWindowStart ?? "");
    assert.match(out.stderr, /instead starting \S+: .*\(80 %\) less/);
    const report = await run(["report", log, "--format", "markdown"]);
    assert.equal(report.code, 0, report.stderr);
    assert.match(
      report.stdout,
      /Started at the cleanest time within 12 hours of its actual start \(\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\), the same energy would have emitted .* CO₂eq \(80 % less\); it already ran in the cleanest grid zone of its country\./,
    );
  });

  it("bad source options exit 2 with one line, and the command does not run", async () => {
    const dir = tempDir();
    const marker = join(dir, "ran");
    const touch = [NODE, "-e", `require("fs").writeFileSync(${JSON.stringify(marker)}, "")`];
    const { path } = seriesFile(dir);
    const cases: [string[], RegExp][] = [
      [
        ["--zone", "DE", "--source", "electricitymaps"],
        /^mlco2: --source: electricitymaps needs an API token in ELECTRICITYMAPS_TOKEN$/,
      ],
      [["--zone", "DE", "--source", "file"], /^mlco2: --series: required with --source file/],
      [
        ["--zone", "DE", "--series", join(dir, "missing.csv")],
        /^mlco2: --series: cannot read .*missing\.csv \(no such file\)$/,
      ],
      [["--zone", "FR", "--series", path], /^mlco2: --series: zone FR is not in the file, which has DE/],
      [
        ["--intensity", "100", "--series", path],
        /^mlco2: --source: give one of --zone, --region or --country too: file gives .* not of an explicit intensity$/,
      ],
      [
        ["--series", path],
        /^mlco2: --source: give one of --zone, --region or --country too: file gives the intensity of a grid zone$/,
      ],
      [["--zone", "DE", "--source", "sun"], /^mlco2: --source: /],
      [["--zone", "DE", "--series-zone", "X"], /^mlco2: --series-zone: applies with --source/],
    ];
    for (const [args, message] of cases) {
      const out = await run(["track", "--no-log", ...args, "--", ...touch]);
      assert.equal(out.code, 2, `${args.join(" ")}: ${out.stderr}`);
      assert.equal(out.stderr.trim().split("\n").length, 1, out.stderr);
      assert.match(out.stderr.trim(), message);
      assert.equal(existsSync(marker), false, `${args.join(" ")} ran the command`);
    }
  });
});
