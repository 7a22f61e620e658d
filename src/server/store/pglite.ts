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
  return createSqlStore(db);
};
