// The little a store needs from a PostgreSQL-speaking engine: parameterised queries, a multi-statement
// script, transactions. pglite.ts and postgres.ts each adapt one client to it.

/** A PostgreSQL connection (or pool) as the store uses it. */
export interface SqlDb {
  /** Which engine. */
  readonly kind: "pglite" | "postgres";
  /** Runs one statement with `$1…` parameters and returns its rows. */
  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it rejects. */
  transaction<T>(work: (tx: SqlDb) => Promise<T>): Promise<T>;
  /** Releases the engine. */
  close(): Promise<void>;
}

/** The SQLSTATE of a database error, when it has one (e.g. "40P01" for a deadlock). */
export const sqlStateOf = (error: unknown): string | undefined => {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
};
