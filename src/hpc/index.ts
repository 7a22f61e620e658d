// Slurm accounting priced with the engine: sacct output, cluster files. Nothing here is worded for a command.
export type { Cluster, NodeSpec } from "./cluster.ts";
export { type ClusterOutcome, clusterFromTable, readCluster } from "./cluster-file.ts";
export { CLUSTER_NAME_ALLOWED, isClusterName } from "./cluster-name.ts";
export type { SpecTable } from "./cluster-schema.ts";
export { CLUSTER_TEMPLATE } from "./cluster-template.ts";
export { engineInputOf, type JobQuantities, type MemoryChoice, quantitiesOf } from "./job-model.ts";
export { JOB_ROW_COLUMNS, type RowFormat } from "./job-rows.ts";
export type { PricedJob, PricedJobTaker } from "./priced-job.ts";
export type { HpcProblemCode, LineProblem } from "./problems.ts";
export { SACCT_FIELDS } from "./sacct-columns.ts";
export {
  type ByteSink,
  MAX_LISTED,
  priceSacct,
  SacctInputError,
  type SacctOptions,
  type SacctTotals,
} from "./sacct-run.ts";
export { GROUP_BY, type GroupBy, renderSummary, SUMMARY_FORMATS, type SummaryFormat } from "./summary.ts";
