import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Power } from "./api-schemas.ts";
import { powerColumnsOf } from "./power-data.ts";

const series = (hostname: string, rank: number, component: string, points: [number, number][]) => ({
  hostname,
  rank,
  node: `${hostname}:${rank}`,
  component,
  method: component === "gpu" ? "measured" : "estimated",
  points,
});

const power = (lines: Power["series"]): Power => ({
  bucketS: 10,
  source: "samples",
  from: null,
  to: null,
  series: lines,
});

describe("power chart columns", () => {
  it("aligns every line on the union of bucket starts, with gaps as null", () => {
    const data = powerColumnsOf(
      power([
        series("b", 1, "gpu", [
          [20_000, 310],
          [30_000, 320],
        ]),
        series("a", 0, "gpu", [
          [0, 300],
          [10_000, 305],
          [30_000, 290],
        ]),
        series("a", 0, "cpu", [[10_000, 60]]),
      ]),
    );
    assert.deepEqual(data.columns, [
      [0, 10, 20, 30],
      [null, 60, null, null],
      [300, 305, null, 290],
      [null, null, 310, 320],
    ]);
    assert.deepEqual(
      data.lines.map((l) => [l.label, l.latestW, l.peakW]),
      [
        ["a:0 cpu", 60, 60],
        ["a:0 gpu", 290, 305],
        ["b:1 gpu", 320, 320],
      ],
    );
    assert.equal(data.fromMs, 0);
    assert.equal(data.toMs, 30_000);
    assert.equal(data.latestTotalW, 60 + 290 + 320);
  });

  it("sorts ranks as numbers and gives an empty chart for no samples", () => {
    const data = powerColumnsOf(power([series("n", 10, "gpu", [[0, 1]]), series("n", 2, "gpu", [[0, 2]])]));
    assert.deepEqual(
      data.lines.map((l) => l.node),
      ["n:2", "n:10"],
    );
    const empty = powerColumnsOf(power([]));
    assert.deepEqual(empty.columns, [[]]);
    assert.ok(Number.isNaN(empty.fromMs));
    assert.equal(empty.latestTotalW, 0);
  });
});
