// The feed against hand-built answers: what each interval is priced at, the run re-priced at its end,
// the best window, refreshes, and a failing source.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { IntensitySeries, SeriesFactor } from "../plan/series.ts";
import type { IntensitySource, SeriesAnswer } from "../plan/sources/intensity-source.ts";
import { sleep } from "./fixtures/test-helpers.ts";
import { openIntensityFeed } from "./intensity-feed.ts";

const H = 3_600_000;
const M = 60_000;
const T0 = Date.UTC(2026, 11, 2);
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

const factor = (name: string, kind: SeriesFactor["kind"], from: number, to: number): SeriesFactor => ({
  name,
  value: 0,
  unit: "g/kWh",
  kind,
  source: null,
  year: 2026,
  note: "test",
  retrievedAt: iso(T0 + 90 * M),
  firstReading: iso(from),
  lastReading: iso(to),
});

/** 00:00–04:00: history 400, 200 (00:00, 01:00), forecast 100, 300 (02:00, 03:00). */
const first: IntensitySeries = {
  zone: "DE",
  startMs: T0,
  stepMs: H,
  values: Float64Array.of(400, 200, 100, 300),
  signal: "average",
  factors: [
    factor("grid intensity history (DE, test)", "published", T0, T0 + H),
    factor("grid intensity forecast (DE, test)", "estimated", T0 + 2 * H, T0 + 3 * H),
  ],
  warnings: [],
};

const sourceOf = (answers: SeriesAnswer[], asked: number[] = []): ((nowMs: number) => IntensitySource) => {
  let call = 0;
  return (nowMs) => ({
    name: "electricitymaps",
    seriesFor: async () => {
      asked.push(nowMs);
      const answer = answers[Math.min(call++, answers.length - 1)] as SeriesAnswer;
      return { ok: true, value: answer };
    },
  });
};

test("each interval at the reading of its hour; the run re-priced; the best window within the data", async () => {
  const warnings: string[] = [];
  const feed = openIntensityFeed({
    options: {
      name: "electricitymaps",
      sourceAt: sourceOf([{ series: first, loud: [] }]),
      onWarning: (l) => warnings.push(l),
      refreshS: 3600,
    },
    zone: "DE",
    yearlyGPerKWh: 350,
    runStartMs: T0 + 90 * M,
    now: () => T0 + 90 * M,
  });
  await feed.ready();
  assert.equal(feed.intensityAt(new Date(T0 + 90 * M)), 200);
  assert.equal(feed.intensityAt(new Date(T0 + 5 * H)), 350, "after the data: the yearly figure");
  // 1 kWh at 01:30:30 and 1 kWh at 02:10:30.
  feed.record(T0 + 90 * M + 30_000, 1);
  feed.record(T0 + 130 * M + 30_000, 1);
  feed.close();
  const summary = feed.summary();
  // 1 × 200 + 1 × 100 = 300 g.
  assert.equal(summary.emissionsKg, 0.3);
  assert.deepEqual(
    summary.factors.map((f) => [f.name, f.kind, f.value]),
    [
      ["grid intensity history (DE, test)", "published", 0],
      ["grid intensity forecast (DE, test)", "estimated", 0],
      ["grid intensity (DE, time-varying, energy-weighted mean over the run)", "estimated", 150],
    ],
  );
  assert.match(
    summary.factors[0]?.note ?? "",
    /retrieved 2026-12-02T01:30:00Z; readings 2026-12-02T00:00:00Z – 2026-12-02T01:00:00Z/,
  );
  assert.match(
    summary.factors[2]?.note ?? "",
    /50 % by grid intensity history \(DE, test\), 50 % by grid intensity forecast/,
  );
  // Both minutes land in the 02:00 hour (100 g) from a move of +30 min: 200 g, starting 02:00.
  assert.equal(summary.bestWindow.kg, 0.2);
  assert.equal(summary.bestWindow.start, "2026-12-02T02:00:00Z");
  // The data allows moves from −90 min (01:30 → 00:00) to +109 min (02:10 → 03:59).
  assert.match(
    summary.bestWindow.note,
    /moved by \+0\.5 h; 200 starts within ±12 h priced with average readings/,
  );
  assert.match(summary.bestWindow.note, /cover starts from -1\.5 h to \+1\.82 h only/);
  assert.deepEqual(warnings, []);
});

