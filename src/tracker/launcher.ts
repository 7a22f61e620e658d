// Which launcher started this tracker, read from the environment: pure (environment in, description out).
// Slurm (srun/sbatch), torchrun / torch elastic, Open MPI, MPICH / Intel MPI / PMIx, and the plain
// torch.distributed variables that DeepSpeed and Accelerate set. See docs/tracker.md#distributed-runs.

/** Environment variables, as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The launcher whose variables gave the rank (the innermost one when several are nested). */
export type LauncherName = "slurm" | "torchrun" | "torch-distributed" | "open-mpi" | "pmi" | "none";

/** Where the run key came from, in the order they are tried. */
export type RunKeyFrom = "--run-id" | "MLCO2_RUN_ID" | "SLURM_JOB_ID" | "TORCHELASTIC_RUN_ID";

/** The order in which the run key is looked for (the team server uses the same). */
export const RUN_KEY_ORDER: readonly RunKeyFrom[] = [
  "--run-id",
  "MLCO2_RUN_ID",
  "SLURM_JOB_ID",
  "TORCHELASTIC_RUN_ID",
];

/** What the environment says about this tracker's place in a (possibly distributed) run. */
export interface LaunchContext {
  /** The launcher that gave the rank ("none" when no launcher variable is set). */
  readonly launcher: LauncherName;
  /** Key shared by every tracker of one run (null when nothing names the run: each tracker is its own run). */
  readonly runKey: string | null;
  /** Where the run key came from. */
  readonly runKeyFrom: RunKeyFrom | null;
  /** Host name: Slurm's node name (SLURMD_NODENAME), else the machine's. */
  readonly host: string;
  /** Slurm job id (SLURM_JOB_ID), for joining with `sacct -j`. */
  readonly jobId: string | null;
  /** Slurm step id (SLURM_STEP_ID): a number, "batch", "extern" or "interactive". */
  readonly stepId: string | null;
  /** Index of this node in the run (SLURM_NODEID, torch GROUP_RANK). */
  readonly nodeIndex: number | null;
  /** Nodes in the run (SLURM_STEP_NUM_NODES, SLURM_NNODES). */
  readonly nodeCount: number | null;
  /** Global rank of this task. */
  readonly rank: number | null;
  /** Rank of this task on its node. */
  readonly localRank: number | null;
  /** Tasks in the run. */
  readonly worldSize: number | null;
  /** Tasks of the run on this node. */
  readonly localSize: number | null;
  /** CPUs the job holds on this node (SLURM_CPUS_ON_NODE), null when not said. */
  readonly allocationCpus: number | null;
}

/** Slurm's step ids for its special steps (slurm.h: SLURM_BATCH_SCRIPT, SLURM_EXTERN_CONT, SLURM_INTERACTIVE_STEP). */
const SPECIAL_STEPS: Readonly<Record<string, string>> = {
  "4294967294": "batch",
  "4294967295": "extern",
  "4294967293": "interactive",
};

const textOf = (env: Environment, name: string): string | null => {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? null : value;
};

/** A whole number ≥ 0 from a variable; null when absent or not one. */
const countOf = (env: Environment, name: string): number | null => {
  const value = textOf(env, name);
  return value !== null && /^\d{1,9}$/.test(value) ? Number(value) : null;
};

const firstOf = (...values: (number | null)[]): number | null => values.find((v) => v !== null) ?? null;

/**
 * Tasks per node from Slurm's compressed list (`SLURM_STEP_TASKS_PER_NODE` / `SLURM_TASKS_PER_NODE`,
 * e.g. "8(x2),4" = 8, 8, 4), for the node at `index`; null when it cannot be read.
 */
export const tasksOnNode = (text: string, index: number): number | null => {
  let node = 0;
  for (const part of text.split(",")) {
    const match = /^(\d+)(?:\(x(\d+)\))?$/.exec(part.trim());
    if (match === null) return null;
    const repeat = Number(match[2] ?? 1);
    if (index < node + repeat) return Number(match[1]);
    node += repeat;
  }
  return null;
};

/** The step id as Slurm's tools print it ("0", "batch", "extern"). */
const stepOf = (env: Environment): string | null => {
  const step = textOf(env, "SLURM_STEP_ID") ?? textOf(env, "SLURM_STEPID");
  return step === null ? null : (SPECIAL_STEPS[step] ?? step);
};

