// The sacct fields read, by name: the header drives everything, so GA4HPC's field list, the list
// documented here and shorter ones all work.

/** The field list to request (docs/hpc.md): `sacct -a -P -S … -E … --format=<this>`. */
export const SACCT_FIELDS = [
  "JobID",
  "JobName",
  "User",
  "Account",
  "Partition",
  "State",
  "Submit",
  "Start",
  "End",
  "Elapsed",
  "NNodes",
  "NCPUS",
  "TotalCPU",
  "CPUTime",
  "ReqMem",
  "MaxRSS",
  "AllocTRES",
  "NodeList",
  "ConsumedEnergyRaw",
] as const;

/** Fields read, with the other names sacct may print for them. */
const ALIASES: Readonly<Record<string, Field>> = {
  cluster: "Cluster",
  jobid: "JobID",
  user: "User",
  account: "Account",
  partition: "Partition",
  state: "State",
  submit: "Submit",
  start: "Start",
  end: "End",
  elapsed: "Elapsed",
  nnodes: "NNodes",
  allocnodes: "NNodes",
  ncpus: "NCPUS",
  alloccpus: "NCPUS",
  totalcpu: "TotalCPU",
  cputime: "CPUTime",
  reqmem: "ReqMem",
  maxrss: "MaxRSS",
  alloctres: "AllocTRES",
  nodelist: "NodeList",
  consumedenergyraw: "ConsumedEnergyRaw",
};

/**
 * A field this reads. `Cluster` is not requested (one cluster's output has one value), but is read when
 * present: `sacct -M a,b` / `--clusters` output lists several clusters, and a JobID is unique only
 * within its cluster.
 */
export type Field = Exclude<(typeof SACCT_FIELDS)[number], "JobName"> | "Cluster";

/** Position of each field read in the header (-1 when absent). */
export type FieldIndex = Readonly<Record<Field, number>>;

/** Fields without which no job can be priced. */
const REQUIRED: readonly Field[] = ["JobID", "State", "Elapsed"];

/**
 * The position of each field in the header (`JobID|JobName|…`), or the fields missing. A field given
 * twice counts at its first place.
 */
export const fieldIndexOf = (header: readonly string[]): { index: FieldIndex } | { missing: string[] } => {
  const index: Record<string, number> = {};
  for (const name of Object.values(ALIASES)) index[name] = -1;
  header.forEach((name, i) => {
    const field = ALIASES[name.trim().toLowerCase()];
    if (field !== undefined && index[field] === -1) index[field] = i;
  });
  const missing: string[] = REQUIRED.filter((f) => index[f] === -1);
  if (index.NCPUS === -1 && index.AllocTRES === -1) missing.push("NCPUS or AllocTRES");
  return missing.length > 0 ? { missing } : { index: index as FieldIndex };
};
