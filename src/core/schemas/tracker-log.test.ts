import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as v from "valibot";
import type { Problem } from "../errors.ts";
import { estimateWith } from "../estimate.ts";
import { fixtureDataset } from "../fixture-dataset.ts";
import { issuesToProblems } from "./issues.ts";
import { LogLineSchema, SampleLineSchema, StartLineSchema, SummaryLineSchema } from "./tracker-log.ts";

// Lines shaped as src/tracker/session.ts and sampler.ts write them (a real log is checked in
// src/tracker/log-schema.test.ts).
const start = {
  type: "start",
  schema: "mlco2-track/1",
  runId: "0b7c6c1e-2f53-4a63-9d8e-5f3b1d2c4a10",
  startedAt: "2026-11-28T10:00:00.000Z",
  project: "demo",
  command: ["python", "train.py"],
  intervalS: 1,
  location: { region: "gcp:dirty-1", country: null, zone: null, intensity: null, year: null },
  pue: 1.1,
  host: {
    cpuModel: "Test CPU",
    logicalCpus: 2,
    cgroupQuotaCpus: null,
    memoryTotalGB: 8,
    os: "linux",
    node: "v20",
  },
  sensors: ["nvidia-smi", "load"],
  warnings: [],
  task: { runKey: "slurm:4242.0", host: "gpu001", node: 0, rank: 3, localRank: 3 },
  launch: {
    launcher: "slurm",
    runKey: "slurm:4242.0",
    runKeyFrom: "SLURM_JOB_ID",
    host: "gpu001",
    jobId: "4242",
    stepId: "0",
    nodeIndex: 0,
    nodeCount: 2,
    rank: 3,
    localRank: 3,
    worldSize: 16,
    localSize: 8,
    allocationCpus: 64,
  },
};
const sample = {
  type: "sample",
  time: "2026-11-28T10:00:01.000Z",
  elapsedS: 1,
  intervalS: 1,
  components: [
    {
      key: "gpu:0",
      component: "gpu",
      label: "GPU 0 Test GPU 400",
      powerW: 360,
      energyKWh: 0.0001,
      method: "measured",
      via: "nvidia-smi",
    },
  ],
  powerW: 360,
  energyKWh: 0.0001,
  intensityGPerKWh: 500,
  emissionsKg: 0.000055,
  cumulative: { energyKWh: 0.0001, facilityEnergyKWh: 0.00011, emissionsKg: 0.000055 },
  details: { "gpu:0 utilization": 0.9 },
  task: start.task,
  allocationIdle: {
    components: [
      {
        key: "idle:gpu:7",
        component: "gpu",
        label: "GPU 7 Test GPU 400 (no process on it)",
        powerW: 60,
        energyKWh: 0.0000167,
        method: "measured",
        via: "nvidia-smi",
      },
    ],
    powerW: 60,
    energyKWh: 0.0000167,
    emissionsKg: 0.0000092,
  },
  prediction: {
    done: 3,
    total: 10,
    energyKWh: 0.0004,
    lowKWh: 0.00035,
    highKWh: 0.00045,
    emissionsKg: 0.0002,
    lowKg: 0.00018,
    highKg: 0.00022,
    durationS: 6,
  },
};
const summary = {
  type: "summary",
  runId: start.runId,
  endedAt: "2026-11-28T10:00:02.000Z",
  durationS: 2,
  exit: { code: 0, signal: null },
  project: "demo",
  command: ["python", "train.py"],
  task: start.task,
  allocationIdle: {
    reported: true,
    energyKWh: 0.0000334,
    facilityEnergyKWh: 0.0000367,
    emissionsKg: 0.0000184,
    components: [
      {
        component: "gpu",
        label: "GPU 7 Test GPU 400 (no process on it)",
        powerW: 60,
        energyKWh: 0.0000334,
        method: "measured",
        via: "nvidia-smi",
      },
    ],
  },
  prediction: null,
  result: JSON.parse(
    JSON.stringify(estimateWith(fixtureDataset, { watts: 360, hours: 2 / 3600, region: "gcp:dirty-1" })),
  ),
};

const problemsOf = (schema: v.GenericSchema, value: unknown): Problem[] => {
  const parsed = v.safeParse(schema, value);
  return parsed.success ? [] : issuesToProblems(parsed.issues);
};
const line = (problems: Problem[]) => problems.map((p) => `${p.path}: ${p.message}`);

describe("each line type passes its own schema and the log-line variant", () => {
  for (const [name, value, schema] of [
    ["start", start, StartLineSchema],
    ["sample", sample, SampleLineSchema],
    ["summary", summary, SummaryLineSchema],
  ] as const) {
    it(name, () => {
      assert.deepEqual(problemsOf(schema, value), []);
      assert.deepEqual(problemsOf(LogLineSchema, value), []);
    });
  }

  it("unknown fields are kept (a newer tracker may add some), known ones are checked", () => {
    const parsed = v.safeParse(LogLineSchema, { ...start, gpuModel: "X" });
    assert.ok(parsed.success);
    assert.equal((parsed.output as Record<string, unknown>).gpuModel, "X");
    assert.deepEqual((parsed.output as typeof start).host, start.host);
  });

  it("a summary without runId and durationS (older trackers) passes", () => {
    const { runId: _r, durationS: _d, ...older } = summary;
    assert.deepEqual(problemsOf(LogLineSchema, older), []);
  });

  it("lines without task, launch, allocation idle or prediction (round-1 trackers) pass", () => {
    const { task: _t, launch: _l, ...oldStart } = start;
    const { task: _s, allocationIdle: _a, prediction: _p, ...oldSample } = sample;
    const { task: _u, allocationIdle: _b, prediction: _q, ...oldSummary } = summary;
    for (const line of [oldStart, oldSample, oldSummary])
      assert.deepEqual(problemsOf(LogLineSchema, line), []);
  });
});

