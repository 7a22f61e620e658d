import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as v from "valibot";
import { estimateWith } from "../estimate.ts";
import { fixtureDataset } from "../fixture-dataset.ts";
import { EstimateResultSchema } from "../schemas/estimate-result.ts";
import type { EstimateResult } from "../types.ts";
import { mergeRunLogs, runsOf } from "./merge-runs.ts";
import { renderBreakdownText, renderMergedJson } from "./merged-breakdown.ts";
import { type RunLog, readRunLog } from "./run-log.ts";
import { parseSavedResult } from "./saved-result.ts";

const EQUIVALENCE = fixtureDataset.defaults.equivalents;

/** A tracker-like result: `watts` for `hours` at 400 g/kWh, PUE 1.25, with a GPU component. */
const resultOf = (watts: number, hours: number, extra: object = {}): EstimateResult => {
  const r = estimateWith(fixtureDataset, { watts, hours, intensity: 400, pue: 1.25, ...extra });
  return {
    ...r,
    components: [
      { component: "devices", label: "GPU 0 X", powerW: watts, energyKWh: r.energyKWh, kind: "measured" },
    ],
    factors: [
      { name: "GPU power (GPU 0 X)", value: watts, unit: "W", kind: "measured", source: null, year: null },
      ...r.factors,
    ],
  };
};

const log = (name: string, host: string, rank: number, result: EstimateResult, idleKWh = 0): RunLog => ({
  name,
  run: "slurm:7.0",
  keyed: true,
  task: { host, node: host === "a" ? 0 : 1, rank, localRank: rank % 2 },
  startedAt: "2026-01-01T00:00:00.000Z",
  endedAt: "2026-01-01T02:00:00.000Z",
  result,
  allocationIdle: idleKWh > 0 ? { energyKWh: idleKWh, emissionsKg: idleKWh * 0.5 } : null,
});

describe("mergeRunLogs", () => {
  // Three ranks on two nodes: 1,000 W, 500 W and 250 W for 2 h: 2, 1 and 0.5 kWh.
  const logs: [RunLog, ...RunLog[]] = [
    log("r0.jsonl", "a", 0, resultOf(1000, 2), 0.1),
    log("r1.jsonl", "a", 1, resultOf(500, 2)),
    log("r2.jsonl", "b", 2, resultOf(250, 2), 0.05),
  ];
  const { result, merged } = mergeRunLogs(
    logs,
    [{ name: "r3.jsonl", reason: "it has no summary line" }],
    EQUIVALENCE,
  );

  it("energies, emissions and ranges add up; PUE and intensity follow from the sums (by hand)", () => {
    assert.equal(result.energyKWh, 3.5);
    assert.equal(result.facilityEnergyKWh, 3.5 * 1.25);
    assert.ok(Math.abs(result.emissionsKg - 3.5 * 1.25 * 0.4) < 1e-12);
    assert.equal(result.pue, 1.25);
    assert.ok(Math.abs(result.intensityGPerKWh - 400) < 1e-9);
    const sum = (of: (r: EstimateResult) => number) => logs.reduce((s, l) => s + of(l.result), 0);
    assert.equal(
      result.range.lowKg,
      sum((r) => r.range.lowKg),
    );
    assert.equal(
      result.range.highKg,
      sum((r) => r.range.highKg),
    );
  });

  it("one devices component over the 3 logs; per-rank factors replaced; shape of any saved result", () => {
    assert.deepEqual(
      result.components.map((c) => [c.component, c.label, c.energyKWh, c.powerW]),
      [["devices", "GPUs of 3 logs", 3.5, 1750]],
    );
    assert.ok(!result.factors.some((f) => f.name === "GPU power (GPU 0 X)"));
    assert.equal(result.factors.filter((f) => f.name === "grid intensity").length, 1);
    assert.equal(result.factors[0]?.name, "GPU power (all logs)");
    assert.equal(result.job.count, 3);
    assert.equal(result.job.hours, 2);
    assert.ok(v.safeParse(EstimateResultSchema, result).success);
    const back = parseSavedResult(renderMergedJson({ result, merged }));
    assert.ok(back.ok);
  });

  it("the breakdown: nodes, ranks, components with allocation idle, my allocation", () => {
    assert.deepEqual(
      merged.nodes.map((n) => [n.host, n.ranks, n.energyKWh, n.allocationIdleKWh]),
      [
        ["a", 2, 3, 0.1],
        ["b", 1, 0.5, 0.05],
      ],
    );
    assert.deepEqual(
      merged.ranks.map((r) => [r.rank, r.log]),
      [
        [0, "r0.jsonl"],
        [1, "r1.jsonl"],
        [2, "r2.jsonl"],
      ],
    );
    assert.ok(Math.abs(merged.allocationIdle.energyKWh - 0.15) < 1e-12);
    assert.ok(Math.abs(merged.allocation.energyKWh - 3.65) < 1e-12);
    assert.deepEqual(
      merged.components.map((c) => c.component),
      ["devices", "allocation idle"],
    );
    assert.deepEqual(merged.logs, {
      merged: 3,
      leftOut: [{ name: "r3.jsonl", reason: "it has no summary line" }],
    });
    const text = renderBreakdownText(merged);
    assert.match(
      text,
      /^Merged run slurm:7\.0: 3 logs merged, 1 left out\n {2}left out: r3\.jsonl: it has no summary line\n/,
    );
    assert.match(text, /My job 3\.5 kWh; my allocation \(job \+ allocation idle\) 3\.65 kWh/);
  });

  it("units of the same name add up; different locations are named; a missing market figure makes it null", () => {
    const u0 = log("u0", "a", 0, resultOf(1000, 1, { units: 1000, unit: "tokens" }));
    const u1 = log("u1", "b", 1, {
      ...resultOf(1000, 1, { units: 3000, unit: "tokens" }),
      marketBasedKg: null,
    });
    const elsewhere = {
      ...u1.result,
      job: { ...u1.result.job, location: { by: "zone" as const, label: "Zone B" } },
    };
    const { result: r } = mergeRunLogs([u0, { ...u1, result: elsewhere }], [], EQUIVALENCE);
    assert.deepEqual(r.perUnit, {
      unit: "tokens",
      units: 4000,
      energyKWh: 2 / 4000,
      emissionsKg: r.emissionsKg / 4000,
    });
    assert.equal(r.marketBasedKg, null);
    assert.match(r.job.location.label, /^several locations: .*; Zone B$/);
  });

  it("runsOf counts logs per run", () => {
    assert.deepEqual(
      [...runsOf([...logs, { ...logs[0], run: "other" }])],
      [
        ["slurm:7.0", 3],
        ["other", 1],
      ],
    );
  });
});

