import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Factor } from "../core/types.ts";
import { renderIntensityChart } from "./chart.ts";
import { type PlanLocation, planJob } from "./plan-core.ts";
import { planWindow } from "./plan-window.ts";
import type { IntensitySeries } from "./series.ts";
import { MS_PER_HOUR } from "./time.ts";

const T0 = Date.UTC(2026, 2, 2);
const H = MS_PER_HOUR;
const yearlyFactor: Factor = {
  name: "grid intensity",
  value: 0,
  unit: "g/kWh",
  kind: "published",
  source: null,
  year: 2024,
};
const series = (
  zone: string,
  values: number[],
  startMs = T0,
  signal: "average" | "marginal" = "average",
): IntensitySeries => ({
  zone,
  startMs,
  stepMs: H,
  values: Float64Array.from(values),
  signal,
  factors: [],
  warnings: [],
});
const place = (id: string, kw: number, s: IntensitySeries | null, yearly = 300): PlanLocation => ({
  id,
  label: id,
  zone: id,
  facilityPowerKW: kw,
  series: s,
  yearlyGPerKWh: yearly,
  yearlyFactor,
});

describe("planJob", () => {
  it("prices best, now and worst for one zone by hand", () => {
    // 10 kW for 2 h; hours 400, 300, 100, 100, 500: now (00:00) = 700 g·h/kWh → 7 kg, best 02:00 = 200 → 2 kg.
    const out = planJob({
      locations: [place("DE", 10, series("DE", [400, 300, 100, 100, 500]))],
      durationH: 2,
      earliestMs: T0,
      deadlineMs: T0 + 5 * H,
    });
    assert.ok(out.ok);
    const plan = out.value;
    assert.equal(plan.locations[0]?.best.startMs, T0 + 2 * H);
    assert.equal(plan.emissionsKg, 2);
    assert.equal(plan.nowEmissionsKg, 7);
    assert.equal(plan.savingKg, 5);
    assert.equal(plan.worstEmissionsKg, 7); // 00:00 = 700 beats 03:00 = 100 + 500 = 600
    assert.equal(plan.locations[0]?.best.meanGPerKWh, 100);
  });

  it("compares regions: power (PUE) and intensity both count", () => {
    // A: 10 kW, cleanest hour 100 → 1 kg for 1 h; B: 5 kW, cleanest 150 → 0.75 kg: B wins.
    const out = planJob({
      locations: [place("A", 10, series("A", [300, 100])), place("B", 5, series("B", [150, 600]))],
      durationH: 1,
      earliestMs: T0,
      deadlineMs: T0 + 2 * H,
    });
    assert.ok(out.ok);
    assert.equal(out.value.bestIndex, 1);
    assert.equal(out.value.emissionsKg, 0.75);
    assert.equal(out.value.nowEmissionsKg, 0.75); // B at 00:00 is its best too
    assert.equal(out.value.worstIndex, 0);
    assert.equal(out.value.worstEmissionsKg, 3);
    assert.equal(out.value.savingVsWorstKg, 2.25);
  });

  it("with yearly figures only, the start changes nothing and only regions differ", () => {
    const out = planJob({
      locations: [place("A", 10, null, 400), place("B", 10, null, 50)],
      durationH: 3,
      earliestMs: T0,
      deadlineMs: T0 + 30 * H,
    });
    assert.ok(out.ok);
    assert.equal(out.value.timeResolved, false);
    assert.equal(out.value.emissionsKg, 1.5);
    assert.equal(out.value.savingKg, 0);
    assert.equal(out.value.worstEmissionsKg, 12);
    assert.equal(out.value.locations[1]?.best.startMs, T0);
  });

  it("data that starts after the earliest allowed start: measured against the first start with data, loudly", () => {
    const out = planJob({
      locations: [place("DE", 1, series("DE", [200, 100, 300], T0 + 2 * H))],
      durationH: 1,
      earliestMs: T0,
      deadlineMs: T0 + 10 * H,
    });
    assert.ok(out.ok);
    assert.equal(out.value.locations[0]?.first.startMs, T0 + 2 * H);
    assert.match(out.value.warnings.join(), /cannot be assessed \(its data starts 2026-03-02T02:00:00Z\)/);
  });

  it("refuses a window without data, and warns when unlike figures are compared", () => {
    const none = planJob({
      locations: [place("DE", 1, series("DE", [200, 100], T0 - 48 * H))],
      durationH: 1,
      earliestMs: T0,
      deadlineMs: T0 + 5 * H,
    });
    assert.equal(none.ok ? null : none.problems[0].code, "no-data-in-window");
    const mixed = planJob({
      locations: [place("A", 1, series("A", [100, 100], T0, "marginal")), place("B", 1, null)],
      durationH: 1,
      earliestMs: T0,
      deadlineMs: T0 + 2 * H,
    });
    assert.ok(mixed.ok);
    assert.match(mixed.value.warnings.join(" "), /Only yearly averages for B/);
    assert.match(mixed.value.warnings.join(" "), /Marginal \(WattTime MOER\) and average/);
  });
});

describe("planWindow", () => {
  const now = T0 + 30 * 60_000;
  it("defaults: earliest now, deadline earliest + job + 24 h", () => {
    const out = planWindow({ nowMs: now, durationMs: 6 * H });
    assert.ok(out.ok);
    assert.equal(out.value.earliestMs, now);
    assert.equal(out.value.deadlineMs, now + 30 * H);
  });
  it("past data without bounds: a what-if over the data's span", () => {
    const out = planWindow({
      nowMs: now,
      durationMs: 6 * H,
      dataSpan: { startMs: T0 - 400 * H, endMs: T0 - 10 * H },
    });
    assert.ok(out.ok);
    assert.equal(out.value.whatIf, true);
    assert.equal(out.value.earliestMs, T0 - 400 * H);
  });
  it("a deadline too soon for the job is refused on the deadline", () => {
    const out = planWindow({ nowMs: now, durationMs: 6 * H, earliestMs: T0, deadlineMs: T0 + 5 * H });
    assert.equal(out.ok ? null : out.problems[0].path, "deadline");
    assert.equal(out.ok ? null : out.problems[0].code, "bad-window");
  });
});

describe("renderIntensityChart", () => {
  it("draws one block per hour, low to high, and marks the best window", () => {
    const lines = renderIntensityChart({
      series: series("DE", [100, 200, 300, 400, 100]),
      fromMs: T0,
      toMs: T0 + 5 * H,
      bestStartMs: T0 + 4 * H,
      bestEndMs: T0 + 5 * H,
    });
    assert.equal(lines[1], "  ▁▃▆█▁"); // levels round((v − 100) / 300 × 7): 0, 2, 5, 7, 0
    assert.equal(lines[2], "      ^");
    assert.match(lines[0] ?? "", /▁ 100 … █ 400/);
  });
});
