import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  defaultLogName,
  type Environment,
  type LaunchContext,
  launchContextOf,
  reportsNodeOverhead,
  tasksOnNode,
} from "./launcher.ts";

const HOST = "workstation";

/** Environments as each launcher sets them, and what must be read from them. */
const CASES: readonly {
  readonly name: string;
  readonly env: Environment;
  readonly runId?: string;
  readonly expect: Partial<LaunchContext>;
}[] = [
  {
    name: "no launcher",
    env: { PATH: "/usr/bin", HOME: "/home/me" },
    expect: {
      launcher: "none",
      runKey: null,
      runKeyFrom: null,
      host: HOST,
      rank: null,
      localRank: null,
      nodeIndex: null,
      worldSize: null,
      localSize: null,
      jobId: null,
      stepId: null,
      allocationCpus: null,
    },
  },
  {
    name: "srun, 2 nodes × 8 tasks, task 11",
    env: {
      SLURM_JOB_ID: "4242",
      SLURM_STEP_ID: "0",
      SLURM_NODEID: "1",
      SLURM_PROCID: "11",
      SLURM_LOCALID: "3",
      SLURM_NTASKS: "16",
      SLURM_STEP_NUM_TASKS: "16",
      SLURM_STEP_NUM_NODES: "2",
      SLURM_STEP_TASKS_PER_NODE: "8(x2)",
      SLURM_CPUS_ON_NODE: "64",
      SLURMD_NODENAME: "gpu002",
    },
    expect: {
      launcher: "slurm",
      runKey: "slurm:4242.0",
      runKeyFrom: "SLURM_JOB_ID",
      host: "gpu002",
      jobId: "4242",
      stepId: "0",
      nodeIndex: 1,
      nodeCount: 2,
      rank: 11,
      localRank: 3,
      worldSize: 16,
      localSize: 8,
      allocationCpus: 64,
    },
  },
  {
    name: "sbatch's batch step (Slurm's number for it) and the old SLURM_JOBID spelling",
    env: { SLURM_JOBID: "77", SLURM_STEP_ID: "4294967294", SLURM_PROCID: "0", SLURM_NODEID: "0" },
    expect: { launcher: "slurm", runKey: "slurm:77.batch", stepId: "batch", rank: 0, localRank: null },
  },
  {
    name: "a Slurm job with no step (salloc shell)",
    env: { SLURM_JOB_ID: "99" },
    expect: { launcher: "slurm", runKey: "slurm:99", stepId: null, rank: null },
  },
  {
    name: "uneven tasks per node: the third node of 3(x2),2 runs 2",
    env: { SLURM_JOB_ID: "5", SLURM_STEP_ID: "1", SLURM_NODEID: "2", SLURM_TASKS_PER_NODE: "3(x2),2" },
    expect: { localSize: 2, nodeIndex: 2 },
  },
  {
    name: "torchrun with a rendezvous id",
    env: {
      TORCHELASTIC_RUN_ID: "exp7",
      RANK: "5",
      LOCAL_RANK: "1",
      WORLD_SIZE: "8",
      LOCAL_WORLD_SIZE: "4",
      GROUP_RANK: "1",
    },
    expect: {
      launcher: "torchrun",
      runKey: "torchelastic:exp7",
      runKeyFrom: "TORCHELASTIC_RUN_ID",
      rank: 5,
      localRank: 1,
      worldSize: 8,
      localSize: 4,
      nodeIndex: 1,
    },
  },
  {
    name: "torchrun's default rendezvous id 'none' names no run",
    env: { TORCHELASTIC_RUN_ID: "none", RANK: "0", LOCAL_RANK: "0", WORLD_SIZE: "2" },
    expect: { launcher: "torchrun", runKey: null, runKeyFrom: null, rank: 0 },
  },
  {
    name: "DeepSpeed / Accelerate: torch.distributed variables without elastic",
    env: { RANK: "3", LOCAL_RANK: "3", WORLD_SIZE: "4", LOCAL_SIZE: "4", CROSS_RANK: "0" },
    expect: { launcher: "torch-distributed", runKey: null, rank: 3, localSize: 4, nodeIndex: 0 },
  },
  {
    name: "RANK alone (no WORLD_SIZE) is not a launcher",
    env: { RANK: "3" },
    expect: { launcher: "none", rank: null },
  },
  {
    name: "torchrun started by srun: torch gives the rank, Slurm the run key",
    env: {
      SLURM_JOB_ID: "4242",
      SLURM_STEP_ID: "2",
      SLURM_PROCID: "1",
      SLURM_NODEID: "1",
      TORCHELASTIC_RUN_ID: "4242",
      RANK: "9",
      LOCAL_RANK: "1",
      WORLD_SIZE: "16",
      GROUP_RANK: "1",
    },
    expect: {
      launcher: "torchrun",
      runKey: "slurm:4242.2",
      rank: 9,
      localRank: 1,
      nodeIndex: 1,
      nodeCount: null,
      jobId: "4242",
    },
  },
  {
    name: "Open MPI's mpirun inside an sbatch script: Open MPI's rank, not the batch step's 0",
    env: {
      SLURM_JOB_ID: "8",
      SLURM_PROCID: "0",
      OMPI_COMM_WORLD_RANK: "6",
      OMPI_COMM_WORLD_LOCAL_RANK: "2",
      OMPI_COMM_WORLD_SIZE: "8",
      OMPI_COMM_WORLD_LOCAL_SIZE: "4",
    },
    expect: { launcher: "open-mpi", runKey: "slurm:8", rank: 6, localRank: 2, worldSize: 8, localSize: 4 },
  },
  {
    name: "MPICH / Intel MPI (PMI)",
    env: { PMI_RANK: "2", PMI_SIZE: "4", MPI_LOCALRANKID: "0", MPI_LOCALNRANKS: "2" },
    expect: { launcher: "pmi", rank: 2, localRank: 0, worldSize: 4, localSize: 2, runKey: null },
  },
  {
    name: "PMIx only",
    env: { PMIX_RANK: "1" },
    expect: { launcher: "pmi", rank: 1 },
  },
  {
    name: "MLCO2_RUN_ID before SLURM_JOB_ID",
    env: { MLCO2_RUN_ID: "sweep-3", SLURM_JOB_ID: "1", SLURM_PROCID: "0" },
    expect: { runKey: "sweep-3", runKeyFrom: "MLCO2_RUN_ID", launcher: "slurm" },
  },
  {
    name: "--run-id before everything",
    env: { MLCO2_RUN_ID: "sweep-3", SLURM_JOB_ID: "1", TORCHELASTIC_RUN_ID: "x" },
    runId: "mine",
    expect: { runKey: "mine", runKeyFrom: "--run-id" },
  },
  {
    name: "empty and non-numeric variables are absent",
    env: { SLURM_JOB_ID: " ", MLCO2_RUN_ID: "", RANK: "three", WORLD_SIZE: "4", PMI_RANK: "-1" },
    runId: "  ",
    expect: { launcher: "none", runKey: null, rank: null, jobId: null },
  },
];

