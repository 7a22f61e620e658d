// Tokens and projects in SQL.
import type { SqlDb } from "./sql-db.ts";
import { isoOf, numberOf } from "./sql-values.ts";
import type { NewToken, Project, TokenRecord, TokenScope } from "./store.ts";

interface TokenRow {
  id: string;
  hash: string;
  project_id: number;
  project_name: string;
  scope: string;
  label: string | null;
  created_at: unknown;
  revoked_at: unknown;
}

const TOKEN_COLUMNS =
  "t.id, t.hash, t.project_id, p.name AS project_name, t.scope, t.label, t.created_at, t.revoked_at";

const tokenOf = (row: TokenRow): TokenRecord => {
  const revoked = isoOf(row.revoked_at);
  return {
    id: row.id,
    hash: row.hash,
    projectId: numberOf(row.project_id),
    projectName: row.project_name,
    scope: row.scope as TokenScope,
    label: row.label,
    createdAt: new Date(isoOf(row.created_at) ?? 0),
    revokedAt: revoked === null ? null : new Date(revoked),
  };
};

/** The project of that name, created when missing. */
export const ensureProject = async (db: SqlDb, name: string, at: Date): Promise<Project> => {
  const [row] = await db.query<{ id: number; name: string }>(
    `INSERT INTO projects (name, created_at) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id, name`,
    [name, at.toISOString()],
  );
  if (row === undefined) throw new Error("project upsert returned no row");
  return { id: numberOf(row.id), name: row.name };
};

/** The project of that name. */
export const findProject = async (db: SqlDb, name: string): Promise<Project | null> => {
  const [row] = await db.query<{ id: number; name: string }>(
    "SELECT id, name FROM projects WHERE name = $1",
    [name],
  );
  return row === undefined ? null : { id: numberOf(row.id), name: row.name };
};

/** Stores a token, creating its project when missing. */
export const createToken = (db: SqlDb, token: NewToken): Promise<TokenRecord> =>
  db.transaction(async (tx) => {
    const project = await ensureProject(tx, token.projectName, token.at);
    await tx.query(
      "INSERT INTO tokens (id, hash, project_id, scope, label, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
      [token.id, token.hash, project.id, token.scope, token.label, token.at.toISOString()],
    );
    const found = await findToken(tx, token.id);
    if (found === null) throw new Error("token insert returned no row");
    return found;
  });

/** A token by its public id. */
export const findToken = async (db: SqlDb, id: string): Promise<TokenRecord | null> => {
  const [row] = await db.query<TokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM tokens t JOIN projects p ON p.id = t.project_id WHERE t.id = $1`,
    [id],
  );
  return row === undefined ? null : tokenOf(row);
};

/** Every token, newest first. */
export const listTokens = async (db: SqlDb): Promise<TokenRecord[]> =>
  (
    await db.query<TokenRow>(
      `SELECT ${TOKEN_COLUMNS} FROM tokens t JOIN projects p ON p.id = t.project_id ORDER BY t.created_at DESC, t.id`,
    )
  ).map(tokenOf);

/** Revokes a valid token; false when unknown or revoked already. */
export const revokeToken = async (db: SqlDb, id: string, at: Date): Promise<boolean> =>
  (
    await db.query<{ id: string }>(
      "UPDATE tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id",
      [id, at.toISOString()],
    )
  ).length === 1;

/** How many tokens exist. */
export const countTokens = async (db: SqlDb): Promise<number> => {
  const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM tokens");
  return numberOf(row?.n);
};
