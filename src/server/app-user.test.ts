// Who ran each run, through the routes on both stores: the start line's `user` (sent live or by
// `mlco2 push`) and an estimate's, totals per person against the logs' own sums, the runs list's
// filter, and bad names refused with nothing stored.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { Fetch } from "../client/http.ts";
import { pushFile } from "../client/push.ts";
import { dataset } from "../data/index.ts";
import { createApp } from "./app.ts";
import { type Cumulative, sampleLine, savedEstimate, startLine, summaryLine } from "./fixtures/log-lines.ts";
import { issueTestToken, openTestStore, STORE_KINDS } from "./fixtures/test-stores.ts";
import type { Store, TokenScope } from "./store/store.ts";

const NOW = new Date("2026-03-10T12:00:00Z");
const STARTED = new Date("2026-03-02T08:00:00Z");

const issue = (store: Store, project: string, scope: TokenScope): Promise<string> =>
  issueTestToken(store, project, scope, NOW);

/** A tracker log's lines: its start line (naming `user` when given), `count` samples and a summary. */
const logLines = (logId: string, user: string | null, count: number) => {
  const cumulative: Cumulative = { energyKWh: 0, facilityEnergyKWh: 0, emissionsKg: 0 };
  const start = { ...startLine(logId, STARTED), ...(user === null ? {} : { user }) };
  const samples = Array.from({ length: count }, (_, i) => sampleLine(i, STARTED, cumulative));
  return { start, samples, summary: summaryLine(logId, cumulative, count), cumulative };
};

const stores = await Promise.all(
  STORE_KINDS.map(async (kind) => [kind, await openTestStore(kind, NOW)] as const),
);
after(async () => {
  for (const [, opened] of stores) if ("store" in opened) await opened.release();
});

for (const [kind, opened] of stores) {
  describe(`run users through the routes on ${kind}`, {
    skip: "skipped" in opened ? opened.skipped : false,
  }, () => {
    if (!("store" in opened)) return;
    const { store } = opened;
    const app = createApp({ store, dataset, now: () => NOW });
    const fetchFn: Fetch = async (input, init) => app.request(String(input), init as RequestInit);
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const response = await app.request(`/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    let ingest = "";
    let read = "";
    const alice = logLines("log-a", "alice", 20);
    const nobody = logLines("log-n", null, 5);
    const bob = logLines("log-b", "bob", 8);

    it("stores the user of a live batch's start line, of a pushed log, and of an estimate", async () => {
      ingest = await issue(store, "people", "ingest");
      read = await issue(store, "people", "read");
      for (const [runKey, log] of [
        ["job-a", alice],
        ["job-n", nobody],
      ] as const) {
        const sent = await call(ingest, "POST", "/ingest", {
          runKey,
          node: { hostname: "gpu-01", rank: 0 },
          logId: log.start.runId,
          start: log.start,
          samples: log.samples.map((line, seq) => ({ seq, line })),
          summary: log.summary,
        });
        assert.equal(sent.status, 200, JSON.stringify(sent.body));
      }
      const path = join(mkdtempSync(join(tmpdir(), "mlco2-user-")), "bob.jsonl");
      writeFileSync(
        path,
        `${[bob.start, ...bob.samples, bob.summary].map((l) => JSON.stringify(l)).join("\n")}\n`,
      );
      const pushed = await pushFile(path, {
        server: "http://mlco2.test",
        token: ingest,
        runId: "job-b",
        env: {},
        machineHostname: "laptop",
        fetch: fetchFn,
      });
      assert.equal(pushed.complete, true, pushed.message);
      const estimate = JSON.parse(savedEstimate()) as unknown;
      const stored = await call(ingest, "POST", "/estimates", {
        key: "est-a",
        user: "alice",
        startedAt: "2026-03-03T00:00:00Z",
        result: estimate,
      });
      assert.equal(stored.status, 201, JSON.stringify(stored.body));
    });

    it("refuses a bad user name naming the field, and stores nothing", async () => {
      const before = (await call(read, "GET", "/projects/people/runs")).body.runs as unknown[];
      const bad = logLines("log-x", null, 1);
      const sent = await call(ingest, "POST", "/ingest", {
        runKey: "job-x",
        node: { hostname: "gpu-01", rank: 0 },
        logId: "log-x",
        start: { ...bad.start, user: "a\nb" },
        samples: [{ seq: 0, line: bad.samples[0] }],
      });
      assert.equal(sent.status, 400);
      assert.equal(sent.body.path, "start.user");
      assert.match(String(sent.body.message), /"a\\nb" is not allowed; expected a user name of 1 to 100/);
      const estimate = await call(ingest, "POST", "/estimates", {
        key: "est-x",
        user: "",
        result: JSON.parse(savedEstimate()) as unknown,
      });
      assert.equal(estimate.status, 400);
      assert.equal(estimate.body.path, "user");
      const after = (await call(read, "GET", "/projects/people/runs")).body.runs as unknown[];
      assert.equal(after.length, before.length);
    });

    it("answers totals per person and origin, equal to the logs' own sums", async () => {
      const { status, body } = await call(read, "GET", "/projects/people/totals?by=user");
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.by, "user");
      const users = body.users as {
        user: string | null;
        origin: string;
        runs: number;
        energyKWh: number;
        emissionsKg: number;
        highKg: number;
        unrangedKg: number;
      }[];
      assert.deepEqual(
        users.map((u) => [u.user, u.origin, u.runs]),
        [
          ["alice", "estimate", 1],
          ["alice", "tracker", 1],
          ["bob", "tracker", 1],
          [null, "tracker", 1],
        ],
      );
      for (const [row, log] of [
        [users[1], alice],
        [users[2], bob],
        [users[3], nobody],
      ] as const) {
        assert.ok(Math.abs((row?.energyKWh ?? 0) - log.cumulative.energyKWh) < 1e-12, row?.user ?? "null");
        assert.ok(
          Math.abs((row?.emissionsKg ?? 0) - log.cumulative.emissionsKg) < 1e-12,
          row?.user ?? "null",
        );
        // Each run finished: its summary's range applies (nothing counted unranged, the high end above).
        assert.equal(row?.unrangedKg, 0, row?.user ?? "null");
        assert.ok((row?.highKg ?? 0) > (row?.emissionsKg ?? 0), row?.user ?? "null");
      }
      const bad = await call(read, "GET", "/projects/people/totals?by=person");
      assert.equal(bad.status, 400);
      assert.equal(bad.body.path, "by");
      assert.match(String(bad.body.message), /expected one of week, month, user/);
    });

    it("lists each run with its user and filters the runs by user", async () => {
      const all = (await call(read, "GET", "/projects/people/runs")).body.runs as {
        key: string;
        user: unknown;
      }[];
      assert.deepEqual(Object.fromEntries(all.map((r) => [r.key, r.user])), {
        "job-a": "alice",
        "job-n": null,
        "job-b": "bob",
        "est-a": "alice",
      });
      const alices = (await call(read, "GET", "/projects/people/runs?user=alice")).body.runs as {
        key: string;
      }[];
      assert.deepEqual(
        alices.map((r) => r.key),
        ["est-a", "job-a"],
      );
      const detail = await call(read, "GET", "/projects/people/runs/job-b");
      assert.equal((detail.body.run as { user: unknown }).user, "bob");
      const bad = await call(read, "GET", `/projects/people/runs?user=${encodeURIComponent("a\u0001")}`);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.path, "user");
    });
  });
}