test("a refresh joins newer readings: they win where they overlap, older hours stay", async () => {
  const later: IntensitySeries = {
    ...first,
    startMs: T0 + 2 * H,
    values: Float64Array.of(120, 80, 60),
    factors: [factor("grid intensity history (DE, refreshed)", "published", T0 + 2 * H, T0 + 4 * H)],
  };
  const asked: number[] = [];
  let now = T0 + 90 * M;
  const feed = openIntensityFeed({
    options: {
      name: "electricitymaps",
      sourceAt: sourceOf(
        [
          { series: first, loud: [] },
          { series: later, loud: [] },
        ],
        asked,
      ),
      refreshS: 0.05,
    },
    zone: "DE",
    yearlyGPerKWh: 350,
    runStartMs: T0 + 90 * M,
    now: () => now,
  });
  await feed.ready();
  now = T0 + 4 * H;
  for (let i = 0; i < 100 && asked.length < 2; i++) await sleep(20);
  await sleep(20);
  feed.close();
  assert.ok(asked.length >= 2, `asked ${asked.length} times`);
  assert.equal(feed.intensityAt(new Date(T0 + 30 * M)), 400);
  assert.equal(feed.intensityAt(new Date(T0 + 150 * M)), 120);
  assert.equal(feed.intensityAt(new Date(T0 + 270 * M)), 60);
  feed.record(T0 + 150 * M, 2);
  const summary = feed.summary();
  assert.equal(summary.emissionsKg, 0.24);
  assert.deepEqual(
    summary.factors.map((f) => f.name),
    [
      "grid intensity history (DE, refreshed)",
      "grid intensity (DE, time-varying, energy-weighted mean over the run)",
    ],
  );
});

test("a source that fails: loud warnings as they happen, the yearly figure (never zero), no window", async () => {
  const warnings: string[] = [];
  const feed = openIntensityFeed({
    options: {
      name: "electricitymaps",
      sourceAt: sourceOf([{ series: null, loud: ["Electricity Maps refused the credentials (HTTP 401)."] }]),
      onWarning: (l) => warnings.push(l),
    },
    zone: "DE",
    yearlyGPerKWh: 350,
    runStartMs: T0,
    now: () => T0,
  });
  await feed.ready();
  assert.equal(feed.intensityAt(new Date(T0 + M)), 350);
  feed.record(T0 + M, 2);
  feed.close();
  const summary = feed.summary();
  assert.equal(summary.emissionsKg, 0.7);
  assert.deepEqual(warnings, [
    "Electricity Maps refused the credentials (HTTP 401).",
    "no time-resolved intensity from electricitymaps for DE: intervals are priced at its yearly average (350 g/kWh) until an answer arrives.",
  ]);
  assert.deepEqual(summary.warnings, warnings);
  assert.equal(summary.bestWindow.kg, null);
  assert.match(summary.bestWindow.note, /electricitymaps gave no usable readings/);
  assert.match(summary.factors.at(-1)?.note ?? "", /100 % at the yearly average/);
});

test("a source that throws is a loud failure too; close() stops refreshes", async () => {
  const warnings: string[] = [];
  let calls = 0;
  const feed = openIntensityFeed({
    options: {
      name: "watttime",
      sourceAt: () => ({
        name: "watttime",
        seriesFor: async () => {
          calls++;
          throw new Error("socket hang up");
        },
      }),
      onWarning: (l) => warnings.push(l),
      refreshS: 0.02,
    },
    zone: "US-CAL-CISO",
    yearlyGPerKWh: 250,
    runStartMs: T0,
    now: () => T0,
  });
  await feed.ready();
  feed.close();
  const after = calls;
  await sleep(80);
  assert.equal(calls, after, "no request after close");
  assert.equal(warnings[0], "watttime failed: socket hang up.");
});

test("a run that ends before the first answer: it waits a little at most, then the yearly figure, said so", async () => {
  const feed = openIntensityFeed({
    options: {
      name: "electricitymaps",
      sourceAt: () => ({ name: "electricitymaps", seriesFor: () => new Promise(() => {}) }),
    },
    zone: "DE",
    yearlyGPerKWh: 350,
    runStartMs: T0,
    now: () => T0,
  });
  const started = performance.now();
  await feed.settled(50);
  assert.ok(performance.now() - started < 1000);
  feed.record(T0 + M, 1);
  feed.close();
  const summary = feed.summary();
  assert.equal(summary.emissionsKg, 0.35);
  assert.deepEqual(summary.warnings, [
    "no readings from electricitymaps had arrived when the run ended: it is priced at the yearly average (350 g/kWh).",
  ]);
  assert.match(summary.bestWindow.note, /no readings arrived from electricitymaps before the run ended/);
});
