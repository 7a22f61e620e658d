// The client against the real app (through app.request as fetch), with the server going away on demand,
// on both stores (PGlite and PostgreSQL: idempotent ingest is the store's work).
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { dataset } from "../data/index.ts";
import { createApp } from "../server/app.ts";
import {
  type Cumulative,
  logText,
  sampleLine,
  savedEstimate,
  startLine,
  summaryLine,
} from "../server/fixtures/log-lines.ts";
import { openTestStore, STORE_KINDS } from "../server/fixtures/test-stores.ts";
import type { Store } from "../server/store/store.ts";
import { makeToken } from "../server/tokens.ts";
import { codecarbonRows } from "./codecarbon-csv.ts";
import type { Fetch } from "./http.ts";
import { pushFile } from "./push.ts";
import { logPlaceOf } from "./run-key.ts";
import { createUploader } from "./uploader.ts";

const stores = await Promise.all(
  STORE_KINDS.map(async (kind) => [kind, await openTestStore(kind, new Date())] as const),
);
after(async () => {
  for (const [, opened] of stores) if ("store" in opened) await opened.release();
});

const waitFor = async (check: () => boolean, ms = 5000) => {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
};

for (const [kind, opened] of stores) {
  describe(`the client on ${kind}`, { skip: "skipped" in opened ? opened.skipped : false }, () => {
    if (!("store" in opened)) return;
    const { store } = opened;
    const app = createApp({
      store,
      dataset,
      now: () => new Date(),
      rateLimit: { perSecond: 10_000, burst: 10_000 },
    });
    const made = makeToken();
    let project: Awaited<ReturnType<Store["findProject"]>> = null;
    const dir = mkdtempSync(join(tmpdir(), `mlco2-client-${kind}-`));
    before(async () => {
      await store.createToken({
        id: made.id,
        hash: made.hash,
        projectName: "client",
        scope: "ingest",
        label: null,
        at: new Date(),
      });
      project = await store.findProject("client");
    });

    /** fetch into the app; `down` makes it fail as a refused connection; `bodies` records ingest bodies. */
    const network = () => {
      const net = { down: false, bodies: [] as string[] };
      const fetchFn: Fetch = async (input, init) => {
        if (net.down) throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
        if (typeof init?.body === "string") net.bodies.push(init.body);
        return app.request(String(input), init as RequestInit);
      };
      return { net, fetchFn };
    };

    const storedRows = async (runKey: string) => {
      const run = await store.runDetail(project?.id ?? 0, runKey);
      return (run?.nodeList ?? [])
        .flatMap((n) => n.logs.flatMap((l) => l.series))
        .reduce((n, s) => n + s.samples, 0);
    };

    describe("the uploader (the tracker's live API)", () => {
      it("streams, rides out an outage with one warning, and ends with everything stored once", async () => {
        const { net, fetchFn } = network();
        const warnings: string[] = [];
        const started = new Date(Date.now() - 600_000);
        const up = createUploader({
          server: "http://mlco2.test",
          token: made.token,
          runKey: "live-1",
          node: { hostname: "h", rank: 0 },
          logId: "log-live-1",
          fetch: fetchFn,
          batchLines: 10,
          flushIntervalMs: 20,
          backoffMs: { first: 10, max: 40 },
          onWarning: (w) => warnings.push(w),
        });
        const c: Cumulative = { energyKWh: 0, facilityEnergyKWh: 0, emissionsKg: 0 };
        up.start(startLine("log-live-1", started));
        for (let i = 0; i < 100; i++) {
          if (i === 30) net.down = true;
          if (i === 70) net.down = false;
          // sample() only queues: it hands back nothing to wait for, whatever the network does
          const queued: unknown = up.sample(sampleLine(i, started, c));
          assert.equal(queued, undefined, "sample() only queues");
          await new Promise((r) => setTimeout(r, 2));
          if (i === 50) await waitFor(() => !up.state().reachable);
        }
        up.summary(summaryLine("log-live-1", c, 100));
        const state = await up.close({ timeoutMs: 10_000 });
        assert.deepEqual(
          { acked: state.ackedThrough, summary: state.summaryStored, queued: state.queued },
          { acked: 99, summary: true, queued: 0 },
        );
        assert.equal(await storedRows("live-1"), 300);
        assert.equal(warnings.filter((w) => w.includes("not answering")).length, 1, warnings.join("\n"));
      });

      it("re-reads its log when more lines waited than it keeps in memory", async () => {
        const { net, fetchFn } = network();
        const logPath = join(dir, "spill.jsonl");
        const { text, cumulative } = logText("log-spill", new Date(Date.now() - 600_000), 50);
        writeFileSync(logPath, text);
        const lines = text
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as { type: string });
        const up = createUploader({
          server: "http://mlco2.test",
          token: made.token,
          runKey: "spill",
          node: { hostname: "h", rank: 0 },
          logId: "log-spill",
          logPath,
          fetch: fetchFn,
          batchLines: 8,
          maxQueuedLines: 10,
          flushIntervalMs: 60_000,
        });
        net.down = true;
        for (const line of lines) {
          if (line.type === "start") up.start(line);
          else if (line.type === "sample") up.sample(line);
          else up.summary(line);
        }
        assert.equal(up.state().queued, 10);
        net.down = false;
        const state = await up.close({ timeoutMs: 10_000 });
        assert.equal(state.ackedThrough, 49);
        assert.equal(await storedRows("spill"), 150);
        const run = await store.runDetail(project?.id ?? 0, "spill");
        assert.ok(Math.abs((run?.energyKWh ?? 0) - cumulative.energyKWh) < 1e-12);
      });

      it("stops and says so once when the token is refused; never throws", async () => {
        const warnings: string[] = [];
        const { fetchFn } = network();
        const up = createUploader({
          server: "http://mlco2.test",
          token: `${made.token.slice(0, -2)}xx`,
          runKey: "refused",
          node: { hostname: "h", rank: 0 },
          logId: "L",
          fetch: fetchFn,
          onWarning: (w) => warnings.push(w),
        });
        const c: Cumulative = { energyKWh: 0, facilityEnergyKWh: 0, emissionsKg: 0 };
        for (let i = 0; i < 5; i++) up.sample(sampleLine(i, new Date(Date.now() - 60_000), c));
        const state = await up.close({ timeoutMs: 2000 });
        assert.equal(state.stopped, true);
        assert.equal(warnings.length, 1);
        assert.match(warnings[0] ?? "", /refused the token \(authorization: unknown token\)/);
      });
    });

    describe("push", () => {
      const options = (fetchFn: Fetch) => ({
        server: "http://mlco2.test/",
        token: made.token,
        env: {},
        machineHostname: "pusher",
        fetch: fetchFn,
        retryForMs: 2000,
      });

      it("resumes a log from what the server acknowledged", async () => {
        const { net, fetchFn } = network();
        const started = new Date(Date.now() - 3_600_000);
        const whole = logText("log-push", started, 80).text.trim().split("\n");
        const logPath = join(dir, "push.jsonl");
        writeFileSync(logPath, `${whole.slice(0, 31).join("\n")}\n`); // the start and 30 samples
        const first = await pushFile(logPath, options(fetchFn));
        assert.equal(first.complete, true, first.message);
        assert.match(first.message, /stored 30 samples \(no summary yet/);
        writeFileSync(logPath, `${whole.join("\n")}\n`);
        net.bodies.length = 0;
        const second = await pushFile(logPath, options(fetchFn));
        assert.equal(second.complete, true, second.message);
        const seqs = net.bodies.flatMap((b) =>
          (JSON.parse(b) as { samples: { seq: number }[] }).samples.map((s) => s.seq),
        );
        assert.deepEqual(
          [Math.min(...seqs), Math.max(...seqs), seqs.length],
          [30, 79, 50],
          "only what the server lacked",
        );
        assert.equal(await storedRows("log-push"), 240);
        assert.equal(
          (await pushFile(logPath, options(fetchFn))).complete,
          true,
          "a third push changes nothing",
        );
        assert.equal(await storedRows("log-push"), 240);
      });

      it("uploads a saved estimate once, and CodeCarbon rows by run", async () => {
        const { fetchFn } = network();
        const estimatePath = join(dir, "estimate.json");
        writeFileSync(estimatePath, savedEstimate());
        assert.match(
          (await pushFile(estimatePath, options(fetchFn))).message,
          /^stored the estimate as run "estimate-[0-9a-f]{16}"/,
        );
        assert.match((await pushFile(estimatePath, options(fetchFn))).message, /^already stored/);
        const csvPath = join(dir, "emissions.csv");
        writeFileSync(
          csvPath,
          'timestamp,project_name,run_id,duration,emissions,energy_consumed,cpu_model\n2026-01-02T10:00:00,p,cc-a,60,0.01,0.1,"Xeon, Gold"\n2026-01-02T10:05:00,p,cc-a,360,0.05,0.5,"Xeon, Gold"\n2026-01-03T10:00:00,p,cc-b,60,0.02,0.2,\n',
        );
        const outcome = await pushFile(csvPath, options(fetchFn));
        assert.equal(outcome.message, "stored 2 of 2 CodeCarbon runs (0 were there already)");
        const run = await store.runDetail(project?.id ?? 0, "cc-a");
        assert.equal(run?.energyKWh, 0.5, "the longest row of a run is kept");
      });
    });
  });
}

