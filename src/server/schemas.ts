// API request shapes (valibot). Envelopes are strict objects: an unknown field is refused. Tracker log
// lines inside them use the tracker's own schemas (src/core/schemas/tracker-log.ts), which keep extra
// fields a newer tracker may add.
import * as v from "valibot";
import { shownValue } from "../core/problems.ts";
import { EstimateResultSchema } from "../core/schemas/estimate-result.ts";
import { between, expectedObject, nonNegative, oneOf, text, wholeBetween } from "../core/schemas/numbers.ts";
import { SampleLineSchema, StartLineSchema, SummaryLineSchema } from "../core/schemas/tracker-log.ts";
import { UserNameSchema } from "../core/schemas/user-name.ts";

/** Most sample lines in one ingest batch. */
export const MAX_BATCH_LINES = 5000;
/** Most rows in one CodeCarbon upload. */
export const MAX_CODECARBON_ROWS = 1000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what names may not hold
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A name (project, run key, hostname): 1–`max` characters, no control characters; stored verbatim. */
export const name = (max: number, what = "a name") =>
  v.pipe(
    text(what),
    v.check(
      (s) => s.length >= 1 && s.length <= max,
      (issue) => `${shownValue(issue.input)} is not allowed; expected ${what} of 1 to ${max} characters`,
    ),
    v.check(
      (s) => !CONTROL.test(s),
      (issue) => `${shownValue(issue.input)} is not allowed; ${what} may not contain control characters`,
    ),
  );

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
/** An ISO 8601 time with a zone. */
export const isoTime = (what = "an ISO 8601 time with a zone, e.g. 2026-03-01T12:00:00Z") =>
  v.pipe(
    text(what),
    v.check(
      (s) => ISO.test(s) && !Number.isNaN(Date.parse(s)),
      (issue) => `${shownValue(issue.input)} is not allowed; expected ${what}`,
    ),
  );

/** An ISO date (YYYY-MM-DD). */
export const isoDate = () =>
  v.pipe(
    text("a date YYYY-MM-DD"),
    v.check(
      (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)),
      (issue) => `${shownValue(issue.input)} is not allowed; expected a date YYYY-MM-DD`,
    ),
  );

/** Project names: 1–100 characters. */
export const projectName = () => name(100, "a project name");
/** Run keys: 1–200 characters. */
export const runKey = () => name(200, "a run key");

/** One numbered sample line: `seq` is its 0-based place among the log's sample lines. */
export const NumberedSampleSchema = v.strictObject(
  { seq: wholeBetween(0, 2_147_483_647), line: SampleLineSchema },
  expectedObject("a sample {seq, line}"),
);

/** POST /api/v1/ingest: one batch of one tracker log. */
export const IngestBodySchema = v.strictObject(
  {
    /** The project (optional for project tokens, required for admin tokens). */
    project: v.exactOptional(projectName()),
    /** The run key shared by every node of the run. */
    runKey: runKey(),
    /** This node. */
    node: v.strictObject(
      { hostname: name(255, "a hostname"), rank: wholeBetween(0, 1_000_000) },
      expectedObject("a node {hostname, rank}"),
    ),
    /** The log's own id (its start line's runId). */
    logId: name(200, "a log id"),
    /** The log's start line. */
    start: v.exactOptional(StartLineSchema),
    /** Sample lines with their numbers, in increasing order. */
    samples: v.exactOptional(
      v.pipe(
        v.array(NumberedSampleSchema, expectedObject("an array of samples")),
        v.maxLength(
          MAX_BATCH_LINES,
          (issue) => `${issue.input.length} samples is too many; send at most ${MAX_BATCH_LINES} a batch`,
        ),
      ),
    ),
    /** The log's summary line. */
    summary: v.exactOptional(SummaryLineSchema),
  },
  expectedObject("an ingest batch {runKey, node, logId, start?, samples?, summary?}"),
);

/** A validated ingest body. */
export type IngestBody = v.InferOutput<typeof IngestBodySchema>;

/** GET /api/v1/ingest/ack query. */
export const AckQuerySchema = v.strictObject(
  {
    project: v.exactOptional(projectName()),
    runKey: runKey(),
    hostname: name(255, "a hostname"),
    rank: v.pipe(
      v.string(),
      v.regex(/^\d{1,7}$/, (issue) => `${shownValue(issue.input)} is not allowed; expected a whole number`),
      v.transform(Number),
      wholeBetween(0, 1_000_000),
    ),
    logId: name(200, "a log id"),
  },
  expectedObject("the query runKey, hostname, rank, logId"),
);

/** Most estimates in one POST /api/v1/estimates batch. */
export const MAX_ESTIMATES = 500;

/** One estimate to store: its fields, in a single upload's body or in a batch's `estimates`. */
const estimateEntries = {
  /** Run key (default: derived from the result, so an upload sent twice is stored once). */
  key: v.exactOptional(runKey()),
  /** When the job ran (default: now); its day in the totals. */
  startedAt: v.exactOptional(isoTime()),
  /** Who ran the job (default: none recorded). */
  user: v.exactOptional(UserNameSchema),
  result: EstimateResultSchema,
};

/** POST /api/v1/estimates: a saved estimate (mlco2 estimate --format json) stored as a run. */
export const EstimateBodySchema = v.strictObject(
  { project: v.exactOptional(projectName()), ...estimateEntries },
  expectedObject("an estimate upload {result, key?, startedAt?, user?, project?}"),
);

/** One estimate of a batch. */
export const EstimateItemSchema = v.strictObject(
  estimateEntries,
  expectedObject("an estimate {result, key?, startedAt?, user?}"),
);

