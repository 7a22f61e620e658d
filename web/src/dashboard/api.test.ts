// The dashboard's reader against the real server app (createApp over each test store, PGlite in memory and
// a fresh PostgreSQL database, through app.request): every answer the views read parses with the dashboard's schemas, and failures come back
// as the server's own code, path and message.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { dataset } from "../../../src/data/index.ts";
import { createApp } from "../../../src/server/app.ts";
import {
  type Cumulative,
  sampleLine,
  savedEstimate,
  startLine,
  summaryLine,
} from "../../../src/server/fixtures/log-lines.ts";
import { issueTestToken, openTestStore, STORE_KINDS } from "../../../src/server/fixtures/test-stores.ts";
import type { Store } from "../../../src/server/store/store.ts";
import { type Api, ApiError, createApi } from "./api.ts";
import {
  CleanestSchema,
  PowerSchema,
  ProjectsSchema,
  RunDetailSchema,
  RunsSchema,
  TotalsSchema,
} from "./api-schemas.ts";
import { runPath } from "./route.ts";

const NOW = new Date();
const STARTED = new Date(NOW.getTime() - 3_600_000);
let store: Store;
let app: ReturnType<typeof createApp>;
let api: Api;
const tokens: Record<string, string> = {};

const issue = (project: string, scope: "ingest" | "read") => issueTestToken(store, project, scope, NOW);

const post = async (path: string, body: unknown) => {
  const response = await app.request(`/api/v1/${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${tokens.ingest}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.ok(response.status < 300, await response.clone().text());
};

const readerFor = (token: string): Api =>
  createApi(token, ((input: string, init?: RequestInit) => app.request(`/${input}`, init)) as typeof fetch);

const batch = (hostname: string, rank: number, count: number, summary: boolean) => {
  const cumulative: Cumulative = { energyKWh: 0, facilityEnergyKWh: 0, emissionsKg: 0 };
  const logId = `log-${hostname}`;
  return {
    runKey: "job-1",
    node: { hostname, rank },
    logId,
    start: startLine(logId, STARTED),
    samples: Array.from({ length: count }, (_, i) => ({ seq: i, line: sampleLine(i, STARTED, cumulative) })),
    ...(summary ? { summary: summaryLine(logId, cumulative, count) } : {}),
  };
};

const stores = await Promise.all(
  STORE_KINDS.map(async (kind) => [kind, await openTestStore(kind, NOW)] as const),
);

for (const [kind, opened] of stores) {
  describe(`the dashboard's API reader against the real server on ${kind}`, {
    skip: "skipped" in opened ? opened.skipped : false,
  }, () => {
    before(async () => {
      if (!("store" in opened)) return;
      store = opened.store;
      app = createApp({ store, dataset, now: () => new Date() });
      tokens.ingest = await issue("vision", "ingest");
      tokens.read = await issue("vision", "read");
      tokens.other = await issue("other", "read");
      await post("ingest", batch("gpu-01", 0, 30, true));
      await post("ingest", batch("gpu-02", 1, 20, false));
      await post("estimates", {
        result: JSON.parse(savedEstimate()),
        key: "est-1",
        startedAt: STARTED.toISOString(),
      });
      await post("codecarbon", {
        rows: [
          {
            run_id: "cc-1",
            timestamp: "2026-03-03T10:00:00",
            duration: 60,
            emissions: 0.1,
            energy_consumed: 1,
          },
        ],
      });
      api = readerFor(tokens.read as string);
    });
    after(async () => {
      if ("store" in opened) await opened.release();
    });

    it("reads projects, totals by week and month, and runs with filters", async () => {
      const projects = await api.json("projects", ProjectsSchema);
      assert.deepEqual(
        projects.projects.map((p) => [p.name, p.runs]),
        [["vision", 3]],
      );
      for (const by of ["week", "month"] as const) {
        const totals = await api.json(`projects/vision/totals?by=${by}`, TotalsSchema);
        assert.equal(totals.by, by);
        assert.deepEqual([...new Set(totals.periods.map((p) => p.origin))].sort(), [
          "codecarbon",
          "estimate",
          "tracker",
        ]);
      }
      const runs = await api.json("projects/vision/runs?origin=tracker&limit=50", RunsSchema);
      assert.deepEqual(
        runs.runs.map((r) => [r.key, r.status, r.nodes]),
        [["job-1", "running", 2]],
      );
      assert.equal(runs.next, null);
    });

    it("reads each origin's run, its chart and its cleanest region", async () => {
      const job = await api.json(runPath("vision", "job-1"), RunDetailSchema);
      assert.equal(job.nodes.length, 2);
      assert.ok(job.result !== null, "one node finished: its result, with a warning");
      assert.match(job.result.warnings[0] ?? "", /1 of 2 node logs/);
      const power = await api.json(`${runPath("vision", "job-1")}/power`, PowerSchema);
      assert.equal(power.series.length, 6);
      const cleanest = await api.json(`${runPath("vision", "job-1")}/cleanest`, CleanestSchema);
      assert.ok(cleanest.cleanest !== null && cleanest.byProvider.length > 1);
      const estimate = await api.json(runPath("vision", "est-1"), RunDetailSchema);
      assert.equal(estimate.run.origin, "estimate");
      assert.ok(estimate.factors.length > 3);
      const cc = await api.json(runPath("vision", "cc-1"), RunDetailSchema);
      assert.equal(cc.result, null);
      assert.match(cc.resultMissing ?? "", /CodeCarbon/);
      const empty = await api.json(`${runPath("vision", "cc-1")}/power`, PowerSchema);
      assert.deepEqual(empty.series, []);
      const latex = await (await api.blob(`${runPath("vision", "est-1")}/report?format=latex`)).text();
      assert.match(latex, /kWh/);
    });

    it("turns the server's problems into ApiErrors with its code, path and message", async () => {
      const failure = async (reader: Api, path: string) => {
        try {
          await reader.json(path, ProjectsSchema);
        } catch (error) {
          assert.ok(error instanceof ApiError);
          return { status: error.status, code: error.code, path: error.path, message: error.message };
        }
        assert.fail(`${path} answered`);
      };
      const missing = await failure(api, runPath("vision", "nope"));
      assert.deepEqual([missing.status, missing.code, missing.path], [404, "not-found", "run"]);
      assert.match(missing.message, /nope/);
      assert.equal((await failure(readerFor(tokens.other as string), "projects/vision/runs")).status, 403);
      assert.equal(
        (await failure(readerFor(`mlco2_aaaaaaaaaaaa_${"A".repeat(43)}`), "projects")).status,
        401,
      );
      const bad = await failure(api, "projects/vision/runs?origin=slurm");
      assert.equal(bad.status, 400);
      assert.equal(bad.path, "origin");
      // An answer of another shape is one clear error, never figures.
      const shape = await failure(api, "projects/vision/totals");
      assert.equal(shape.code, "bad-answer");
      assert.match(shape.message, /not what this dashboard reads/);
    });
  });
}

describe("the dashboard's API reader without a server", () => {
  it("says the server cannot be reached when the request fails", async () => {
    const offline = createApi("t", (() => Promise.reject(new TypeError("fetch failed"))) as typeof fetch);
    await assert.rejects(
      offline.json("projects", ProjectsSchema),
      (error: ApiError) => error.code === "offline",
    );
  });
});
