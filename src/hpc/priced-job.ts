// A priced job as a record of its own (the reader reuses its job and row objects): what storing it
// elsewhere needs, its identity, when it ran, and the engine input its figures come from.
import type { PricedRow } from "../batch/priced-row.ts";
import type { EstimateInput } from "../core/types.ts";
import type { NodeSpec } from "./cluster.ts";
import { engineInputOf, type JobQuantities } from "./job-model.ts";
import { energyBasisOf } from "./job-rows.ts";
import type { SacctJob } from "./sacct-job.ts";

/** One priced job, copied out of the reader's reused objects. */
export interface PricedJob {
  /** JobID as printed (`123`, `123_4`, `123+1`). */
  readonly id: string;
  /** Cluster (sacct's Cluster column, present with `-M`/`--clusters`; "" when the header lacks it). */
  readonly cluster: string;
  /** User, Account, Partition ("" when the header lacks them). */
  readonly user: string;
  readonly account: string;
  readonly partition: string;
  /** State name (`COMPLETED`, `FAILED`…). */
  readonly state: string;
  /** Start as sacct prints it (local time without a zone), else "" when it is not a date. */
  readonly start: string;
  /** Elapsed, seconds. */
  readonly elapsedS: number;
  /** `model`, or `measured (ConsumedEnergyRaw)` / `measured (AllocTRES energy)`. */
  readonly energyBasis: string;
  /** What `mlco2 estimate` is given for the same figures. */
  readonly input: EstimateInput;
  /** Location-based emissions of the row, kg (to check the engine's result against). */
  readonly emissionsKg: number;
}

/** Takes priced jobs as they are priced; `ready` is awaited between input chunks (backpressure). */
export interface PricedJobTaker {
  readonly take: (job: PricedJob) => void;
  readonly ready: () => Promise<void>;
}

const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/** The record of a job priced on `spec` with `row`'s figures. */
export const pricedJobOf = (job: SacctJob, q: JobQuantities, spec: NodeSpec, row: PricedRow): PricedJob => {
  const start = job.index.Start >= 0 ? job.text("Start") : "";
  return {
    id: job.id,
    cluster: job.index.Cluster >= 0 ? job.text("Cluster") : "",
    user: job.index.User >= 0 ? job.text("User") : "",
    account: job.index.Account >= 0 ? job.text("Account") : "",
    partition: job.index.Partition >= 0 ? job.text("Partition") : "",
    state: job.state.name,
    start: DATE.test(start) ? start : "",
    elapsedS: job.elapsedS,
    energyBasis: energyBasisOf(job, q),
    input: engineInputOf(q, spec),
    emissionsKg: row.emissionsKg,
  };
};
