// The scale-out store: a real PostgreSQL (14 or newer) through the `postgres` client, with the same
// migrations as the embedded store.
import postgres from "postgres";
import { migrate } from "./migrate.ts";
import { loadMigrations } from "./migrations.ts";
import type { SqlDb } from "./sql-db.ts";
import { createSqlStore } from "./sql-store.ts";
import type { Store } from "./store.ts";

type Client = postgres.Sql | postgres.TransactionSql;

const adapt = (client: Client, root: postgres.Sql | null): SqlDb => ({
  kind: "postgres",
  query: async <Row>(sql: string, params: readonly unknown[] = []) =>
    (await client.unsafe(sql, params as postgres.ParameterOrJSON<never>[], {
      prepare: true,
    })) as unknown as Row[],
  exec: async (sql) => {
    await client.unsafe(sql);
  },
  transaction: (work) => {
    if (root === null) return Promise.reject(new Error("nested transactions are not supported"));
    return root.begin((tx) => work(adapt(tx, null))) as Promise<never>;
  },
  close: async () => {
    if (root !== null) await root.end({ timeout: 5 });
  },
});

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /** Pool size (default 10). */
  readonly max?: number;
}

/**
 * Connects to PostgreSQL at `url` (postgres://user:pass@host:port/db) and applies missing migrations.
 *
 * @example
 * const store = await openPostgresStore("postgres://mlco2@127.0.0.1:5432/mlco2", new Date());
 */
export const openPostgresStore = async (
  url: string,
  at: Date,
  options: PostgresStoreOptions = {},
): Promise<Store> => {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: 10,
    // 64-bit integers and numerics are cast to int/float8 in the queries; dates come back as text. JSON
    // goes in as the text the store made (JSON.stringify): the client's own serializer would encode it a
    // second time, storing a jsonb string that SQL cannot read into (migration 2 unwraps those).
    types: {
      json: {
        to: 114,
        from: [114, 3802],
        serialize: (x: unknown) => (typeof x === "string" ? x : JSON.stringify(x)),
        parse: (x: string) => JSON.parse(x) as unknown,
      },
    },
    // Hours and days are UTC whatever the server's own time zone.
    connection: { TimeZone: "UTC", application_name: "mlco2" },
  });
  const db = adapt(sql, sql);
  try {
    await migrate(db, loadMigrations(), at);
  } catch (error) {
    await db.close();
    throw error;
  }
  return createSqlStore(db);
};
