import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EstimatesUploadOutcome, EstimateUpload } from "../../client/estimates-upload.ts";
import { dataset } from "../../data/index.ts";
import { type Cluster, clusterFromTable, priceSacct } from "../../hpc/index.ts";
import { BATCH_JOBS, SacctUploads, sacctKeyOf, startedAtOf } from "./hpc-sacct-server.ts";

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
});
