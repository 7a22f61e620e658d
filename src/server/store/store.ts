// The server's one storage interface. Two engines implement it with the same SQL and the same migrations
// (sql-store.ts over a SqlDb): embedded PGlite (pglite.ts) and PostgreSQL (postgres.ts).
import type { EstimateResult } from "../../core/types.ts";

/** What a token may do: write samples of its project, read its project, or manage everything. */
export type TokenScope = "ingest" | "read" | "admin";

/** Token scopes, in the order the CLI lists them. */
export const TOKEN_SCOPES: readonly TokenScope[] = ["ingest", "read", "admin"];

/** A stored token (never the token itself: its public id and the SHA-256 of the whole token). */
export interface TokenRecord {
  /** Public lookup id (the part of the token after `mlco2_` and before the secret). */
  readonly id: string;
  /** Hex SHA-256 of the whole token. */
  readonly hash: string;
  /** The project it belongs to. */
  readonly projectId: number;
  /** That project's name. */
  readonly projectName: string;
  /** What it may do. */
  readonly scope: TokenScope;
  /** A note given when it was created. */
  readonly label: string | null;
  /** When it was created. */
  readonly createdAt: Date;
  /** When it was revoked (null while valid). */
  readonly revokedAt: Date | null;
}

/** A token to store. */
export interface NewToken {
  /** Public lookup id. */
  readonly id: string;
  /** Hex SHA-256 of the whole token. */
  readonly hash: string;
  /** Project name (created when missing). */
  readonly projectName: string;
  /** Scope. */
  readonly scope: TokenScope;
  /** Note. */
  readonly label: string | null;
  /** Creation time. */
  readonly at: Date;
}

/** A project. */
export interface Project {
  /** Id. */
  readonly id: number;
  /** Name, stored verbatim. */
  readonly name: string;
}

/** Where a run came from. */
export type RunOrigin = "tracker" | "estimate" | "codecarbon";

/** Which node of which run a batch belongs to. */
export interface NodeRef {
  /** The project. */
  readonly projectId: number;
  /** Run key (`--run-id`, MLCO2_RUN_ID, SLURM_JOB_ID, TORCHELASTIC_RUN_ID, else the log's id). */
  readonly runKey: string;
  /** Machine name. */
  readonly hostname: string;
  /** Rank within the run (0 for single-process runs). */
  readonly rank: number;
  /** The tracker log's own id (its start line's runId): a requeued job writes a new log. */
  readonly logId: string;
}

/** One component's reading over one interval, ready to store. */
export interface SampleRow {
  /** The log line's sample number (0-based): with the series, the idempotency key. */
  readonly seq: number;
  /** End of the interval, ISO 8601. */
  readonly time: string;
  /** Interval length, s. */
  readonly intervalS: number;
  /** Component key, e.g. "gpu:0". */
  readonly key: string;
  /** cpu, gpu or memory. */
  readonly component: string;
  /** Human label. */
  readonly label: string;
  /** measured or estimated. */
  readonly method: string;
  /** How it was read. */
  readonly via: string;
  /** Average power, W. */
  readonly powerW: number;
  /** IT energy, kWh. */
  readonly energyKWh: number;
  /** This component's share of the interval's emissions, kg. */
  readonly emissionsKg: number;
  /** IT energy × PUE, kWh. */
  readonly facilityKWh: number;
}

/** Totals a summary (or an estimate, or a CodeCarbon row) gives for a whole run or log. */
export interface SummaryFigures {
  /** IT energy, kWh. */
  readonly energyKWh: number;
  /** Location-based emissions, kg. */
  readonly emissionsKg: number;
  /** Range low, kg (null when unknown, e.g. CodeCarbon rows). */
  readonly lowKg: number | null;
  /** Range high, kg. */
  readonly highKg: number | null;
  /** Market-based emissions, kg (null when the location has none). */
  readonly marketKg: number | null;
}

