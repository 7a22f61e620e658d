// The versioned SQL migrations (migrations/NNN_name.sql), read from this folder. The build embeds the
// same files into the bundle (scripts/build.mjs replaces this module), so dist needs no SQL files.
import { readdirSync, readFileSync } from "node:fs";

/** One migration: its version (the file's number), name and SQL. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration, in version order. */
export const loadMigrations = (): Migration[] => {
  const dir = new URL("./migrations/", import.meta.url);
  return readdirSync(dir)
    .filter((name) => /^\d{3}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => ({
      version: Number(name.slice(0, 3)),
      name: name.slice(4, -4),
      sql: readFileSync(new URL(name, dir), "utf8"),
    }));
};
