// The "when" view's plan in Node: the same answer as `mlco2 plan --series … --format json` (run in
// process), every problem tied to its input, and the chart's columns.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "../../../src/cli/program.ts";
import type { EstimateInput, EstimateResult } from "../../../src/core/types.ts";
import { tryEstimate } from "../../../src/index.ts";
import { chartDataOf } from "./chart-data.ts";
import { planWhen, readSeries, type WhenInput } from "./when-plan.ts";

const DE_2024 = fileURLToPath(new URL("../../../src/plan/fixtures/de-2024.csv", import.meta.url));
const DE_TEXT = readFileSync(DE_2024, "utf8");
const NOW_MS = Date.UTC(2026, 2, 2);

const estimate = (input: EstimateInput): EstimateResult => {
  const out = tryEstimate(input);
  if (!out.ok) return assert.fail(out.problems[0].message);
  return out.value;
};
const H100_DE = estimate({ hardware: "H100 SXM", count: 8, hours: 6, zone: "DE" });

const cliPlan = async (argv: string[]) => {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["plan", ...argv, "--format", "json"], {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: {},
    now: () => new Date(NOW_MS),
  });
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout) as Record<string, unknown>;
};

const when = (text: string, patch: Partial<WhenInput> = {}, result = H100_DE) => {
  const input: WhenInput = {
    text,
    sourceLabel: "de-2024.csv",
    zone: "",
    earliest: "",
    deadline: "",
    nowMs: NOW_MS,
    ...patch,
  };
  return planWhen(readSeries(input.text, input.sourceLabel), input, result);
};

const close = (a: number, b: unknown, what: string) =>
  assert.ok(Math.abs(a - Number(b)) <= 1e-9 * Math.abs(a), `${what}: ${a} vs ${String(b)}`);