/** POST /api/v1/estimates with `estimates`: up to {@link MAX_ESTIMATES} estimates stored together. */
export const EstimateBatchBodySchema = v.strictObject(
  {
    project: v.exactOptional(projectName()),
    estimates: v.pipe(
      v.array(EstimateItemSchema, expectedObject("an array of estimates")),
      v.minLength(1, "give at least one estimate"),
      v.maxLength(
        MAX_ESTIMATES,
        (issue) => `${issue.input.length} estimates is too many; send at most ${MAX_ESTIMATES} a request`,
      ),
    ),
  },
  expectedObject("an estimate batch {estimates, project?}"),
);

/** A validated single estimate upload. */
export type EstimateBody = v.InferOutput<typeof EstimateBodySchema>;
/** A validated estimate batch. */
export type EstimateBatchBody = v.InferOutput<typeof EstimateBatchBodySchema>;

/** POST /api/v1/estimates: a batch when the body has `estimates`, else a single upload. */
export const EstimateUploadSchema = v.lazy((input: unknown) =>
  typeof input === "object" && input !== null && !Array.isArray(input) && "estimates" in input
    ? EstimateBatchBodySchema
    : EstimateBodySchema,
);

/** One CodeCarbon emissions.csv row (numbers as numbers); other columns are kept as they are. */
export const CodecarbonRowSchema = v.looseObject(
  {
    run_id: runKey(),
    timestamp: v.pipe(
      text("a timestamp"),
      v.check(
        (s) => /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s.replace(" ", "T"))),
        (issue) => `${shownValue(issue.input)} is not allowed; expected a timestamp like 2024-05-01T12:00:00`,
      ),
    ),
    duration: between(0, 87_600 * 3600, "seconds from 0 to 315360000"),
    emissions: nonNegative("kg CO2eq ≥ 0"),
    energy_consumed: between(0, 1e10, "kWh from 0 to 10000000000"),
    pue: v.exactOptional(between(1, 3)),
    project_name: v.exactOptional(v.nullable(text())),
  },
  expectedObject("a CodeCarbon row"),
);

/** POST /api/v1/codecarbon: rows of an emissions.csv, one run each. */
export const CodecarbonBodySchema = v.strictObject(
  {
    project: v.exactOptional(projectName()),
    rows: v.pipe(
      v.array(CodecarbonRowSchema, expectedObject("an array of rows")),
      v.minLength(1, "give at least one row"),
      v.maxLength(MAX_CODECARBON_ROWS, `send at most ${MAX_CODECARBON_ROWS} rows a request`),
    ),
  },
  expectedObject("a CodeCarbon upload {rows, project?}"),
);

/** POST /api/v1/tokens (admin). */
export const TokenBodySchema = v.strictObject(
  {
    project: projectName(),
    scope: oneOf(["ingest", "read", "admin"] as const),
    label: v.exactOptional(name(200, "a label")),
  },
  expectedObject("a token request {project, scope, label?}"),
);

/** GET …/runs query. */
export const RunsQuerySchema = v.strictObject(
  {
    origin: v.exactOptional(oneOf(["tracker", "estimate", "codecarbon"] as const)),
    status: v.exactOptional(oneOf(["running", "finished"] as const)),
    from: v.exactOptional(isoDate()),
    to: v.exactOptional(isoDate()),
    q: v.exactOptional(name(200, "search text")),
    user: v.exactOptional(UserNameSchema),
    limit: v.exactOptional(
      v.pipe(
        v.string(),
        v.regex(/^\d{1,4}$/, "expected a whole number from 1 to 1000"),
        v.transform(Number),
        wholeBetween(1, 1000),
      ),
    ),
    before: v.exactOptional(
      v.pipe(
        v.string(),
        v.regex(/^\d{1,10}$/, "expected a run id"),
        v.transform(Number),
        wholeBetween(1, 2_147_483_647),
      ),
    ),
  },
  expectedObject("runs filters"),
);

/** GET …/totals query. */
export const TotalsQuerySchema = v.strictObject(
  {
    by: v.exactOptional(oneOf(["week", "month", "user"] as const)),
    from: v.exactOptional(isoDate()),
    to: v.exactOptional(isoDate()),
  },
  expectedObject("totals options"),
);

/** GET …/power query. */
export const PowerQuerySchema = v.strictObject(
  {
    points: v.exactOptional(
      v.pipe(
        v.string(),
        v.regex(/^\d{1,4}$/, "expected a whole number from 10 to 2000"),
        v.transform(Number),
        wholeBetween(10, 2000),
      ),
    ),
  },
  expectedObject("chart options"),
);

/** GET …/report query. */
export const ReportQuerySchema = v.strictObject(
  {
    format: oneOf(["latex", "markdown", "model-card", "json", "csv"] as const),
    trainingType: v.exactOptional(oneOf(["pre-training", "fine-tuning"] as const)),
  },
  expectedObject("report options"),
);

/** A component's energy limit per interval, kWh: 20 kW (the engine's most watts per device) for 1 h. */
export const COMPONENT_MAX_KWH = 20;

/** Numbers the engine's limits allow for a sample line besides the schema's (≥ 0, finite). */
export const SampleLimitsSchema = v.object({
  intervalS: between(0, 3600, "seconds from 0 to 3600 (the tracker's longest interval)"),
  intensityGPerKWh: between(0, 2000, "gCO2eq/kWh from 0 to 2000"),
  components: v.pipe(
    v.array(
      v.object({
        powerW: between(0, 20_000, "watts from 0 to 20000 per component"),
        energyKWh: between(
          0,
          COMPONENT_MAX_KWH,
          `kWh from 0 to ${COMPONENT_MAX_KWH} per component and interval`,
        ),
      }),
    ),
    v.maxLength(256, "at most 256 components a sample"),
  ),
});