/** One batch from one tracker log. */
export interface IngestBatch {
  /** Where it goes. */
  readonly node: NodeRef;
  /** When the batch arrived (creates rows with this time). */
  readonly at: Date;
  /** The log's start time, when its start line was sent. */
  readonly startedAt: string | null;
  /** The start line, verbatim. */
  readonly start: unknown;
  /** Who ran the job (the start line's `user`), set on the run when it has none yet. */
  readonly user?: string | null;
  /** The summary line (verbatim) and its figures, when sent. */
  readonly summary: { readonly line: unknown; readonly figures: SummaryFigures } | null;
  /** Component rows of the batch's sample lines. */
  readonly rows: readonly SampleRow[];
  /** The seqs sent, when they run contiguously first..last (the acknowledgement may then advance). */
  readonly contiguous: { readonly first: number; readonly last: number } | null;
}

/** What a batch did. */
export interface IngestOutcome {
  /** Component rows stored now. */
  readonly inserted: number;
  /** Component rows already stored (retries). */
  readonly duplicates: number;
  /** Every sample seq up to this one is stored for the log (-1: none). */
  readonly ackedThrough: number;
}

/** A run that is a single result: an uploaded estimate or a CodeCarbon row. */
export interface SingleResultRun {
  /** The project. */
  readonly projectId: number;
  /** Run key (idempotency: the same key is stored once). */
  readonly key: string;
  /** estimate or codecarbon. */
  readonly origin: "estimate" | "codecarbon";
  /** When it ran (its day in the totals). */
  readonly startedAt: Date;
  /** When it was uploaded. */
  readonly at: Date;
  /** The result (an EstimateResult for estimates, the row's columns for CodeCarbon). */
  readonly result: unknown;
  /** Its totals. */
  readonly figures: SummaryFigures;
  /** Facility energy (IT × PUE), kWh. */
  readonly facilityKWh: number;
  /** Who ran it (null or absent: not recorded). */
  readonly user?: string | null;
}

/** What storing single-result runs together did: all of them stored or known, or nothing stored. */
export type SingleResultsOutcome =
  | {
      readonly ok: true;
      /** Per run, in order: stored now (false: its key was stored before, or earlier in the same list). */
      readonly created: readonly boolean[];
    }
  | {
      readonly ok: false;
      /** The runs whose key a run of another origin holds; nothing of the list was stored. */
      readonly conflicts: readonly { readonly index: number; readonly origin: RunOrigin }[];
    };

/** A project with its totals, for the overview. */
export interface ProjectOverview extends Project {
  /** Runs of every origin. */
  readonly runs: number;
  /** IT energy, kWh. */
  readonly energyKWh: number;
  /** Location-based emissions, kg. */
  readonly emissionsKg: number;
  /** Last day with data, ISO date (null when empty). */
  readonly lastDay: string | null;
}

/** Figures of one origin over a group of days (a period, a person). */
export interface OriginFigures {
  /** Where the figures come from. */
  readonly origin: RunOrigin;
  /** Runs with data in the group. */
  readonly runs: number;
  /** IT energy, kWh. */
  readonly energyKWh: number;
  /** Facility energy (× PUE), kWh. */
  readonly facilityEnergyKWh: number;
  /** Location-based emissions, kg. */
  readonly emissionsKg: number;
  /** Range over the runs that have one (their share scaled by their summary's ratios), kg. */
  readonly lowKg: number;
  /** Range high, kg. */
  readonly highKg: number;
  /** Location-based emissions of runs with no range yet (running, or CodeCarbon rows), kg. */
  readonly unrangedKg: number;
  /** Market-based emissions of the runs that have a market-based figure, kg. */
  readonly marketBasedKg: number;
  /** Location-based emissions those runs account for, kg (market-based covers this much). */
  readonly marketCoveredKg: number;
}

/** Totals of one period and one origin. */
export interface PeriodTotals extends OriginFigures {
  /** First day of the period (ISO date, weeks start on Monday). */
  readonly period: string;
}

