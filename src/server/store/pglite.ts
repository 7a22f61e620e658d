// The embedded store: PostgreSQL compiled to WebAssembly (PGlite), its files in one folder. No server
// to install; one process opens the folder at a time (node.ts keeps a lock file beside it).
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { migrate } from "./migrate.ts";
import { loadMigrations } from "./migrations.ts";
import type { SqlDb } from "./sql-db.ts";
import { createSqlStore } from "./sql-store.ts";
import type { Store } from "./store.ts";

type Queryable = Pick<PGlite, "query" | "exec"> | Transaction;

const adapt = (client: Queryable, transaction: SqlDb["transaction"], close: SqlDb["close"]): SqlDb => ({
  kind: "pglite",
  query: async <Row>(sql: string, params: readonly unknown[] = []) =>
    (await client.query<Row>(sql, params as unknown[])).rows,
  exec: async (sql) => {
    await client.exec(sql);
  },
  transaction,
  close,
});

/** A SqlDb over a PGlite instance (transactions are not nested). */
export const pgliteDb = (pg: PGlite): SqlDb => {
  const nested = (): Promise<never> => Promise.reject(new Error("nested transactions are not supported"));
  const db: SqlDb = adapt(
    pg,
    (work) =>
      pg.transaction((tx) => work(adapt(tx, nested, () => Promise.resolve()))) as ReturnType<typeof work>,
    () => pg.close(),
  );
  return db;
};

/**
 * Opens (creating when new) the embedded store in `dataDir` (`undefined`: in memory, for tests) and
 * applies missing migrations.
 *
 * @example
 * const store = await openPgliteStore("./mlco2-data", new Date());
 */
export const openPgliteStore = async (dataDir: string | undefined, at: Date): Promise<Store> => {
  const pg = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  const db = pgliteDb(pg);
  try {
    await db.exec("SET TIME ZONE 'UTC'");
    await migrate(db, loadMigrations(), at);
  } catch (error) {
    await db.close();
    throw error;
  }
  return withMaintenance(db, createSqlStore(db));
};

/** Rows stored between two maintenance passes. */
const MAINTENANCE_ROWS = 250_000;

/**
 * PGlite has no autovacuum: statistics and the space of updated rows (series totals, rollups) are kept
 * up here, after every {@link MAINTENANCE_ROWS} stored samples and once at start.
 */
const withMaintenance = (db: SqlDb, store: Store): Store => {
  let stored = MAINTENANCE_ROWS;
  let running: Promise<void> | null = null;
  /** The last maintenance failure (kept for tests and debugging; the store keeps working without it). */
  let maintenanceError: string | null = null;
  void maintenanceError;
  const maintain = () => {
    // One statement each: VACUUM cannot run inside a multi-statement string.
    running ??= (async () => {
      for (const sql of ["VACUUM ANALYZE series, logs, rollup_hour, rollup_day, runs", "ANALYZE samples"])
        await db.exec(sql);
    })()
      .catch((error: unknown) => {
        maintenanceError = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        running = null;
      });
  };
  return {
    ...store,
    ingest: async (batch) => {
      const outcome = await store.ingest(batch);
      stored += outcome.inserted;
      if (stored >= MAINTENANCE_ROWS) {
        stored = 0;
        maintain();
      }
      return outcome;
    },
    close: async () => {
      await running;
      await store.close();
    },
  };
};
