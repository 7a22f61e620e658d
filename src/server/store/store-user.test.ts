// Who ran each run, on PGlite and on PostgreSQL: the user a run takes from its logs' start lines or its
// upload, totals per person against hand sums, the runs list's user filter, and migration 2 filling the
// column from start lines an older server stored verbatim.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { testPostgres } from "../fixtures/postgres-cluster.ts";
import { openTestStore, STORE_KINDS } from "../fixtures/test-stores.ts";
import { migrate } from "./migrate.ts";
import { loadMigrations } from "./migrations.ts";
import { pgliteDb } from "./pglite.ts";
import type { SqlDb } from "./sql-db.ts";
import { createSqlStore } from "./sql-store.ts";
import type { IngestBatch, NodeRef, SampleRow, SingleResultRun, Store, UserTotals } from "./store.ts";

const AT = new Date("2026-05-04T10:00:00Z");

/** One gpu:0 sample of `energyKWh` (emissions 0.1 kg/kWh, PUE 1.2). */
const row = (seq: number, energyKWh: number, time: string): SampleRow => ({
  seq,
  time,
  intervalS: 60,
  key: "gpu:0",
  component: "gpu",
  label: "GPU 0",
  method: "measured",
  via: "test",
  powerW: energyKWh * 60_000,
  energyKWh,
  emissionsKg: energyKWh * 0.1,
  facilityKWh: energyKWh * 1.2,
});

/** A batch with the log's start line (naming `user`, or none), its samples, and maybe a summary. */
const batch = (
  node: NodeRef,
  user: string | null,
  rows: SampleRow[],
  summary: IngestBatch["summary"] = null,
): IngestBatch => ({
  node,
  at: AT,
  startedAt: rows[0]?.time ?? null,
  start: { type: "start", runId: node.logId, ...(user === null ? {} : { user }) },
  user,
  summary,
  rows,
  contiguous: rows.length === 0 ? null : { first: 0, last: rows.length - 1 },
});

const estimate = (
  projectId: number,
  key: string,
  user: string | null,
  kWh: number,
  startedAt = AT,
): SingleResultRun => ({
  projectId,
  key,
  origin: "estimate",
  startedAt,
  at: AT,
  result: { any: 1 },
  figures: { energyKWh: kWh, emissionsKg: kWh * 0.1, lowKg: kWh * 0.05, highKg: kWh * 0.2, marketKg: null },
  facilityKWh: kWh * 1.1,
  ...(user === null ? {} : { user }),
});

/** Figures rounded to 1e-9 (sums of floats), for comparison with hand sums. */
const rounded = (totals: readonly UserTotals[]) =>
  totals.map((t) =>
    Object.fromEntries(
      Object.entries(t).map(([k, v]) => [k, typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v]),
    ),
  );

/** The figures of one user and origin, with defaults for the parts a test does not set. */
const figures = (
  user: string | null,
  origin: UserTotals["origin"],
  f: Partial<Omit<UserTotals, "user" | "origin">>,
) => ({
  user,
  origin,
  runs: 1,
  energyKWh: 0,
  facilityEnergyKWh: 0,
  emissionsKg: 0,
  lowKg: 0,
  highKg: 0,
  unrangedKg: 0,
  marketBasedKg: 0,
  marketCoveredKg: 0,
  ...f,
});