/** The run key and where it came from: `--run-id`, MLCO2_RUN_ID, SLURM_JOB_ID(.step), TORCHELASTIC_RUN_ID. */
const runKeyOf = (
  env: Environment,
  runId: string | undefined,
): { runKey: string | null; runKeyFrom: RunKeyFrom | null } => {
  const given = runId?.trim();
  if (given !== undefined && given !== "") return { runKey: given, runKeyFrom: "--run-id" };
  const own = textOf(env, "MLCO2_RUN_ID");
  if (own !== null) return { runKey: own, runKeyFrom: "MLCO2_RUN_ID" };
  const job = textOf(env, "SLURM_JOB_ID") ?? textOf(env, "SLURM_JOBID");
  if (job !== null) {
    const step = stepOf(env);
    return { runKey: `slurm:${job}${step === null ? "" : `.${step}`}`, runKeyFrom: "SLURM_JOB_ID" };
  }
  // torchrun's default rendezvous id is the word "none": it names no run.
  const elastic = textOf(env, "TORCHELASTIC_RUN_ID");
  if (elastic !== null && elastic !== "none")
    return { runKey: `torchelastic:${elastic}`, runKeyFrom: "TORCHELASTIC_RUN_ID" };
  return { runKey: null, runKeyFrom: null };
};

/** Rank figures of one launcher, or null when its variables are absent. */
interface Ranks {
  readonly launcher: LauncherName;
  readonly rank: number | null;
  readonly localRank: number | null;
  readonly worldSize: number | null;
  readonly localSize: number | null;
  readonly nodeIndex: number | null;
}

/** torchrun / elastic, or the torch.distributed variables DeepSpeed and Accelerate set (RANK with WORLD_SIZE). */
const torchRanks = (env: Environment): Ranks | null => {
  const rank = countOf(env, "RANK");
  const worldSize = countOf(env, "WORLD_SIZE");
  if (rank === null || worldSize === null) return null;
  return {
    launcher: textOf(env, "TORCHELASTIC_RUN_ID") === null ? "torch-distributed" : "torchrun",
    rank,
    localRank: countOf(env, "LOCAL_RANK"),
    worldSize,
    localSize: firstOf(countOf(env, "LOCAL_WORLD_SIZE"), countOf(env, "LOCAL_SIZE")),
    nodeIndex: firstOf(countOf(env, "GROUP_RANK"), countOf(env, "NODE_RANK"), countOf(env, "CROSS_RANK")),
  };
};

const openMpiRanks = (env: Environment): Ranks | null => {
  const rank = countOf(env, "OMPI_COMM_WORLD_RANK");
  if (rank === null) return null;
  return {
    launcher: "open-mpi",
    rank,
    localRank: countOf(env, "OMPI_COMM_WORLD_LOCAL_RANK"),
    worldSize: countOf(env, "OMPI_COMM_WORLD_SIZE"),
    localSize: countOf(env, "OMPI_COMM_WORLD_LOCAL_SIZE"),
    nodeIndex: null,
  };
};

/** MPICH / Intel MPI (PMI_RANK, MPI_LOCALRANKID) and PMIx (PMIX_RANK). */
const pmiRanks = (env: Environment): Ranks | null => {
  const rank = firstOf(countOf(env, "PMI_RANK"), countOf(env, "PMIX_RANK"));
  if (rank === null) return null;
  return {
    launcher: "pmi",
    rank,
    localRank: countOf(env, "MPI_LOCALRANKID"),
    worldSize: countOf(env, "PMI_SIZE"),
    localSize: countOf(env, "MPI_LOCALNRANKS"),
    nodeIndex: null,
  };
};

const slurmRanks = (env: Environment): Ranks | null => {
  if (textOf(env, "SLURM_JOB_ID") === null && textOf(env, "SLURM_JOBID") === null) return null;
  const nodeIndex = countOf(env, "SLURM_NODEID");
  const perNode = textOf(env, "SLURM_STEP_TASKS_PER_NODE") ?? textOf(env, "SLURM_TASKS_PER_NODE");
  return {
    launcher: "slurm",
    rank: countOf(env, "SLURM_PROCID"),
    localRank: countOf(env, "SLURM_LOCALID"),
    worldSize: firstOf(countOf(env, "SLURM_STEP_NUM_TASKS"), countOf(env, "SLURM_NTASKS")),
    localSize: perNode === null || nodeIndex === null ? null : tasksOnNode(perNode, nodeIndex),
    nodeIndex,
  };
};

