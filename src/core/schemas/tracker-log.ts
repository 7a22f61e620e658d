// The tracker's JSONL log lines (schema "mlco2-track/1"): a start line, one sample line per interval and
// a summary line carrying the result. Read back by `mlco2 report`, `mlco2 push` and the server's ingest.
// Unknown extra fields are kept (newer trackers may add some); known fields are checked whole.
import * as v from "valibot";
import { shownValue } from "../problems.ts";
import { EstimateResultSchema } from "./estimate-result.ts";
import { expectedObject, nonNegative, oneOf, text } from "./numbers.ts";

const nullableText = v.nullable(text());
const isoTime = () =>
  v.pipe(
    text(),
    v.isoTimestamp((issue) => `${shownValue(issue.input)} is not allowed; expected an ISO 8601 timestamp`),
  );
const texts = () => v.array(text(), expectedObject("an array of strings"));

/** The first line of a log: what was run, where, with which sensors. */
export const StartLineSchema = v.looseObject(
  {
    type: v.literal("start"),
    schema: text(),
    runId: text(),
    startedAt: isoTime(),
    project: nullableText,
    command: v.nullable(texts()),
    intervalS: nonNegative(),
    pue: nonNegative(),
    sensors: texts(),
    warnings: texts(),
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
  },
  expectedObject("a sample line"),
);

/** The last line: how the command ended and the result. */
export const SummaryLineSchema = v.looseObject(
  {
    type: v.literal("summary"),
    runId: v.exactOptional(text()),
    durationS: v.exactOptional(nonNegative()),
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