describe("run keys and CSV rows", () => {
  it("take --run-id, then the key the log's start line names, then the launcher's variables, then the log's id", () => {
    const here = {
      env: { SLURM_JOB_ID: "77", SLURM_STEP_ID: "0", SLURM_PROCID: "5" },
      machineHostname: "login1",
    };
    const logged = {
      type: "start",
      launch: {
        launcher: "torchrun",
        runKey: "torchelastic:abc",
        runKeyFrom: "TORCHELASTIC_RUN_ID",
        host: "gpu-02",
        jobId: null,
        stepId: null,
        nodeIndex: 1,
        nodeCount: 2,
        rank: 9,
        localRank: 1,
        worldSize: 16,
        localSize: 8,
        allocationCpus: null,
      },
    };
    assert.deepEqual(logPlaceOf(logged, "uuid", { ...here, runId: "mine" }), {
      runKey: "mine",
      from: "--run-id",
      node: { hostname: "gpu-02", rank: 9 },
    });
    assert.deepEqual(logPlaceOf(logged, "uuid", here), {
      runKey: "torchelastic:abc",
      from: "TORCHELASTIC_RUN_ID (in the log)",
      node: { hostname: "gpu-02", rank: 9 },
    });
    assert.deepEqual(logPlaceOf(logged, "uuid", { ...here, hostname: "h", rank: 0 }).node, {
      hostname: "h",
      rank: 0,
    });
    // An older log without `launch`: the uploader's own launcher, with the tracker's rules.
    assert.deepEqual(logPlaceOf({ type: "start" }, "uuid", here), {
      runKey: "slurm:77.0",
      from: "SLURM_JOB_ID",
      node: { hostname: "login1", rank: 5 },
    });
    assert.deepEqual(
      logPlaceOf({ type: "start" }, "uuid", { env: { MLCO2_RUN_ID: "m" }, machineHostname: "w" }),
      {
        runKey: "m",
        from: "MLCO2_RUN_ID",
        node: { hostname: "w", rank: 0 },
      },
    );
    // A launch that is not one (hand-edited) counts as absent, and nothing names the run: the log's id.
    assert.deepEqual(logPlaceOf({ launch: { runKey: 5 } }, "uuid", { env: {}, machineHostname: "w" }), {
      runKey: "uuid",
      from: "the log's id",
      node: { hostname: "w", rank: 0 },
    });
  });

  it("reads quoted CodeCarbon cells and keeps numbers as numbers", () => {
    const rows = codecarbonRows(
      '\uFEFFrun_id,energy_consumed,duration,cpu_model\r\nr1,1.5,10,"A ""big"" one,\nwith a break"\r\n',
    );
    assert.deepEqual(rows, [
      { run_id: "r1", energy_consumed: 1.5, duration: 10, cpu_model: 'A "big" one,\nwith a break' },
    ]);
    assert.throws(() => codecarbonRows("a,b\n1,2\n"), /not a CodeCarbon emissions.csv/);
  });
});