describe("bad lines are refused with the field and what is expected", () => {
  const cases: [string, unknown, string[]][] = [
    [
      "an unknown type",
      { ...start, type: "end" },
      ['type: "end" is not a log line type; expected start, sample or summary'],
    ],
    [
      "no type",
      { ...sample, type: undefined },
      ["type: missing is not a log line type; expected start, sample or summary"],
    ],
    ["not an object", 5, [": 5 is not a log line type; expected start, sample or summary"]],
    [
      "a start time that is not ISO 8601",
      { ...start, startedAt: "yesterday" },
      ['startedAt: "yesterday" is not allowed; expected an ISO 8601 timestamp'],
    ],
    [
      "a command given as one string",
      { ...start, command: "python train.py" },
      ['command: "python train.py" is not allowed; expected an array of strings'],
    ],
    [
      "a sensor that is not a name",
      { ...start, sensors: ["load", 3] },
      ["sensors[1]: 3 is not allowed; expected a string"],
    ],
    [
      "a negative interval",
      { ...start, intervalS: -1 },
      ["intervalS: -1 is not allowed; expected a number ≥ 0"],
    ],
    [
      "a project that is a number",
      { ...start, project: 7 },
      ["project: 7 is not allowed; expected a string"],
    ],
    [
      "a sample time that is not ISO 8601",
      { ...sample, time: 1700000000 },
      ["time: 1700000000 is not allowed; expected a string"],
    ],
    [
      "components not a list",
      { ...sample, components: { gpu: 1 } },
      ['components: {"gpu":1} is not allowed; expected an array of component samples'],
    ],
    [
      "a component of an unknown kind and method",
      { ...sample, components: [{ ...sample.components[0], component: "devices", method: "guessed" }] },
      [
        'components[0].component: "devices" is not allowed; expected one of cpu, gpu, memory',
        'components[0].method: "guessed" is not allowed; expected one of measured, estimated',
      ],
    ],
    ["a NaN power", { ...sample, powerW: Number.NaN }, ["powerW: NaN is not allowed; expected a number ≥ 0"]],
    [
      "cumulative totals missing one",
      { ...sample, cumulative: { energyKWh: 1, emissionsKg: 1 } },
      ["cumulative.facilityEnergyKWh: is missing; it is required"],
    ],
    [
      "a summary whose result has a negative emission",
      { ...summary, result: { ...summary.result, emissionsKg: -1 } },
      ["result.emissionsKg: -1 is not allowed; expected a number ≥ 0"],
    ],
    ["a summary without a result", { type: "summary" }, ["result: is missing; it is required"]],
    [
      "a negative duration",
      { ...summary, durationS: -2 },
      ["durationS: -2 is not allowed; expected a number ≥ 0"],
    ],
    [
      "a task without a host and a rank that is not a whole number",
      { ...sample, task: { runKey: null, node: null, rank: 1.5, localRank: null } },
      [
        "task.host: is missing; it is required",
        "task.rank: 1.5 is not allowed; expected a whole number from 0 to 1000000000",
      ],
    ],
    [
      "an unknown launcher",
      { ...start, launch: { ...start.launch, launcher: "pbs" } },
      [
        'launch.launcher: "pbs" is not allowed; expected one of slurm, torchrun, torch-distributed, open-mpi, pmi, none',
      ],
    ],
    [
      "allocation idle with a negative energy",
      { ...summary, allocationIdle: { ...summary.allocationIdle, energyKWh: -1 } },
      ["allocationIdle.energyKWh: -1 is not allowed; expected a number ≥ 0"],
    ],
    [
      "a prediction missing its range",
      { ...sample, prediction: { done: 1, total: 2, energyKWh: 1, emissionsKg: 1, durationS: 1 } },
      [
        "prediction.lowKWh: is missing; it is required",
        "prediction.highKWh: is missing; it is required",
        "prediction.lowKg: is missing; it is required",
        "prediction.highKg: is missing; it is required",
      ],
    ],
  ];
  for (const [name, value, expected] of cases) {
    it(name, () => assert.deepEqual(line(problemsOf(LogLineSchema, value)), expected));
  }

  it("every problem of a line, in order", () => {
    assert.deepEqual(
      problemsOf(LogLineSchema, { ...sample, elapsedS: -1, energyKWh: "1", components: [] }).map(
        (p) => p.path,
      ),
      ["elapsedS", "energyKWh"],
    );
  });
});