/**
 * Describes this tracker's place in a run from its environment. When launchers are nested (torchrun
 * started by srun, mpirun inside an sbatch script) the innermost one gives the rank: torch variables,
 * then Open MPI, then PMI, then Slurm; Slurm still gives the job and step ids and, when it gave the
 * rank, the node index. The run key: `runId` (the `--run-id` flag), MLCO2_RUN_ID, SLURM_JOB_ID (with
 * the step, `slurm:1234.0`), TORCHELASTIC_RUN_ID (`torchelastic:<id>`), in that order.
 *
 * @example
 * launchContextOf({ SLURM_JOB_ID: "1234", SLURM_STEP_ID: "0", SLURM_PROCID: "3", SLURM_LOCALID: "3", SLURM_NODEID: "0" }, { hostname: "gpu001" })
 * // { launcher: "slurm", runKey: "slurm:1234.0", rank: 3, localRank: 3, nodeIndex: 0, host: "gpu001", … }
 */
export const launchContextOf = (
  env: Environment,
  options: { readonly runId?: string; readonly hostname: string },
): LaunchContext => {
  const slurm = slurmRanks(env);
  const ranks = torchRanks(env) ?? openMpiRanks(env) ?? pmiRanks(env) ?? slurm;
  const slurmGaveRank = ranks !== null && ranks === slurm;
  return {
    launcher: ranks?.launcher ?? "none",
    ...runKeyOf(env, options.runId),
    host: textOf(env, "SLURMD_NODENAME") ?? options.hostname,
    jobId: textOf(env, "SLURM_JOB_ID") ?? textOf(env, "SLURM_JOBID"),
    stepId: stepOf(env),
    nodeIndex: ranks?.nodeIndex ?? null,
    nodeCount: slurmGaveRank
      ? firstOf(countOf(env, "SLURM_STEP_NUM_NODES"), countOf(env, "SLURM_NNODES"))
      : null,
    rank: ranks?.rank ?? null,
    localRank: ranks?.localRank ?? null,
    worldSize: ranks?.worldSize ?? null,
    localSize: ranks?.localSize ?? null,
    allocationCpus: slurm === null ? null : countOf(env, "SLURM_CPUS_ON_NODE"),
  };
};

/**
 * Whether this tracker reports the node's overhead that no process owns (idle GPUs of the allocation,
 * host idle): the task of local rank 0, or a tracker with no local rank (alone on its node). So
 * eight trackers on one node report it once.
 */
export const reportsNodeOverhead = (launch: LaunchContext): boolean =>
  launch.localRank === null || launch.localRank === 0;

/** Where one tracker sits in its run, as every log line carries it. */
export interface TaskPlace {
  /** The run key (null: this tracker's own runId names its run). */
  readonly runKey: string | null;
  /** Host name. */
  readonly host: string;
  /** Node index (null when no launcher says). */
  readonly node: number | null;
  /** Global rank. */
  readonly rank: number | null;
  /** Rank on the node. */
  readonly localRank: number | null;
}

/** The part of the launch context every log line carries. */
export const taskPlaceOf = (launch: LaunchContext): TaskPlace => ({
  runKey: launch.runKey,
  host: launch.host,
  node: launch.nodeIndex,
  rank: launch.rank,
  localRank: launch.localRank,
});

/** A piece of a file name: letters, digits, dot, dash and underscore kept, the rest as "-", at most 60 characters. */
const fileSafe = (text: string): string =>
  text
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|-+$/g, "")
    .slice(0, 60);

/**
 * The default log name: time, run key, host, rank and process id, so that concurrent trackers (one per
 * rank, or two started in the same second) never share a file, e.g.
 * `mlco2-20260128-142233-slurm-1234.0-gpu001-rank3-81234.jsonl`.
 */
export const defaultLogName = (launch: LaunchContext, now: Date, pid: number): string => {
  const time = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const parts = [
    "mlco2",
    time,
    launch.runKey === null ? "" : fileSafe(launch.runKey),
    fileSafe(launch.host),
    launch.rank === null ? "" : `rank${launch.rank}`,
    String(pid),
  ];
  return `${parts.filter((p) => p !== "").join("-")}.jsonl`;
};