describe("readRunLog", () => {
  const result = resultOf(100, 1);
  const start = JSON.stringify({
    type: "start",
    schema: "mlco2-track/1",
    runId: "id-1",
    startedAt: "2026-01-01T00:00:00.000Z",
    project: null,
    command: ["x"],
    intervalS: 1,
    pue: 1.25,
    sensors: [],
    warnings: [],
    task: { runKey: "slurm:7.0", host: "a", node: 0, rank: 3, localRank: 1 },
  });
  const summary = (extra: object = {}) =>
    JSON.stringify({ type: "summary", runId: "id-1", endedAt: "2026-01-01T01:00:00.000Z", result, ...extra });

  it("a complete log: its run key, task, times and result", () => {
    const read = readRunLog("r3.jsonl", start, summary());
    assert.ok(read.ok);
    assert.equal(read.log.run, "slurm:7.0");
    assert.equal(read.log.keyed, true);
    assert.deepEqual(read.log.task, { host: "a", node: 0, rank: 3, localRank: 1 });
    assert.equal(read.log.endedAt, "2026-01-01T01:00:00.000Z");
    assert.equal(read.log.allocationIdle, null);
  });
  it("a log without a run key (an older tracker, or none set) is a run of its own, named by its tracker id", () => {
    const read = readRunLog("old.jsonl", '{"type":"start","runId":"id-9"}', summary({ runId: "id-9" }));
    assert.ok(read.ok);
    assert.equal(read.log.run, "id-9");
    assert.equal(read.log.keyed, false);
    assert.equal(read.log.task, null);
  });
  it("left out, with why: unfinished, cut, not a log, a summary that does not check, empty", () => {
    const reason = (first: string | null, last: string | null) => {
      const read = readRunLog("x", first, last);
      return read.ok ? "ok" : read.leftOut.reason;
    };
    const sample = JSON.stringify({ type: "sample", elapsedS: 812.4, cumulative: { energyKWh: 0.4213 } });
    assert.equal(
      reason(start, sample),
      "it has no summary line (the tracker was stopped before the end?); its last sample had 0.421 kWh at 812 s",
    );
    assert.equal(
      reason(start, summary().slice(0, 50)),
      "its last line is cut (the tracker was killed while writing it)",
    );
    assert.equal(
      reason("{", "}"),
      "not a tracker log (its first line is not a start, sample or summary line)",
    );
    assert.match(
      reason(start, summary({ result: { ...result, energyKWh: -1 } })),
      /^its summary line does not check \(result\.energyKWh: -1 is not allowed/,
    );
    assert.equal(reason(null, null), "the file is empty");
  });
});
