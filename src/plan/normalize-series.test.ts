import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizeSeries } from "./normalize-series.ts";
import type { RawPoint, RawSeries } from "./series.ts";
import { MS_PER_HOUR } from "./time.ts";

const T0 = Date.UTC(2024, 0, 1);
const raw = (pairs: [number, number][], extra: Partial<RawSeries> = {}): RawSeries => ({
  zone: "DE",
  points: pairs.map(
    ([h, g], i): RawPoint => ({ atMs: T0 + h * MS_PER_HOUR, gPerKWh: g, where: `line ${i + 2}` }),
  ),
  signal: "average",
  factors: [],
  notes: [],
  ...extra,
});

const problemOf = (series: RawSeries) => {
  const out = normalizeSeries(series);
  assert.equal(out.ok, false);
  return out.ok ? null : out.problems[0];
};

describe("normalizeSeries", () => {
  it("puts hourly readings on a grid", () => {
    const out = normalizeSeries(
      raw([
        [0, 100],
        [1, 200],
        [2, 300],
      ]),
    );
    assert.ok(out.ok);
    assert.equal(out.value.stepMs, MS_PER_HOUR);
    assert.deepEqual([...out.value.values], [100, 200, 300]);
    assert.deepEqual(out.value.warnings, []);
  });
  it("sorts unsorted rows and says so", () => {
    const out = normalizeSeries(
      raw([
        [2, 300],
        [0, 100],
        [1, 200],
      ]),
    );
    assert.ok(out.ok);
    assert.deepEqual([...out.value.values], [100, 200, 300]);
    assert.match(out.value.warnings.join(), /not in time order; they were sorted/);
  });
  it("keeps an exact duplicate once, refuses two values for one time", () => {
    const same = normalizeSeries(
      raw([
        [0, 100],
        [1, 200],
        [1, 200],
        [2, 300],
      ]),
    );
    assert.ok(same.ok);
    assert.match(same.value.warnings.join(), /1 repeated row/);
    const clash = problemOf(
      raw([
        [0, 100],
        [1, 200],
        [1, 250],
        [2, 300],
      ]),
    );
    assert.equal(clash?.code, "duplicate-point");
    assert.match(
      clash?.message ?? "",
      /two values for 2024-01-01T01:00:00Z: 200 \(line 3\) and 250 \(line 4\)/,
    );
    assert.doesNotMatch(clash?.message ?? "", /^series/);
  });
  it("leaves gaps as NaN, never zero, and warns", () => {
    const out = normalizeSeries(
      raw([
        [0, 100],
        [1, 200],
        [4, 300],
        [5, 300],
      ]),
    );
    assert.ok(out.ok);
    assert.equal(out.value.values.length, 6);
    assert.ok(Number.isNaN(out.value.values[2] as number) && Number.isNaN(out.value.values[3] as number));
    assert.match(
      out.value.warnings.join(),
      /2 missing 1 h period\(s\), the longest 2 h from 2024-01-01T02:00:00Z/,
    );
  });
  it("refuses irregular spacing and a lone reading with no stated period", () => {
    assert.equal(
      problemOf(
        raw([
          [0, 10],
          [1, 20],
          [2, 30],
          [3, 40],
          [3.4, 50],
          [4, 60],
        ]),
      )?.code,
      "irregular-series",
    );
    assert.equal(problemOf(raw([[0, 100]]))?.code, "irregular-series");
    const declared = normalizeSeries(raw([[0, 100]], { declaredStepMs: MS_PER_HOUR }));
    assert.ok(declared.ok);
  });
  it("refuses negative and absurd values and an empty series", () => {
    assert.equal(
      problemOf(
        raw([
          [0, -1],
          [1, 2],
        ]),
      )?.code,
      "bad-value",
    );
    assert.equal(
      problemOf(
        raw([
          [0, 5000],
          [1, 2],
        ]),
      )?.code,
      "bad-value",
    );
    assert.equal(problemOf(raw([]))?.code, "empty-series");
  });
});
