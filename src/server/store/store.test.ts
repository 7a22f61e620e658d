// One store suite, run on PGlite and on PostgreSQL: migrations (on a database that outlives the store), idempotent concurrent ingest, the
// acknowledgement, origins, rollups against hand sums, paging and metric totals.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { createDatabase, testPostgres } from "../fixtures/postgres-cluster.ts";
import { openTestStore, STORE_KINDS } from "../fixtures/test-stores.ts";
import { SchemaTooNewError } from "./migrate.ts";
import { loadMigrations } from "./migrations.ts";
import { openPgliteStore, pgliteDb } from "./pglite.ts";
import { openPostgresStore } from "./postgres.ts";
import type { SqlDb } from "./sql-db.ts";
import type { IngestBatch, NodeRef, SampleRow, Store } from "./store.ts";

const AT = new Date("2026-05-04T10:00:00Z");

const row = (
  seq: number,
  key: string,
  energyKWh: number,
  time: string,
  extra: Partial<SampleRow> = {},
): SampleRow => ({
  seq,
  time,
  intervalS: 60,
  key,
  component: key.split(":")[0] as string,
  label: key,
  method: "measured",
  via: "test",
  powerW: energyKWh * 60_000,
  energyKWh,
  emissionsKg: energyKWh * 0.1,
  facilityKWh: energyKWh * 1.2,
  ...extra,
});

const batchOf = (node: NodeRef, rows: SampleRow[], contiguous: IngestBatch["contiguous"]): IngestBatch => ({
  node,
  at: AT,
  startedAt: null,
  start: null,
  summary: null,
  rows,
  contiguous,
});

const stores = await Promise.all(
  STORE_KINDS.map(async (kind) => [kind, await openTestStore(kind, AT)] as const),
);
after(async () => {
  for (const [, opened] of stores) if ("store" in opened) await opened.release();
});