describe("planWhen", () => {
  it("gives what `mlco2 plan --series` gives for the same job over the whole file", async () => {
    const cli = await cliPlan([
      "--hardware",
      "H100 SXM",
      "--count",
      "8",
      "--hours",
      "6",
      "--zone",
      "DE",
      "--series",
      DE_2024,
    ]);
    const state = when(DE_TEXT);
    const planned = state.planned;
    assert.ok(planned !== null, JSON.stringify(state.problems));
    assert.equal(new Date(planned.location.best.startMs).toISOString().replace(".000", ""), cli.bestStart);
    close(planned.plan.emissionsKg, cli.emissionsKg, "emissionsKg");
    close(planned.plan.nowEmissionsKg, cli.nowEmissionsKg, "nowEmissionsKg");
    close(planned.plan.savingKg, cli.savingKg, "savingKg");
    close(planned.plan.worstEmissionsKg, cli.worstEmissionsKg, "worstEmissionsKg");
    assert.equal(state.format, "csv");
    assert.deepEqual(state.zones, ["DE"]);
    assert.match(planned.warnings.join(" "), /before now: this is a what-if on past data/);
    const intensity = planned.factors.at(-1);
    assert.equal(intensity?.kind, "user");
    assert.match(intensity?.note ?? "", /from de-2024\.csv, read in this browser and sent nowhere$/);
  });

  it("and within a typed window (ISO with an offset, +Nh)", async () => {
    const cli = await cliPlan([
      "--hardware",
      "H100 SXM",
      "--count",
      "8",
      "--hours",
      "6",
      "--zone",
      "DE",
      "--series",
      DE_2024,
      "--earliest",
      "2024-06-01T02:00:00+02:00",
      "--deadline",
      "+72h",
    ]);
    const planned = when(DE_TEXT, { earliest: "2024-06-01T02:00:00+02:00", deadline: "+72h" }).planned;
    assert.ok(planned !== null);
    assert.equal(planned.earliestMs, Date.UTC(2024, 5, 1));
    assert.equal(planned.deadlineMs, Date.UTC(2024, 5, 4));
    assert.equal(new Date(planned.location.best.startMs).toISOString().replace(".000", ""), cli.bestStart);
    close(planned.plan.savingKg, cli.savingKg, "savingKg");
  });

  it("takes the job's power from the calculator's result: half the devices, half the emissions", () => {
    const full = when(DE_TEXT).planned;
    const half = when(
      DE_TEXT,
      {},
      estimate({ hardware: "H100 SXM", count: 4, hours: 6, zone: "DE" }),
    ).planned;
    assert.ok(full !== null && half !== null);
    close(half.plan.emissionsKg * 2, full.plan.emissionsKg, "emissions");
    assert.equal(half.location.best.startMs, full.location.best.startMs);
  });

  it("ties every problem to its input with the planning code's message, and gives no plan", () => {
    const dup = when("datetime,zone,carbon_intensity\n2024-01-01T00:00Z,DE,300\n2024-01-01T00:00Z,DE,310\n");
    assert.equal(dup.problems.series?.code, "duplicate-point");
    assert.equal(dup.planned, null);
    const kg = when("datetime,zone,carbon_intensity\n2024-01-01T00:00Z,DE,0.3\n2024-01-01T01:00Z,DE,0.2\n");
    assert.equal(kg.problems.series?.code, "implausible-unit");
    const high = when(
      "datetime,zone,carbon_intensity\n2024-01-01T00:00Z,DE,300\n2024-01-01T01:00Z,DE,2500\n",
    );
    assert.equal(high.problems.series?.code, "bad-value");
    const notJson = when("{oops");
    assert.equal(notJson.problems.series?.code, "bad-series");
    const badTime = when(DE_TEXT, { earliest: "2024-06-01 08:00" });
    assert.equal(badTime.problems.earliest?.code, "bad-time");
    assert.match(badTime.problems.earliest?.message ?? "", /add Z or an offset/);
    assert.equal(badTime.planned, null);
    const outside = when(DE_TEXT, { earliest: "2030-01-01T00:00Z", deadline: "+24h" });
    assert.equal(outside.problems.deadline?.code, "no-data-in-window");
    const short = when(DE_TEXT, { earliest: "2024-06-01T00:00Z", deadline: "+2h" });
    assert.equal(short.problems.deadline?.code, "bad-window");
    const shortWindow = when(
      "datetime,zone,carbon_intensity\n2024-01-01T00:00Z,DE,300\n2024-01-01T01:00Z,DE,200\n",
    );
    assert.equal(shortWindow.problems.deadline?.code, "bad-window", "a 2 h file for a 6 h job");
    assert.deepEqual(when("  \n"), {
      format: null,
      zones: [],
      zone: null,
      defaults: null,
      problems: {},
      planned: null,
    });
  });

  it("repairs what it may and says so: unsorted rows, repeated rows, gaps", () => {
    const rows = ["datetime,zone,carbon_intensity"];
    for (let h = 0; h < 12; h++) {
      if (h === 5) continue; // a gap
      rows.push(`2024-01-01T${String(h).padStart(2, "0")}:00Z,DE,${h === 9 ? 100 : 300 + h}`);
    }
    rows.push(rows[3] as string); // a repeated row, same value
    [rows[1], rows[2]] = [rows[2] as string, rows[1] as string]; // unsorted
    const job = estimate({ hardware: "H100 SXM", count: 8, hours: 2, zone: "DE" });
    const state = when(rows.join("\n"), {}, job);
    assert.ok(state.planned !== null, JSON.stringify(state.problems));
    const text = state.planned.warnings.join(" ");
    assert.match(text, /not in time order; they were sorted/);
    assert.match(text, /1 repeated row\(s\)/);
    assert.match(text, /1 missing 1 h period/);
    // Hour 9 is the cleanest; no window across the gap at 05:00 is priced.
    assert.equal(state.planned.location.best.startMs, Date.UTC(2024, 0, 1, 8));
  });

  it("plans the calculator's zone in a file of several, or the one picked, and says when they differ", () => {
    const rows = ["datetime,zone,carbon_intensity"];
    for (let h = 0; h < 10; h++) {
      const t = `2024-01-01T${String(h).padStart(2, "0")}:00Z`;
      rows.push(`${t},FR,${40 + h}`, `${t},DE,${300 - h}`);
    }
    const text = rows.join("\n");
    const job = estimate({ hardware: "H100 SXM", count: 8, hours: 2, zone: "DE" });
    const auto = when(text, {}, job);
    assert.deepEqual(auto.zones, ["FR", "DE"]);
    assert.equal(auto.zone, "DE");
    assert.equal(auto.planned?.location.best.startMs, Date.UTC(2024, 0, 1, 8));
    assert.doesNotMatch(auto.planned?.warnings.join(" ") ?? "", /The series is for/);
    const fr = when(text, { zone: "FR" }, job);
    assert.equal(fr.zone, "FR");
    assert.equal(fr.planned?.location.best.startMs, Date.UTC(2024, 0, 1, 0));
    assert.match(fr.planned?.warnings.join(" ") ?? "", /The series is for FR; the calculator's location is/);
  });

  it("reads WattTime and Electricity Maps JSON as the CLI does", () => {
    const fixture = (name: string) =>
      readFileSync(new URL(`../../../src/plan/sources/fixtures/${name}`, import.meta.url), "utf8");
    const job = estimate({ hardware: "H100 SXM", count: 1, hours: 1, zone: "DE" });
    const em = when(fixture("electricitymaps/history-DE.json"), {}, job);
    assert.equal(em.format, "electricitymaps-json");
    assert.ok(em.planned !== null);
    const wt = when(fixture("watttime/forecast-CAISO_NORTH.json"), {}, job);
    assert.equal(wt.format, "watttime-json");
    assert.equal(wt.planned?.location.signal, "marginal");
  });
});

describe("chartDataOf", () => {
  const series = {
    zone: "DE",
    startMs: Date.UTC(2024, 0, 1),
    stepMs: 3_600_000,
    values: Float64Array.from([300, Number.NaN, 200, 250]),
    signal: "average" as const,
    factors: [],
    warnings: [],
  };
  it("draws each period as a step, gaps as null, with a closing point", () => {
    const data = chartDataOf(series, series.startMs, series.startMs + 4 * 3_600_000);
    const s = series.startMs / 1000;
    assert.deepEqual(data.columns, [
      [s, s + 3600, s + 7200, s + 10_800, s + 14_400],
      [300, null, 200, 250, 250],
    ]);
    assert.equal(data.lowGPerKWh, 200);
    assert.equal(data.highGPerKWh, 300);
    assert.equal(data.gaps, 1);
  });
  it("clips to the window, starting mid-period", () => {
    const from = series.startMs + 5_400_000; // 01:30
    const data = chartDataOf(series, from, series.startMs + 3 * 3_600_000);
    assert.deepEqual(data.columns[0], [
      from / 1000,
      (series.startMs + 7_200_000) / 1000,
      (series.startMs + 10_800_000) / 1000,
    ]);
    assert.deepEqual(data.columns[1], [null, 200, 200]);
  });
});
