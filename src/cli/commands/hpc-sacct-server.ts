// `mlco2 hpc sacct --server URL`: each priced job stored on the team server as an estimate run under
// `slurm-sacct:<cluster>:<JobID>`, so that importing an overlapping window again stores nothing twice.
// The cluster is the row's own (sacct's Cluster column, with `-M`), else `--cluster-name`; the job's
// User is sent as the run's user when the server would record it, else the job goes without one.
// Jobs are sent in batches while the input is still being read; the queue is bounded, so reading
// waits for the server rather than holding a year of jobs in memory.

import {
  type EstimatesUploadOutcome,
  type EstimateUpload,
  uploadEstimates,
} from "../../client/estimates-upload.ts";
import { tryEstimateWith } from "../../core/estimate.ts";
import { shownValue } from "../../core/problems.ts";
import { isUserName, USER_NAME_MAX } from "../../core/schemas/user-name.ts";
import type { Dataset } from "../../core/types.ts";
import { CLUSTER_NAME_ALLOWED, isClusterName, type PricedJob, type PricedJobTaker } from "../../hpc/index.ts";
import type { ServerTarget } from "../server-target.ts";

/** Jobs per upload (one request, two when their results pass the client's 900 kB a request). */
export const BATCH_JOBS = 200;
/** Batches sent at once. */
const IN_FLIGHT = 4;
/** Jobs waiting at most before reading pauses (one input chunk's jobs may come on top). */
const MAX_QUEUED = BATCH_JOBS * IN_FLIGHT * 2;
/** Jobs not stored that are named one by one; the rest are counted. */
export const MAX_NAMED = 5;

/** The run key of a job: `slurm-sacct:<cluster>:<JobID>`. */
export const sacctKeyOf = (cluster: string, jobId: string): string => `slurm-sacct:${cluster}:${jobId}`;

/** When the job started: sacct's Start (local time without a zone, read in this machine's zone). */
export const startedAtOf = (job: PricedJob): string | undefined => {
  if (job.start === "") return undefined;
  const ms = new Date(job.start).getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
};

/** The label every stored job carries: where it comes from and whose it is. */
export const sacctLabelOf = (cluster: string, job: PricedJob): string =>
  `From Slurm accounting (mlco2 hpc sacct): cluster ${cluster}, job ${job.id}, user ${job.user || "–"}, account ${job.account || "–"}, partition ${job.partition || "–"}, ${job.state}; energy ${job.energyBasis}`;

/** The job's cluster: sacct's Cluster column when the row has one, else `fallback` (--cluster-name). */
export const clusterOfJob = (fallback: string, job: PricedJob): string => job.cluster || fallback;

/**
 * The job's User as the run's user: the name when the server records it (the same rule,
 * {@link isUserName}); undefined without one; `false` when the name is not one the server records.
 */
export const runUserOf = (job: PricedJob): string | undefined | false =>
  job.user === "" ? undefined : isUserName(job.user) ? job.user : false;

/** A Slurm User the server would refuse: its jobs stored without a user; the first such job named. */
export interface UnrecordedUser {
  readonly user: string;
  readonly key: string;
}

/** What storing came to. */
export interface StoreOutcome {
  /** Jobs sent (priced jobs). */
  readonly jobs: number;
  readonly stored: number;
  readonly already: number;
  /** Jobs not stored: the first {@link MAX_NAMED} named, all counted. */
  readonly failed: number;
  readonly named: readonly { readonly key: string; readonly reason: string }[];
  /** Each distinct User that is not a user name, once: those jobs were sent without a user. */
  readonly unrecordedUsers: readonly UnrecordedUser[];
}

/** The job's upload: the engine's full result (the row's figures, checked), labelled; else why not. */
const uploadOf = (dataset: Dataset, cluster: string, job: PricedJob): EstimateUpload | string => {
  if (!isClusterName(cluster))
    return `Cluster ${shownValue(cluster)} is not a cluster name; expected ${CLUSTER_NAME_ALLOWED}`;
  const key = sacctKeyOf(cluster, job.id);
  const full = tryEstimateWith(dataset, job.input);
  if (!full.ok) return full.problems[0].message;
  if (full.value.emissionsKg !== job.emissionsKg) return "the engine's figures differ from the row's";
  const result = { ...full.value, warnings: [sacctLabelOf(cluster, job), ...full.value.warnings] };
  const startedAt = startedAtOf(job);
  const user = runUserOf(job);
  return {
    key,
    result,
    ...(startedAt === undefined ? {} : { startedAt }),
    ...(typeof user === "string" ? { user } : {}),
  };
};