for (const [kind, opened] of stores) {
  describe(`store on ${kind}`, { skip: "skipped" in opened ? opened.skipped : false }, () => {
    if (!("store" in opened)) return;
    const store: Store = opened.store;

    it("counts a sample once when the same batch arrives many times at once", async () => {
      const project = await store.ensureProject("p1", AT);
      const node: NodeRef = { projectId: project.id, runKey: "r1", hostname: "h", rank: 0, logId: "L" };
      const rows = [0, 1, 2, 3].flatMap((seq) => [
        row(seq, "gpu:0", 0.5, `2026-05-04T08:0${seq}:00Z`),
        row(seq, "cpu:0", 0.25, `2026-05-04T08:0${seq}:00Z`),
      ]);
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, () => store.ingest(batchOf(node, rows, { first: 0, last: 3 }))),
      );
      assert.equal(
        outcomes.reduce((n, o) => n + o.inserted, 0),
        8,
      );
      assert.equal(
        outcomes.reduce((n, o) => n + o.duplicates, 0),
        40,
      );
      const [overview] = await store.listProjects([project.id]);
      assert.equal(overview?.energyKWh, 3);
      assert.ok(Math.abs((overview?.emissionsKg ?? 0) - 0.3) < 1e-12);
      const [period] = await store.projectTotals(project.id, "month", {});
      assert.ok(Math.abs((period?.facilityEnergyKWh ?? 0) - 3.6) < 1e-12);
    });

    it("adds two nodes of one run writing at once", async () => {
      const project = await store.ensureProject("p2", AT);
      const nodes = [0, 1].map(
        (rank): NodeRef => ({
          projectId: project.id,
          runKey: "multi",
          hostname: `n${rank}`,
          rank,
          logId: `L${rank}`,
        }),
      );
      await Promise.all(
        nodes.flatMap((node, n) =>
          Array.from({ length: 10 }, (_, b) =>
            store.ingest(
              batchOf(
                node,
                [row(b, "gpu:0", 0.1 * (n + 1), `2026-05-04T09:${String(b).padStart(2, "0")}:00Z`)],
                { first: b, last: b },
              ),
            ),
          ),
        ),
      );
      const run = await store.runDetail(project.id, "multi");
      assert.ok(Math.abs((run?.energyKWh ?? 0) - 3) < 1e-12, String(run?.energyKWh));
      assert.equal(run?.nodes, 2);
      const [metrics] = await store.metricRows([project.id], new Date(0));
      assert.equal(metrics?.node, "n0:0");
      assert.ok(Math.abs((metrics?.energyKWh ?? 0) - 1) < 1e-12);
    });

    it("acknowledges only an unbroken prefix of a log, and catches up when the gap is filled", async () => {
      const project = await store.ensureProject("p3", AT);
      const node: NodeRef = { projectId: project.id, runKey: "gap", hostname: "h", rank: 0, logId: "L" };
      const at = (seq: number) => `2026-05-04T07:00:${String(seq).padStart(2, "0")}Z`;
      assert.equal(
        (
          await store.ingest(
            batchOf(node, [row(0, "gpu:0", 1, at(0)), row(1, "gpu:0", 1, at(1))], { first: 0, last: 1 }),
          )
        ).ackedThrough,
        1,
      );
      assert.equal(
        (await store.ingest(batchOf(node, [row(4, "gpu:0", 1, at(4))], { first: 4, last: 4 }))).ackedThrough,
        1,
      );
      assert.equal(
        (
          await store.ingest(
            batchOf(node, [row(2, "gpu:0", 1, at(2)), row(3, "gpu:0", 1, at(3))], { first: 2, last: 3 }),
          )
        ).ackedThrough,
        3,
      );
      assert.equal(
        (await store.ingest(batchOf(node, [row(4, "gpu:0", 1, at(4))], { first: 4, last: 4 }))).ackedThrough,
        4,
      );
      assert.deepEqual(await store.ackOf(node), { ackedThrough: 4, summary: false });
      assert.deepEqual(await store.ackOf({ ...node, logId: "other" }), { ackedThrough: -1, summary: false });
    });

    it("keeps run keys to one origin, and stores an estimate once", async () => {
      const project = await store.ensureProject("p4", AT);
      const figures = { energyKWh: 2, emissionsKg: 1, lowKg: 0.5, highKg: 2, marketKg: null };
      const single = {
        projectId: project.id,
        key: "e1",
        origin: "estimate" as const,
        startedAt: AT,
        at: AT,
        result: { any: 1 },
        figures,
        facilityKWh: 2.2,
      };
      assert.deepEqual(await store.saveSingleResult(single), { created: true, origin: "estimate" });
      assert.deepEqual(await store.saveSingleResult(single), { created: false, origin: "estimate" });
      await assert.rejects(
        store.ingest(
          batchOf({ projectId: project.id, runKey: "e1", hostname: "h", rank: 0, logId: "L" }, [], null),
        ),
        (error: Error) => (error as { code?: string }).code === "run-origin",
      );
      const [period] = await store.projectTotals(project.id, "week", {});
      assert.deepEqual(
        {
          period: period?.period,
          origin: period?.origin,
          energy: period?.energyKWh,
          low: period?.lowKg,
          high: period?.highKg,
          unranged: period?.unrangedKg,
        },
        { period: "2026-05-04", origin: "estimate", energy: 2, low: 0.5, high: 2, unranged: 0 },
      );
    });

    it("charts from samples or hourly rollups alike, and pages samples in order", async () => {
      const project = await store.ensureProject("p5", AT);
      const node: NodeRef = { projectId: project.id, runKey: "chart", hostname: "h", rank: 0, logId: "L" };
      // 120 one-minute samples over two hours at 6 kW: 0.1 kWh each.
      const rows = Array.from({ length: 120 }, (_, i) =>
        row(i, "gpu:0", 0.1, new Date(Date.UTC(2026, 4, 4, 0, i + 1)).toISOString()),
      );
      await store.ingest(batchOf(node, rows, { first: 0, last: 119 }));
      const run = await store.runDetail(project.id, "chart");
      const fromSamples = await store.runPower(run?.id ?? 0, 3600, "samples", new Date(0));
      const fromHours = await store.runPower(run?.id ?? 0, 3600, "hours", new Date(0));
      assert.deepEqual(
        fromSamples.map((p) => Math.round(p.powerW)),
        [6000, 6000, 6000],
      );
      assert.deepEqual(
        fromHours.map((p) => [p.t, Math.round(p.powerW)]),
        fromSamples.map((p) => [p.t, Math.round(p.powerW)]),
      );
      const first = await store.runSamples(run?.id ?? 0, { seriesId: 0, seq: -1 }, 50);
      const second = await store.runSamples(
        run?.id ?? 0,
        { seriesId: first.at(-1)?.seriesId ?? 0, seq: first.at(-1)?.seq ?? 0 },
        100,
      );
      assert.deepEqual(
        [...first, ...second].map((r) => r.seq),
        rows.map((r) => r.seq),
      );
    });

    it("reports power only for series still reporting", async () => {
      const project = await store.ensureProject("p6", AT);
      const node: NodeRef = { projectId: project.id, runKey: "live", hostname: "h", rank: 0, logId: "L" };
      await store.ingest(
        batchOf(node, [row(0, "gpu:0", 0.1, "2026-05-04T09:59:00Z")], { first: 0, last: 0 }),
      );
      assert.equal((await store.metricRows([project.id], new Date("2026-05-04T09:55:00Z")))[0]?.powerW, 6000);
      assert.equal((await store.metricRows([project.id], new Date("2026-05-04T10:05:00Z")))[0]?.powerW, null);
    });

    it("keeps tokens as hashes and revokes them once", async () => {
      const token = await store.createToken({
        id: `id${kind}`,
        hash: "ab".repeat(32),
        projectName: "p7",
        scope: "read",
        label: "x",
        at: AT,
      });
      assert.equal(token.projectName, "p7");
      assert.equal((await store.findToken(`id${kind}`))?.hash, "ab".repeat(32));
      assert.equal(await store.revokeToken(`id${kind}`, AT), true);
      assert.equal(await store.revokeToken(`id${kind}`, AT), false);
      assert.ok((await store.findToken(`id${kind}`))?.revokedAt instanceof Date);
    });
  });
}

