import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EstimatesUploadOutcome, EstimateUpload } from "../../client/estimates-upload.ts";
import { dataset } from "../../data/index.ts";
import { type Cluster, clusterFromTable, priceSacct } from "../../hpc/index.ts";
import {
  BATCH_JOBS,
  runUserOf,
  SacctUploads,
  sacctKeyOf,
  startedAtOf,
  storeLines,
} from "./hpc-sacct-server.ts";

const HEADER = "JobID|User|Account|Partition|State|Start|Elapsed|NNodes|NCPUS|TotalCPU|CPUTime|ReqMem\n";
/** Job `i`: 8 CPUs for 1 h at 50 %, 16 GB. */
const jobLine = (i: number) =>
  `${7000 + i}|u${i % 3}|acc|cpu|COMPLETED|2024-05-01T10:00:00|01:00:00|1|8|04:00:00|08:00:00|16G\n`;

const cluster = (): Cluster => {
  const c = clusterFromTable(dataset, { cpu: "AMD EPYC 7763", sockets: 2, country: "DE", pue: 1.2 });
  assert.ok(!Array.isArray(c));
  return c as Cluster;
};
const target = { server: "http://s", token: "t", retryForMs: 0 };
const discard = { write: () => true, drain: async () => {} };

describe("hpc sacct --server: jobs stored while the input streams", () => {
  it("a server that does not answer pauses reading: jobs queued stay bounded; all stored once after", async () => {
    const jobs = 6000;
    let read = 0;
    async function* chunks() {
      yield HEADER;
      // 50 jobs per chunk: reading may pause between chunks.
      for (let i = 0; i < jobs; i += 50) {
        let text = "";
        for (let j = i; j < i + 50; j++) text += jobLine(j);
        read += 50;
        yield text;
      }
    }
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const sent: EstimateUpload[][] = [];
    const upload = async (batch: readonly EstimateUpload[]): Promise<EstimatesUploadOutcome> => {
      sent.push([...batch]);
      await gate;
      return { stored: batch.length, already: 0, failed: [] };
    };
    const uploads = new SacctUploads(dataset, "hpc1", target, upload);
    const pricing = priceSacct({
      chunks: chunks(),
      dataset,
      cluster: cluster(),
      memory: "allocated",
      running: false,
      strict: false,
      rows: null,
      groupBy: null,
      sink: discard,
      onProblem: () => {},
      taker: uploads,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // 4 batches in flight, 1,600 queued at most, one chunk on top: reading waits for the server.
    assert.ok(read <= 4 * BATCH_JOBS + 1600 + 50, `read ${read} jobs while the server did not answer`);
    assert.equal(sent.length, 4);
    open();
    const totals = await pricing;
    const outcome = await uploads.finish();
    assert.equal(totals.priced, jobs);
    assert.deepEqual(
      { jobs: outcome.jobs, stored: outcome.stored, failed: outcome.failed },
      { jobs, stored: jobs, failed: 0 },
    );
    const keys = sent.flat().map((u) => u.key);
    assert.equal(new Set(keys).size, jobs);
    assert.equal(keys[0], "slurm-sacct:hpc1:7000");
    // Each stored result is the engine's for the job, labelled as coming from Slurm accounting.
    const first = sent[0]?.[0];
    assert.match(
      first?.result.warnings[0] ?? "",
      /^From Slurm accounting \(mlco2 hpc sacct\): cluster hpc1, job 7000, user u0, account acc, partition cpu, COMPLETED; energy model$/,
    );
    // 8 of 128 CPUs of 2 × 280 W: 4.375 W TDP each; 16 GB × 0.3725 W; 1 h.
    assert.deepEqual(first?.result.job.hours, 1);
    assert.ok(Math.abs((first?.result.components.at(-1)?.energyKWh ?? 0) - (16 * 0.3725) / 1000) < 1e-12);
  });

  it("a token refused: the rest are not sent, each counted, the first named", async () => {
    let calls = 0;
    const upload = async (batch: readonly EstimateUpload[]): Promise<EstimatesUploadOutcome> => {
      calls++;
      return {
        stored: 0,
        already: 0,
        failed: batch.map((u) => ({ key: u.key, reason: "unknown token" })),
        stopped: "unknown token",
      };
    };
    const uploads = new SacctUploads(dataset, "default", target, upload);
    let text = HEADER;
    for (let i = 0; i < 1000; i++) text += jobLine(i);
    await priceSacct({
      chunks: [text],
      dataset,
      cluster: cluster(),
      memory: "allocated",
      running: false,
      strict: false,
      rows: null,
      groupBy: null,
      sink: discard,
      onProblem: () => {},
      taker: uploads,
    });
    const outcome = await uploads.finish();
    assert.equal(outcome.failed, 1000);
    assert.equal(outcome.named.length, 5);
    assert.deepEqual(outcome.named[0], { key: sacctKeyOf("default", "7000"), reason: "unknown token" });
    // All 1,000 came in one chunk: the first batches were on their way before the first answer.
    assert.ok(calls <= 4, `${calls} batches sent`);
  });

  it("Start is read in this machine's time zone; no Start, no time (the server's)", () => {
    const job = {
      id: "1",
      cluster: "",
      user: "",
      account: "",
      partition: "",
      state: "COMPLETED",
      elapsedS: 60,
      energyBasis: "model",
      input: { hours: 1 },
      emissionsKg: 0,
    };
    assert.equal(
      startedAtOf({ ...job, start: "2024-05-01T10:00:00" }),
      new Date(2024, 4, 1, 10, 0, 0).toISOString(),
    );
    assert.equal(startedAtOf({ ...job, start: "" }), undefined);
  });

  it("the User is sent when the server's user-name rule takes it; else none, one warning per name", async () => {
    const long = "x".repeat(101);
    const lines = [
      ["8001", "alice"],
      ["8002", long],
      ["8003", "a\tb"],
      ["8004", long],
      ["8005", "c\u007fd"],
      ["8006", ""],
      ["8007", "x".repeat(100)],
      ["8008", "a\tb"],
      ["8009", " "],
    ].map(([id, user]) => jobLine(0).replace(/^7000\|u0\|/, `${id}|${user}|`));
    const sent: EstimateUpload[] = [];
    const upload = async (batch: readonly EstimateUpload[]): Promise<EstimatesUploadOutcome> => {
      sent.push(...batch);
      return { stored: batch.length, already: 0, failed: [] };
    };
    const uploads = new SacctUploads(dataset, "hpc1", target, upload);
    await priceSacct({
      chunks: [HEADER + lines.join("")],
      dataset,
      cluster: cluster(),
      memory: "allocated",
      running: false,
      strict: false,
      rows: null,
      groupBy: null,
      sink: discard,
      onProblem: () => {},
      taker: uploads,
    });
    const outcome = await uploads.finish();
    // Every job stored, the bad names without a user (101 characters, a tab, DEL); sacct's fields are
    // trimmed, so a blank User is no User.
    assert.deepEqual([outcome.stored, outcome.failed], [9, 0]);
    assert.deepEqual(
      sent.map((u) => [u.key.slice("slurm-sacct:hpc1:".length), u.user]),
      [
        ["8001", "alice"],
        ["8002", undefined],
        ["8003", undefined],
        ["8004", undefined],
        ["8005", undefined],
        ["8006", undefined],
        ["8007", "x".repeat(100)],
        ["8008", undefined],
        ["8009", undefined],
      ],
    );
    // Three distinct bad names, each told once with the first job that had it; no name is not a bad one.
    assert.deepEqual(outcome.unrecordedUsers, [
      { user: long, key: "slurm-sacct:hpc1:8002" },
      { user: "a\tb", key: "slurm-sacct:hpc1:8003" },
      { user: "c\u007fd", key: "slurm-sacct:hpc1:8005" },
    ]);
    const told = storeLines("http://s", outcome);
    assert.equal(told.length, 4);
    assert.equal(
      told[1],
      'http://s: User "a\\tb" (first in job "slurm-sacct:hpc1:8003") is not a user name the server records (1 to 100 characters, no control characters): its jobs are stored without a user',
    );
    assert.match(
      told[0] ?? "",
      /^http:\/\/s: User "x{2,}…" \(101 characters\) \(first in job "slurm-sacct:hpc1:8002"\)/,
    );
  });

  it("runUserOf follows the user-name rule: 1 to 100 characters, not blank, no control characters", () => {
    const job = (user: string) => ({
      id: "1",
      cluster: "",
      user,
      account: "",
      partition: "",
      state: "COMPLETED",
      start: "",
      elapsedS: 60,
      energyBasis: "model",
      input: { hours: 1 },
      emissionsKg: 0,
    });
    assert.equal(runUserOf(job("alice")), "alice");
    assert.equal(runUserOf(job("x".repeat(100))), "x".repeat(100));
    assert.equal(runUserOf(job("x".repeat(101))), false);
    assert.equal(runUserOf(job("  ")), false);
    assert.equal(runUserOf(job("a\u007fb")), false);
    assert.equal(runUserOf(job("")), undefined);
  });

  it("sacct's Cluster column keys each row by its cluster; rows without one take --cluster-name", async () => {
    const header = `Cluster|${HEADER}`;
    const rows = ["alpha|", "beta|", "|", "a:b|"].map((c) => c + jobLine(0));
    const sent: EstimateUpload[] = [];
    const upload = async (batch: readonly EstimateUpload[]): Promise<EstimatesUploadOutcome> => {
      sent.push(...batch);
      return { stored: batch.length, already: 0, failed: [] };
    };
    const uploads = new SacctUploads(dataset, "hpc1", target, upload);
    const totals = await priceSacct({
      chunks: [header + rows.join("")],
      dataset,
      cluster: cluster(),
      memory: "allocated",
      running: false,
      strict: false,
      rows: null,
      groupBy: null,
      sink: discard,
      onProblem: () => {},
      taker: uploads,
    });
    const outcome = await uploads.finish();
    assert.equal(totals.priced, 4);
    assert.deepEqual(
      sent.map((u) => u.key),
      ["slurm-sacct:alpha:7000", "slurm-sacct:beta:7000", "slurm-sacct:hpc1:7000"],
    );
    assert.match(sent[1]?.result.warnings[0] ?? "", /: cluster beta, job 7000, user u0,/);
    assert.deepEqual(outcome.named, [
      {
        key: "slurm-sacct:a:b:7000",
        reason: `Cluster "a:b" is not a cluster name; expected 1 to 64 letters, digits, ".", "_" or "-" (Slurm's ClusterName)`,
      },
    ]);
  });
});
