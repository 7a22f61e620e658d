// Applies the migrations a database has not seen yet, each in its own transaction, recorded in
// schema_migrations. Only adds: a database newer than this server is refused, never rewritten.
import type { Migration } from "./migrations.ts";
import type { SqlDb } from "./sql-db.ts";

/** A database whose schema is newer than this server knows. */
export class SchemaTooNewError extends Error {
  /** Machine-readable kind. */
  readonly code = "schema-too-new";
  constructor(found: number, known: number) {
    super(
      `the database has schema version ${found}, newer than this mlco2 knows (${known}); upgrade mlco2 rather than downgrade the data`,
    );
    this.name = "SchemaTooNewError";
  }
}

/** The advisory lock key that serialises the creation of schema_migrations ("mlco2" as a number). */
const MIGRATION_LOCK = 0x6d6c636f32;

/** Applies what is missing; returns the versions applied now. */
export const migrate = async (db: SqlDb, migrations: readonly Migration[], at: Date): Promise<number[]> => {
  // Two servers starting at once on a fresh PostgreSQL database: CREATE TABLE IF NOT EXISTS is not safe
  // against itself (one of them fails on pg_type's unique index), so the table is made under a lock.
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)",
    );
  });
  const applied = new Set(
    (await db.query<{ version: number }>("SELECT version FROM schema_migrations")).map((r) => r.version),
  );
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  if (newest > known) throw new SchemaTooNewError(newest, known);
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    await db.transaction(async (tx) => {
      // Two servers starting at once on one PostgreSQL: the second waits here, then finds it applied.
      const taken = await tx.query<{ version: number }>(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING version",
        [migration.version, migration.name, at.toISOString()],
      );
      if (taken.length === 0) return;
      await tx.exec(migration.sql);
      done.push(migration.version);
    });
  }
  return done;
};