/** A store kind opened on a database that outlives it: a PGlite folder, or one PostgreSQL database. */
const persistentStore = async (kind: (typeof STORE_KINDS)[number]) => {
  if (kind === "pglite") {
    const dataDir = join(mkdtempSync(join(tmpdir(), "mlco2-migrate-")), "pglite");
    const raw = async <T>(work: (db: SqlDb) => Promise<T>): Promise<T> => {
      const db = pgliteDb(await PGlite.create({ dataDir }));
      try {
        return await work(db);
      } finally {
        await db.close();
      }
    };
    return { open: (at: Date) => openPgliteStore(dataDir, at), raw, release: () => {} };
  }
  const pg = await testPostgres();
  if ("skipped" in pg) return pg;
  const raw = async <T>(work: (db: SqlDb) => Promise<T>): Promise<T> => {
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    const db: SqlDb = {
      kind: "postgres",
      query: async <Row>(text: string, params: readonly unknown[] = []) =>
        Array.from(await sql.unsafe(text, params as never[]), (r) => ({ ...r })) as Row[],
      exec: async (text) => {
        await sql.unsafe(text);
      },
      transaction: () => Promise.reject(new Error("not used here")),
      close: () => sql.end({ timeout: 5 }),
    };
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  };
  return { open: (at: Date) => openPostgresStore(pg.url, at), raw, release: pg.release };
};

const appliedOf = (db: SqlDb) =>
  db.query<{ version: number; name: string; applied_at: string | Date }>(
    "SELECT version, name, applied_at FROM schema_migrations ORDER BY version",
  );

const LATER = new Date("2026-06-01T00:00:00Z");

for (const kind of STORE_KINDS) {
  describe(`migrations on ${kind}`, () => {
    it("apply on first open, are not re-applied on an existing database, and keep its data", async (t) => {
      const target = await persistentStore(kind);
      if ("skipped" in target) return t.skip(target.skipped);
      try {
        assert.deepEqual(
          loadMigrations().map((m) => m.version),
          [1, 2, 3],
          "a new migration: extend these checks",
        );
        const first = await target.open(AT);
        await first.ensureProject("kept", AT);
        await first.close();
        const before = await target.raw(appliedOf);
        assert.deepEqual(
          before.map((r) => [r.version, r.name, new Date(r.applied_at).toISOString()]),
          [
            [1, "initial", AT.toISOString()],
            [2, "unwrap_jsonb", AT.toISOString()],
            [3, "run_user", AT.toISOString()],
          ],
        );
        const again = await target.open(LATER);
        try {
          assert.equal((await again.findProject("kept"))?.name, "kept", "the data survives a re-open");
        } finally {
          await again.close();
        }
        assert.deepEqual(await target.raw(appliedOf), before, "nothing re-applied, nothing re-dated");
        // A database newer than this mlco2 is refused, and left as it was.
        await target.raw((db) =>
          db.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', now())"),
        );
        await assert.rejects(target.open(LATER), SchemaTooNewError);
        assert.deepEqual(
          (await target.raw(appliedOf)).map((r) => r.version),
          [1, 2, 3, 99],
        );
        assert.deepEqual(await target.raw((db) => db.query<{ name: string }>("SELECT name FROM projects")), [
          { name: "kept" },
        ]);
      } finally {
        target.release();
      }
    });
  });
}

describe("migrations on postgres, servers starting at once", () => {
  it("apply once: the others wait for the first and find the schema there", async (t) => {
    const pg = await testPostgres();
    if ("skipped" in pg) return t.skip(pg.skipped);
    try {
      // The race is a matter of milliseconds: a few fresh databases, four servers each.
      for (let round = 0; round < 5; round++) {
        const url: string = round === 0 ? pg.url : await createDatabase(pg.url);
        const opened = await Promise.allSettled(
          [AT, LATER, AT, LATER].map((at) => openPostgresStore(url, at)),
        );
        for (const o of opened) if (o.status === "fulfilled") await o.value.close();
        const failed = opened.flatMap((o) => (o.status === "rejected" ? [String(o.reason)] : []));
        assert.deepEqual(failed, [], `round ${round}`);
        const sql = postgres(url, { max: 1, onnotice: () => {} });
        try {
          assert.deepEqual(
            (await sql`SELECT version FROM schema_migrations ORDER BY version`).map((r) => r.version),
            [1, 2, 3],
          );
        } finally {
          await sql.end({ timeout: 5 });
        }
      }
    } finally {
      pg.release();
    }
  });
});
