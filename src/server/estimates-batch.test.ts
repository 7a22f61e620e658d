// POST /api/v1/estimates with `estimates` on both stores: a batch stored in one transaction, each estimate
// once per key (a resent batch stores nothing, a mixed one only the new), a bad or conflicting item
// refusing the whole batch with its index in the path; and the store's list write under concurrency.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { dataset } from "../data/index.ts";
import { createApp } from "./app.ts";
import { savedEstimate } from "./fixtures/log-lines.ts";
import { openTestStore, STORE_KINDS } from "./fixtures/test-stores.ts";
import type { SingleResultRun } from "./store/store.ts";
import { makeToken } from "./tokens.ts";

const NOW = new Date("2026-03-10T12:00:00Z");
const estimate = JSON.parse(savedEstimate()) as { energyKWh: number; emissionsKg: number };

const stores = await Promise.all(
  STORE_KINDS.map(async (kind) => [kind, await openTestStore(kind, NOW)] as const),
);
after(async () => {
  for (const [, opened] of stores) if ("store" in opened) await opened.release();
});

const item = (key: string, day = "2026-02-20") => ({ key, startedAt: `${day}T00:00:00Z`, result: estimate });

for (const [kind, opened] of stores) {
  describe(`estimate batches on ${kind}`, { skip: "skipped" in opened ? opened.skipped : false }, () => {
    if (!("store" in opened)) return;
    const { store } = opened;
    const app = createApp({ store, dataset, now: () => NOW, bodyLimitBytes: 64 << 20 });
    const made = makeToken();
    const post = async (body: unknown) => {
      const res = await app.request("/api/v1/estimates", {
        method: "POST",
        headers: { authorization: `Bearer ${made.token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const stored = async () => {
      const project = await store.findProject("batch");
      const runs = await store.listRuns(project?.id ?? -1, { limit: 1000 });
      const totals = await store.projectTotals(project?.id ?? -1, "month", {});
      return {
        keys: runs.map((r) => r.key).sort(),
        energyKWh: totals.reduce((sum, p) => sum + p.energyKWh, 0),
      };
    };

    it("stores a batch once, each item by its key; a resent batch stores nothing", async () => {
      await store.createToken({ ...made, projectName: "batch", scope: "ingest", label: null, at: NOW });
      const batch = {
        estimates: [item("a"), { ...item("b", "2026-01-05"), user: "alice" }, { result: estimate }],
      };
      const first = await post(batch);
      assert.equal(first.status, 201);
      const derived = (first.body.estimates as { key: string }[])[2]?.key ?? "";
      assert.match(derived, /^estimate-[0-9a-f]{16}$/);
      assert.deepEqual(first.body, {
        stored: 3,
        already: 0,
        estimates: [
          { key: "a", created: true },
          { key: "b", created: true },
          { key: derived, created: true },
        ],
      });
      const after1 = await stored();
      assert.deepEqual(after1.keys, ["a", "b", derived].sort());
      assert.ok(Math.abs(after1.energyKWh - 3 * estimate.energyKWh) < 1e-9);
      const project = await store.findProject("batch");
      const alice = await store.listRuns(project?.id ?? -1, { limit: 10, user: "alice" });
      assert.deepEqual(
        alice.map((r) => [r.key, r.user]),
        [["b", "alice"]],
      );
      const again = await post(batch);
      assert.equal(again.status, 200);
      assert.deepEqual([again.body.stored, again.body.already], [0, 3]);
      assert.deepEqual(await stored(), after1);
    });

    it("a batch mixing known and new keys stores only the new; a key repeated in it, once", async () => {
      const before = await stored();
      const mixed = await post({ estimates: [item("a"), item("c"), item("c"), item("b")] });
      assert.equal(mixed.status, 201);
      assert.deepEqual(mixed.body, {
        stored: 1,
        already: 3,
        estimates: [
          { key: "a", created: false },
          { key: "c", created: true },
          { key: "c", created: false },
          { key: "b", created: false },
        ],
      });
      const now = await stored();
      assert.deepEqual(now.keys, [...before.keys, "c"].sort());
      assert.ok(Math.abs(now.energyKWh - before.energyKWh - estimate.energyKWh) < 1e-9);
    });

    it("one bad item refuses the whole batch, naming it; nothing is stored", async () => {
      const before = await stored();
      const bad = await post({
        estimates: [item("d"), { ...item("e"), result: { ...estimate, energyKWh: -1 } }, item("f")],
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.path, "estimates[1].result.energyKWh");
      assert.deepEqual(await stored(), before);
      const unknown = await post({ estimates: [item("d"), { ...item("e"), owner: "x" }] });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.path, "estimates[1].owner");
      const tooMany = await post({ estimates: Array.from({ length: 501 }, (_, i) => item(`m${i}`)) });
      assert.equal(tooMany.status, 400);
      assert.equal(tooMany.body.path, "estimates");
      assert.match(String(tooMany.body.message), /501 estimates is too many; send at most 500/);
      const empty = await post({ estimates: [] });
      assert.equal(empty.status, 400);
      assert.deepEqual(await stored(), before);
    });

    it("a key held by a run of another origin refuses the whole batch (409, each named)", async () => {
      const cc = await app.request("/api/v1/codecarbon", {
        method: "POST",
        headers: { authorization: `Bearer ${made.token}`, "content-type": "application/json" },
        body: JSON.stringify({
          rows: [
            {
              run_id: "cc-1",
              timestamp: "2026-03-03T10:00:00",
              duration: 60,
              emissions: 0.5,
              energy_consumed: 2,
            },
          ],
        }),
      });
      assert.equal(cc.status, 201);
      const before = await stored();
      const refused = await post({ estimates: [item("g"), item("cc-1"), item("a")] });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.code, "conflict");
      assert.equal(refused.body.path, "estimates[1].key");
      assert.match(String(refused.body.message), /^run "cc-1" exists as a codecarbon run$/);
      assert.deepEqual(await stored(), before);
    });

    it("the single form is unchanged", async () => {
      const single = await post(item("h"));
      assert.deepEqual([single.status, single.body], [201, { key: "h", created: true }]);
      const again = await post(item("h"));
      assert.deepEqual([again.status, again.body], [200, { key: "h", created: false }]);
    });

    it("the store: lists written at once in opposite orders store each key once", async () => {
      const project = await store.ensureProject("race", NOW);
      const runs = (keys: string[]): SingleResultRun[] =>
        keys.map((key) => ({
          projectId: project.id,
          key,
          origin: "estimate",
          startedAt: NOW,
          at: NOW,
          result: estimate,
          figures: { energyKWh: 1, emissionsKg: 0.5, lowKg: null, highKg: null, marketKg: null },
          facilityKWh: 1.2,
        }));
      const keys = Array.from({ length: 200 }, (_, i) => `r${i}`);
      const outcomes = await Promise.all([
        store.saveSingleResults(runs(keys)),
        store.saveSingleResults(runs([...keys].reverse())),
        store.saveSingleResults(runs(keys.slice(50, 150))),
      ]);
      const created = outcomes.reduce((n, o) => n + (o.ok ? o.created.filter(Boolean).length : 0), 0);
      assert.equal(created, 200);
      const totals = await store.projectTotals(project.id, "month", {});
      assert.deepEqual(
        totals.map((t) => t.energyKWh),
        [200],
      );
      assert.equal((await store.listRuns(project.id, { limit: 1000 })).length, 200);
    });
  });
}