/** Totals of one person and one origin. */
export interface UserTotals extends OriginFigures {
  /** Who ran the runs (null: runs that recorded no user). */
  readonly user: string | null;
}

/** Filters of the runs list. */
export interface RunFilter {
  /** Only this origin. */
  readonly origin?: RunOrigin;
  /** Only running (no summary yet) or finished runs. */
  readonly status?: "running" | "finished";
  /** Runs with data on or after this day (ISO date). */
  readonly from?: string;
  /** Runs with data on or before this day (ISO date). */
  readonly to?: string;
  /** Run keys containing this text. */
  readonly q?: string;
  /** Only runs of this user. */
  readonly user?: string;
  /** At most this many (newest first). */
  readonly limit: number;
  /** Runs created before this run id (paging). */
  readonly before?: number;
}

/** One run in a list. */
export interface RunListItem {
  /** Id (for paging). */
  readonly id: number;
  /** Run key. */
  readonly key: string;
  /** Origin. */
  readonly origin: RunOrigin;
  /** Who ran it (the tracker start line's or the upload's `user`; null when none was recorded). */
  readonly user: string | null;
  /** running or finished. */
  readonly status: "running" | "finished";
  /** Created (first seen), ISO. */
  readonly createdAt: string;
  /** Started, ISO (null when unknown). */
  readonly startedAt: string | null;
  /** Nodes (machine + rank). */
  readonly nodes: number;
  /** IT energy so far, kWh. */
  readonly energyKWh: number;
  /** Location-based emissions so far, kg. */
  readonly emissionsKg: number;
  /** Last activity, ISO (null when none). */
  readonly lastTime: string | null;
}

/** A series (component stream) of a node, with its totals. */
export interface SeriesInfo {
  /** Series id. */
  readonly id: number;
  /** Component key. */
  readonly key: string;
  /** cpu, gpu or memory. */
  readonly component: string;
  /** Label. */
  readonly label: string;
  /** measured or estimated. */
  readonly method: string;
  /** How it was read. */
  readonly via: string;
  /** IT energy, kWh. */
  readonly energyKWh: number;
  /** Emissions, kg. */
  readonly emissionsKg: number;
  /** Samples stored. */
  readonly samples: number;
  /** First and last sample time, ISO. */
  readonly firstTime: string | null;
  readonly lastTime: string | null;
  /** Power of the last interval, W. */
  readonly lastPowerW: number;
}

/** One node of a run. */
export interface NodeInfo {
  /** Machine name. */
  readonly hostname: string;
  /** Rank. */
  readonly rank: number;
  /** Its logs (usually one). */
  readonly logs: readonly {
    readonly logId: string;
    readonly startedAt: string | null;
    readonly ackedThrough: number;
    readonly start: unknown;
    readonly summary: unknown;
    readonly series: readonly SeriesInfo[];
  }[];
}

/** A run with its nodes, series and summaries. */
export interface RunDetail extends RunListItem {
  /** The project. */
  readonly projectId: number;
  /** The stored result (estimate, CodeCarbon row), null for tracker runs. */
  readonly result: unknown;
  /** Summary figures (null until a summary arrived). */
  readonly summary: SummaryFigures | null;
  /** Nodes (tracker runs). */
  readonly nodeList: readonly NodeInfo[];
}

/** Average power of one node's component in one time bucket. */
export interface PowerPoint {
  /** Node hostname. */
  readonly hostname: string;
  /** Node rank. */
  readonly rank: number;
  /** cpu, gpu or memory. */
  readonly component: string;
  /** measured or estimated (estimated when any series of the group is). */
  readonly method: string;
  /** Bucket start, epoch ms. */
  readonly t: number;
  /** Average power over the covered time, W. */
  readonly powerW: number;
}

/** One stored sample with its node and series, for CSV export. */
export interface SampleExportRow {
  readonly hostname: string;
  readonly rank: number;
  readonly logId: string;
  readonly seq: number;
  readonly time: string;
  readonly key: string;
  readonly component: string;
  readonly label: string;
  readonly method: string;
  readonly via: string;
  readonly intervalS: number;
  readonly energyKWh: number;
  readonly emissionsKg: number;
  /** Series id (paging). */
  readonly seriesId: number;
}

