// The tracker's JSONL log lines (schema "mlco2-track/1"): a start line, one sample line per interval and
// a summary line carrying the result. Read back by `mlco2 report`, `mlco2 push` and the server's ingest.
// Unknown extra fields are kept (newer trackers may add some); known fields are checked whole.
import * as v from "valibot";
import { shownValue } from "../problems.ts";
import { EstimateResultSchema } from "./estimate-result.ts";
import { expectedObject, nonNegative, oneOf, text, wholeBetween } from "./numbers.ts";
import { UserNameSchema } from "./user-name.ts";

const nullableText = v.nullable(text());
const isoTime = () =>
  v.pipe(
    text(),
    v.isoTimestamp((issue) => `${shownValue(issue.input)} is not allowed; expected an ISO 8601 timestamp`),
  );
const texts = () => v.array(text(), expectedObject("an array of strings"));

const index = () => v.nullable(wholeBetween(0, 1_000_000_000));

/** Where one tracker sits in its run (every line of a distributed run's logs carries it). */
export const TaskPlaceSchema = v.looseObject(
  { runKey: nullableText, host: text(), node: index(), rank: index(), localRank: index() },
  expectedObject("a task object (runKey, host, node, rank, localRank)"),
);

/** What the launcher's variables said (start line). */
export const LaunchSchema = v.looseObject(
  {
    launcher: oneOf(["slurm", "torchrun", "torch-distributed", "open-mpi", "pmi", "none"] as const),
    runKey: nullableText,
    runKeyFrom: v.nullable(
      oneOf(["--run-id", "MLCO2_RUN_ID", "SLURM_JOB_ID", "TORCHELASTIC_RUN_ID"] as const),
    ),
    host: text(),
    jobId: nullableText,
    stepId: nullableText,
    nodeIndex: index(),
    nodeCount: index(),
    rank: index(),
    localRank: index(),
    worldSize: index(),
    localSize: index(),
    allocationCpus: index(),
  },
  expectedObject("a launch object"),
);

/** The whole job predicted from its progress. */
export const PredictionSchema = v.looseObject(
  {
    done: nonNegative(),
    total: nonNegative(),
    energyKWh: nonNegative(),
    lowKWh: nonNegative(),
    highKWh: nonNegative(),
    emissionsKg: nonNegative(),
    lowKg: nonNegative(),
    highKg: nonNegative(),
    durationS: nonNegative(),
  },
  expectedObject("a prediction object"),
);

/** The first line of a log: what was run, where, with which sensors. */
export const StartLineSchema = v.looseObject(
  {
    type: v.literal("start"),
    schema: text(),
    runId: text(),
    startedAt: isoTime(),
    project: nullableText,
    /** Who ran the job (absent in logs of older trackers; null when none was recorded). */
    user: v.exactOptional(v.nullable(UserNameSchema)),
    command: v.nullable(texts()),
    intervalS: nonNegative(),
    pue: nonNegative(),
    sensors: texts(),
    warnings: texts(),
    task: v.exactOptional(TaskPlaceSchema),
    launch: v.exactOptional(LaunchSchema),
  },
  expectedObject("a start line"),
);

/** One component's power and energy over an interval. */
export const ComponentSampleSchema = v.looseObject(
  {
    key: text(),
    component: oneOf(["cpu", "gpu", "memory"] as const),
    label: text(),
    powerW: nonNegative(),
    energyKWh: nonNegative(),
    method: oneOf(["measured", "estimated"] as const),
    via: text(),
  },
  expectedObject("a component sample"),
);

/** The node's energy no process owns over one interval (idle GPUs, idle CPU share). */
export const AllocationIdleSampleSchema = v.looseObject(
  {
    components: v.array(ComponentSampleSchema, expectedObject("an array of component samples")),
    powerW: nonNegative(),
    energyKWh: nonNegative(),
    emissionsKg: nonNegative(),
  },
  expectedObject("an allocation idle object"),
);

/** The node's energy no process owns over the whole run (summary line). */
export const AllocationIdleSummarySchema = v.looseObject(
  {
    reported: v.boolean((issue) => `${shownValue(issue.input)} is not allowed; expected true or false`),
    energyKWh: nonNegative(),
    facilityEnergyKWh: nonNegative(),
    emissionsKg: nonNegative(),
    components: v.array(
      v.looseObject(
        {
          component: oneOf(["cpu", "gpu", "memory"] as const),
          label: text(),
          powerW: nonNegative(),
          energyKWh: nonNegative(),
          method: oneOf(["measured", "estimated"] as const),
          via: text(),
        },
        expectedObject("an allocation idle component"),
      ),
      expectedObject("an array of allocation idle components"),
    ),
  },
  expectedObject("an allocation idle object"),
);

/** One interval. */
export const SampleLineSchema = v.looseObject(
  {
    type: v.literal("sample"),
    time: isoTime(),
    elapsedS: nonNegative(),
    intervalS: nonNegative(),
    components: v.array(ComponentSampleSchema, expectedObject("an array of component samples")),
    powerW: nonNegative(),
    energyKWh: nonNegative(),
    intensityGPerKWh: nonNegative(),
    emissionsKg: nonNegative(),
    cumulative: v.looseObject(
      { energyKWh: nonNegative(), facilityEnergyKWh: nonNegative(), emissionsKg: nonNegative() },
      expectedObject("cumulative totals"),
    ),
    task: v.exactOptional(TaskPlaceSchema),
    allocationIdle: v.exactOptional(AllocationIdleSampleSchema),
    prediction: v.exactOptional(PredictionSchema),
  },
  expectedObject("a sample line"),
);

/** The last line: how the command ended and the result. */
export const SummaryLineSchema = v.looseObject(
  {
    type: v.literal("summary"),
    runId: v.exactOptional(text()),
    durationS: v.exactOptional(nonNegative()),
    task: v.exactOptional(TaskPlaceSchema),
    allocationIdle: v.exactOptional(AllocationIdleSummarySchema),
    prediction: v.exactOptional(v.nullable(PredictionSchema)),
    result: EstimateResultSchema,
  },
  expectedObject("a summary line"),
);

/** Any log line, told apart by `type`. */
export const LogLineSchema = v.variant(
  "type",
  [StartLineSchema, SampleLineSchema, SummaryLineSchema],
  (issue) => `${shownValue(issue.input)} is not a log line type; expected start, sample or summary`,
);
