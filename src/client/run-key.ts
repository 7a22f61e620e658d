// Which run and which node a tracker log belongs to, from flags and the environment. Pure.

/** The environment variables read, in order of preference, for the run key. */
export const RUN_KEY_VARIABLES = ["MLCO2_RUN_ID", "SLURM_JOB_ID", "TORCHELASTIC_RUN_ID"] as const;
/** The environment variables read, in order, for the node's rank. */
export const RANK_VARIABLES = ["RANK", "SLURM_PROCID", "OMPI_COMM_WORLD_RANK", "PMI_RANK"] as const;

type Env = Readonly<Record<string, string | undefined>>;

/** A run key and where it came from. */
export interface RunKey {
  /** The key. */
  readonly key: string;
  /** "--run-id", an environment variable's name, or "log" (the log's own id). */
  readonly from: string;
}

/**
 * The run key: `--run-id`, else MLCO2_RUN_ID, SLURM_JOB_ID, TORCHELASTIC_RUN_ID (the first set), else
 * the log's own id (a run of one node).
 *
 * @example
 * resolveRunKey(undefined, { SLURM_JOB_ID: "123" }, "uuid") // { key: "123", from: "SLURM_JOB_ID" }
 */
export const resolveRunKey = (flag: string | undefined, env: Env, logId: string): RunKey => {
  if (flag !== undefined && flag !== "") return { key: flag, from: "--run-id" };
  for (const name of RUN_KEY_VARIABLES) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== "") return { key: value, from: name };
  }
  return { key: logId, from: "log" };
};

/** The rank from RANK, SLURM_PROCID, OMPI_COMM_WORLD_RANK or PMI_RANK (0 when none is a whole number). */
export const rankFromEnv = (env: Env): number => {
  for (const name of RANK_VARIABLES) {
    const value = env[name]?.trim();
    if (value !== undefined && /^\d{1,7}$/.test(value)) return Number(value);
  }
  return 0;
};