/** Seeds a project: alice's two tracker runs and an estimate, bob's three-node run, runs of nobody. */
const seed = async (store: Store, name: string): Promise<number> => {
  const { id } = await store.ensureProject(name, AT);
  const node = (runKey: string, rank = 0): NodeRef => ({
    projectId: id,
    runKey,
    hostname: `h${rank}`,
    rank,
    logId: `${runKey}-L${rank}`,
  });
  await store.ingest(
    batch(node("a1"), "alice", [row(0, 0.5, "2026-05-04T08:00:00Z"), row(1, 0.5, "2026-05-04T08:01:00Z")]),
  );
  const summary = {
    result: { energyKWh: 2, emissionsKg: 0.2, range: { lowKg: 0.1, highKg: 0.4 }, marketBasedKg: 0.05 },
  };
  await store.ingest(
    batch(node("a2"), "alice", [row(0, 2, "2026-05-04T09:00:00Z")], {
      line: summary,
      figures: { energyKWh: 2, emissionsKg: 0.2, lowKg: 0.1, highKg: 0.4, marketKg: 0.05 },
    }),
  );
  // bob's run: the first node's log names nobody; the first name a log gives sticks.
  await store.ingest(batch(node("b1", 0), null, [row(0, 1, "2026-05-04T08:00:00Z")]));
  await store.ingest(batch(node("b1", 1), "bob", [row(0, 1, "2026-05-04T08:00:00Z")]));
  await store.ingest(batch(node("b1", 2), "carol", [row(0, 1, "2026-05-04T08:00:00Z")]));
  await store.ingest(batch(node("n1"), null, [row(0, 0.25, "2026-05-04T08:00:00Z")]));
  await store.saveSingleResult(estimate(id, "e1", "alice", 4));
  await store.saveSingleResult(estimate(id, "e2", null, 1, new Date("2026-06-01T12:00:00Z")));
  return id;
};

const stores = await Promise.all(
  STORE_KINDS.map(async (kind) => [kind, await openTestStore(kind, AT)] as const),
);
after(async () => {
  for (const [, opened] of stores) if ("store" in opened) await opened.release();
});

for (const [kind, opened] of stores) {
  describe(`run users on ${kind}`, { skip: "skipped" in opened ? opened.skipped : false }, () => {
    if (!("store" in opened)) return;
    const store: Store = opened.store;

    it("adds up each person's runs per origin; runs without a user are one group", async () => {
      const id = await seed(store, "people");
      assert.deepEqual(rounded(await store.userTotals(id, {})), [
        figures("alice", "estimate", {
          energyKWh: 4,
          facilityEnergyKWh: 4.4,
          emissionsKg: 0.4,
          lowKg: 0.2,
          highKg: 0.8,
        }),
        // a1 has no summary yet (its 0.1 kg counts at its figure, unranged); a2's range and market-based
        // figure apply to its day whole.
        figures("alice", "tracker", {
          runs: 2,
          energyKWh: 3,
          facilityEnergyKWh: 3.6,
          emissionsKg: 0.3,
          lowKg: 0.1 + 0.1,
          highKg: 0.1 + 0.4,
          unrangedKg: 0.1,
          marketBasedKg: 0.05,
          marketCoveredKg: 0.2,
        }),
        figures("bob", "tracker", {
          energyKWh: 3,
          facilityEnergyKWh: 3.6,
          emissionsKg: 0.3,
          lowKg: 0.3,
          highKg: 0.3,
          unrangedKg: 0.3,
        }),
        figures(null, "estimate", {
          energyKWh: 1,
          facilityEnergyKWh: 1.1,
          emissionsKg: 0.1,
          lowKg: 0.05,
          highKg: 0.2,
        }),
        figures(null, "tracker", {
          energyKWh: 0.25,
          facilityEnergyKWh: 0.3,
          emissionsKg: 0.025,
          lowKg: 0.025,
          highKg: 0.025,
          unrangedKg: 0.025,
        }),
      ]);
      const may = await store.userTotals(id, { from: "2026-05-01", to: "2026-05-31" });
      assert.deepEqual(
        may.map((t) => `${t.user} ${t.origin}`),
        ["alice estimate", "alice tracker", "bob tracker", "null tracker"],
      );
    });

    it("lists each run with its user, and filters the list by user", async () => {
      const id = await seed(store, "people-list");
      const all = await store.listRuns(id, { limit: 100 });
      assert.deepEqual(Object.fromEntries(all.map((r) => [r.key, r.user])), {
        a1: "alice",
        a2: "alice",
        b1: "bob",
        n1: null,
        e1: "alice",
        e2: null,
      });
      assert.deepEqual(
        (await store.listRuns(id, { limit: 100, user: "alice" })).map((r) => r.key),
        ["e1", "a2", "a1"],
      );
      assert.deepEqual(
        (await store.listRuns(id, { limit: 100, user: "alice", origin: "tracker" })).map((r) => r.key),
        ["a2", "a1"],
      );
      assert.deepEqual(await store.listRuns(id, { limit: 100, user: "nobody" }), []);
      assert.equal((await store.runDetail(id, "b1"))?.user, "bob");
    });
  });
}