describe("launchContextOf", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const launch = launchContextOf(c.env, {
        hostname: HOST,
        ...(c.runId === undefined ? {} : { runId: c.runId }),
      });
      for (const [key, value] of Object.entries(c.expect))
        assert.deepEqual(launch[key as keyof LaunchContext], value, key);
    });
  }
});

describe("tasksOnNode", () => {
  it("reads Slurm's compressed tasks-per-node lists", () => {
    assert.equal(tasksOnNode("8", 0), 8);
    assert.equal(tasksOnNode("8(x4)", 3), 8);
    assert.equal(tasksOnNode("8(x4)", 4), null);
    assert.equal(tasksOnNode("2(x3),1", 3), 1);
    assert.equal(tasksOnNode("2(x3),1", 2), 2);
    assert.equal(tasksOnNode("garbage", 0), null);
  });
});

describe("reportsNodeOverhead", () => {
  it("local rank 0, or no local rank, reports the node's idle overhead; the others do not", () => {
    const at = (env: Environment) => reportsNodeOverhead(launchContextOf(env, { hostname: HOST }));
    assert.equal(at({}), true);
    assert.equal(at({ SLURM_JOB_ID: "1", SLURM_LOCALID: "0" }), true);
    assert.equal(at({ SLURM_JOB_ID: "1", SLURM_LOCALID: "5" }), false);
  });
});

describe("defaultLogName", () => {
  const now = new Date("2026-01-28T14:22:33.456Z");
  it("holds time, run key, host, rank and pid; odd characters become dashes", () => {
    const slurm = launchContextOf(
      { SLURM_JOB_ID: "1234", SLURM_STEP_ID: "0", SLURM_PROCID: "3", SLURMD_NODENAME: "gpu001" },
      { hostname: HOST },
    );
    assert.equal(
      defaultLogName(slurm, now, 81234),
      "mlco2-20260128-142233-slurm-1234.0-gpu001-rank3-81234.jsonl",
    );
    const odd = launchContextOf({ MLCO2_RUN_ID: "my run/../x" }, { hostname: "a b" });
    assert.equal(defaultLogName(odd, now, 7), "mlco2-20260128-142233-my-run-..-x-a-b-7.jsonl");
  });
  it("without a launcher: time, host and pid; two trackers in the same second differ by pid", () => {
    const alone = launchContextOf({}, { hostname: HOST });
    assert.equal(defaultLogName(alone, now, 10), "mlco2-20260128-142233-workstation-10.jsonl");
    assert.notEqual(defaultLogName(alone, now, 10), defaultLogName(alone, now, 11));
  });
});