/** Stores priced jobs as they come; `finish` sends the rest and says what happened. */
export class SacctUploads implements PricedJobTaker {
  private queue: EstimateUpload[] = [];
  private readonly sending = new Set<Promise<void>>();
  private stopped: string | null = null;
  private jobs = 0;
  private stored = 0;
  private already = 0;
  private failed = 0;
  private readonly named: { key: string; reason: string }[] = [];
  /** Users not sent, each once (a set: one warning per name, however many jobs it ran). */
  private readonly unrecorded = new Map<string, string>();

  constructor(
    private readonly dataset: Dataset,
    private readonly cluster: string,
    private readonly target: ServerTarget,
    /** Sends one batch (tests pass their own). */
    private readonly upload: typeof uploadEstimates = uploadEstimates,
  ) {}

  readonly take = (job: PricedJob): void => {
    this.jobs++;
    const cluster = clusterOfJob(this.cluster, job);
    if (this.stopped !== null) {
      this.fail(sacctKeyOf(cluster, job.id), this.stopped);
      return;
    }
    const upload = uploadOf(this.dataset, cluster, job);
    if (typeof upload === "string") this.fail(sacctKeyOf(cluster, job.id), upload);
    else {
      if (upload.user === undefined && job.user !== "" && !this.unrecorded.has(job.user))
        this.unrecorded.set(job.user, upload.key);
      this.queue.push(upload);
    }
    if (this.queue.length >= BATCH_JOBS && this.sending.size < IN_FLIGHT) this.send();
  };

  /** Sends what the free slots take; waits while `limit` jobs or more are still queued. */
  private async sendWhile(limit: number): Promise<void> {
    for (;;) {
      while (this.queue.length > 0 && this.sending.size < IN_FLIGHT) this.send();
      if (this.queue.length < limit || this.sending.size === 0) return;
      await Promise.race(this.sending);
    }
  }

  /** Waits while too many jobs are queued (awaited between input chunks). */
  readonly ready = (): Promise<void> => this.sendWhile(MAX_QUEUED);

  /** Sends what is queued; resolves once every batch is answered. */
  async finish(): Promise<StoreOutcome> {
    await this.sendWhile(1);
    await Promise.all(this.sending);
    const { jobs, stored, already, failed, named } = this;
    const unrecordedUsers = [...this.unrecorded].map(([user, key]) => ({ user, key }));
    return { jobs, stored, already, failed, named, unrecordedUsers };
  }

  private send(): void {
    const batch = this.queue.slice(0, BATCH_JOBS);
    this.queue = this.queue.slice(BATCH_JOBS);
    if (this.stopped !== null) {
      for (const upload of batch) this.fail(upload.key, this.stopped);
      return;
    }
    const sent = this.upload(batch, {
      server: this.target.server,
      token: this.target.token,
      retryForMs: this.target.retryForMs,
      ...(this.target.project === undefined ? {} : { project: this.target.project }),
    }).then((outcome) => {
      this.count(outcome);
      this.sending.delete(sent);
    });
    this.sending.add(sent);
  }

  private count(outcome: EstimatesUploadOutcome): void {
    this.stored += outcome.stored;
    this.already += outcome.already;
    for (const f of outcome.failed) this.fail(f.key, f.reason);
    // Token refused, server away past --retry-for: the batches after would fail the same way.
    if (outcome.stopped !== undefined) this.stopped ??= outcome.stopped;
  }

  private fail(key: string, reason: string): void {
    this.failed++;
    if (this.named.length < MAX_NAMED) this.named.push({ key, reason });
  }
}

const count = (n: number): string => n.toLocaleString("en-US");

/** What storing came to, as stderr lines (without the "mlco2: " prefix). */
export const storeLines = (server: string, o: StoreOutcome): string[] => [
  ...o.unrecordedUsers.map(
    (u) =>
      `${server}: User ${shownValue(u.user)} (first in job "${u.key}") is not a user name the server records (1 to ${USER_NAME_MAX} characters, no control characters): its jobs are stored without a user`,
  ),
  ...o.named.map((f) => `${server}: job "${f.key}" not stored: ${f.reason}`),
  ...(o.failed > o.named.length ? [`${server}: ${count(o.failed - o.named.length)} more not stored`] : []),
  `${server}: stored ${count(o.stored)} of ${count(o.jobs)} priced jobs as estimate runs${o.already > 0 ? ` (${count(o.already)} stored before, left as they are)` : ""}${o.failed > 0 ? `; ${count(o.failed)} not stored: run the import again to send them` : ""}`,
];