/** A SqlDb over the `postgres` client (enough for migrate and the store). */
const postgresDb = (sql: postgres.Sql): SqlDb => {
  const over = (client: postgres.Sql | postgres.TransactionSql): SqlDb => ({
    kind: "postgres",
    query: async <Row>(text: string, params: readonly unknown[] = []) =>
      (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as Row[],
    exec: async (text) => {
      await client.unsafe(text);
    },
    transaction: (work) => sql.begin((tx) => work(over(tx))) as Promise<never>,
    close: () => sql.end({ timeout: 5 }),
  });
  return over(sql);
};

/** A fresh database of `kind` at schema version 1, or why it is skipped. */
const databaseAtVersion1 = async (
  kind: (typeof STORE_KINDS)[number],
): Promise<{ db: SqlDb; release: () => void } | { skipped: string }> => {
  let opened: { db: SqlDb; release: () => void };
  if (kind === "pglite") opened = { db: pgliteDb(await PGlite.create()), release: () => {} };
  else {
    const pg = await testPostgres();
    if ("skipped" in pg) return pg;
    opened = { db: postgresDb(postgres(pg.url, { max: 2, onnotice: () => {} })), release: pg.release };
  }
  await opened.db.exec("SET TIME ZONE 'UTC'");
  assert.deepEqual(await migrate(opened.db, loadMigrations().slice(0, 1), AT), [1]);
  return opened;
};

describe("migrations 2 and 3 (unwrapped JSON, runs.user_name)", () => {
  for (const kind of STORE_KINDS) {
    it(`on ${kind}: add the column and fill it from start lines already stored`, async (t) => {
      const opened = await databaseAtVersion1(kind);
      if ("skipped" in opened) return t.skip(opened.skipped);
      const { db } = opened;
      try {
        await db.query("INSERT INTO projects (name, created_at) VALUES ('old', $1)", [AT.toISOString()]);
        // [run key, start line, stored as an older PostgreSQL server did (a jsonb string of the JSON)]
        const runs: [string, unknown, boolean][] = [
          ["named", { type: "start", user: "dana" }, false],
          ["named-twice-encoded", { type: "start", user: "erin" }, true],
          ["unnamed", { type: "start" }, false],
          ["not-a-name", { type: "start", user: 42 }, false],
        ];
        for (const [key, start, twice] of runs) {
          await db.query(
            `WITH r AS (INSERT INTO runs (project_id, key, origin, created_at) VALUES (1, $1, 'tracker', $2) RETURNING id),
                  n AS (INSERT INTO nodes (run_id, hostname, rank) SELECT id, 'h', 0 FROM r RETURNING id)
             INSERT INTO logs (node_id, log_id, start)
             SELECT id, 'L', ${twice ? "to_jsonb($3::text)" : "$3::text::jsonb"} FROM n`,
            [key, AT.toISOString(), JSON.stringify(start)],
          );
        }
        // The twice-encoded run's summary too, as an older PostgreSQL server stored it: no figures on the run.
        const summary = {
          result: { energyKWh: 2, emissionsKg: 0.2, range: { lowKg: 0.1, highKg: 0.4 }, marketBasedKg: 0.05 },
        };
        await db.query(
          `UPDATE logs SET summary = to_jsonb($1::text) FROM nodes n JOIN runs r ON r.id = n.run_id
           WHERE logs.node_id = n.id AND r.key = 'named-twice-encoded'`,
          [JSON.stringify(summary)],
        );
        assert.deepEqual(await migrate(db, loadMigrations(), AT), [2, 3]);
        assert.deepEqual((await createSqlStore(db).runDetail(1, "named-twice-encoded"))?.summary, {
          energyKWh: 2,
          emissionsKg: 0.2,
          lowKg: 0.1,
          highKg: 0.4,
          marketKg: 0.05,
        });
        assert.deepEqual(await migrate(db, loadMigrations(), AT), []);
        const list = await createSqlStore(db).listRuns(1, { limit: 10 });
        assert.deepEqual(Object.fromEntries(list.map((r) => [r.key, r.user])), {
          named: "dana",
          "named-twice-encoded": "erin",
          unnamed: null,
          "not-a-name": null,
        });
      } finally {
        await db.close();
        opened.release();
      }
    });
  }
});
