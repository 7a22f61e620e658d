import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { powerSeriesOf, powerWindowOf } from "./power-chart.ts";
import type { RunDetail, SeriesInfo } from "./store/store.ts";

const series = (firstTime: string, lastTime: string, samples: number): SeriesInfo => ({
  id: 1,
  key: "gpu:0",
  component: "gpu",
  label: "",
  method: "measured",
  via: "",
  energyKWh: 0,
  emissionsKg: 0,
  samples,
  firstTime,
  lastTime,
  lastPowerW: 0,
});
const run = (list: SeriesInfo[]): RunDetail =>
  ({
    nodeList: [
      {
        hostname: "h",
        rank: 0,
        logs: [{ logId: "l", startedAt: null, ackedThrough: 0, start: null, summary: null, series: list }],
      },
    ],
  }) as unknown as RunDetail;

describe("chart windows", () => {
  it("pick the nice bucket that gives at most the points asked, from the samples", () => {
    // 10 hours over 300 points: 120 s wanted → 120 s.
    assert.deepEqual(
      powerWindowOf(run([series("2026-01-01T00:00:00.000Z", "2026-01-01T10:00:00.000Z", 3600)]), 300),
      {
        bucketS: 120,
        source: "samples",
        from: "2026-01-01T00:00:00.000Z",
        to: "2026-01-01T10:00:00.000Z",
      },
    );
  });

  it("read hourly rollups for long runs and for runs with many samples", () => {
    assert.equal(
      powerWindowOf(run([series("2026-01-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z", 1000)]), 300)?.source,
      "hours",
    );
    const big = powerWindowOf(
      run([series("2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", 300_000)]),
      300,
    );
    assert.deepEqual([big?.source, big?.bucketS], ["hours", 3600]);
    assert.equal(powerWindowOf(run([]), 300), null);
  });

  it("group points per node and component", () => {
    const grouped = powerSeriesOf([
      { hostname: "h", rank: 0, component: "gpu", method: "measured", t: 0, powerW: 1 },
      { hostname: "h", rank: 0, component: "gpu", method: "measured", t: 60, powerW: 2 },
      { hostname: "h", rank: 1, component: "gpu", method: "measured", t: 0, powerW: 3 },
    ]);
    assert.deepEqual(
      grouped.map((s) => [s.node, s.points]),
      [
        [
          "h:0",
          [
            [0, 1],
            [60, 2],
          ],
        ],
        ["h:1", [[0, 3]]],
      ],
    );
  });
});