/** Totals behind /metrics and OTLP: per project, run, node, component and method. */
export interface MetricRow {
  readonly project: string;
  readonly run: string;
  /** `hostname:rank`. */
  readonly node: string;
  readonly component: string;
  readonly method: string;
  /** IT energy, kWh (ever). */
  readonly energyKWh: number;
  /** Emissions, kg (ever). */
  readonly emissionsKg: number;
  /** Power of the last interval summed over the group's series still reporting, W (null: none recent). */
  readonly powerW: number | null;
}

/** The server's storage. Every method may reject with the engine's error; none returns partial writes. */
export interface Store {
  /** Which engine. */
  readonly kind: "pglite" | "postgres";
  /** Releases the database. */
  close(): Promise<void>;

  /** Stores a token (creating its project when missing). */
  createToken(token: NewToken): Promise<TokenRecord>;
  /** A token by its public id. */
  findToken(id: string): Promise<TokenRecord | null>;
  /** Every token (revoked ones too), newest first. */
  listTokens(): Promise<TokenRecord[]>;
  /** Revokes a token; false when there is no such token or it was revoked already. */
  revokeToken(id: string, at: Date): Promise<boolean>;
  /** How many tokens exist (0 on a fresh store). */
  countTokens(): Promise<number>;

  /** The project of that name, created when missing. */
  ensureProject(name: string, at: Date): Promise<Project>;
  /** The project of that name. */
  findProject(name: string): Promise<Project | null>;
  /** Projects with totals (all of them, or those ids). */
  listProjects(ids: readonly number[] | null): Promise<ProjectOverview[]>;

  /** Stores one batch of one log; idempotent per (log, component key, seq). */
  ingest(batch: IngestBatch): Promise<IngestOutcome>;
  /** What is stored of a log: every sample seq up to `ackedThrough` (-1: nothing yet), and its summary. */
  ackOf(node: NodeRef): Promise<{ readonly ackedThrough: number; readonly summary: boolean }>;
  /** Stores an estimate or a CodeCarbon row as a run; false when that key exists (nothing changed). */
  saveSingleResult(run: SingleResultRun): Promise<{ readonly created: boolean; readonly origin: RunOrigin }>;
  /**
   * Stores many single-result runs in one transaction, each once per key (a key stored before, or earlier
   * in the list, is left as it is); when a key is held by a run of another origin, stores none of them.
   */
  saveSingleResults(runs: readonly SingleResultRun[]): Promise<SingleResultsOutcome>;

  /** Totals per week or month and origin. */
  projectTotals(
    projectId: number,
    by: "week" | "month",
    range: { readonly from?: string; readonly to?: string },
  ): Promise<PeriodTotals[]>;
  /** Totals per user and origin. */
  userTotals(
    projectId: number,
    range: { readonly from?: string; readonly to?: string },
  ): Promise<UserTotals[]>;
  /** Runs of a project, newest first. */
  listRuns(projectId: number, filter: RunFilter): Promise<RunListItem[]>;
  /** One run. */
  runDetail(projectId: number, key: string): Promise<RunDetail | null>;
  /** A run's average power per node, component and time bucket. */
  runPower(runId: number, bucketS: number, source: "samples" | "hours", origin: Date): Promise<PowerPoint[]>;
  /** A run's samples, ordered by series and seq, after a (series, seq) position. */
  runSamples(
    runId: number,
    after: { readonly seriesId: number; readonly seq: number },
    limit: number,
  ): Promise<SampleExportRow[]>;
  /** Totals for /metrics and OTLP (all projects, or those ids); power only for series seen since `recentSince`. */
  metricRows(projectIds: readonly number[] | null, recentSince: Date): Promise<MetricRow[]>;
}

/** Re-exported for the routes: the result type a run's report renders. */
export type { EstimateResult };
