// The one implementation of the Store over any SqlDb: the same SQL runs on PGlite and on PostgreSQL.
import type { SqlDb } from "./sql-db.ts";
import { ackOf, ingest, newIngestCache, saveSingleResult } from "./sql-ingest.ts";
import { listProjects, listRuns, metricRows, runDetail, runPower, runSamples } from "./sql-reads.ts";
import { saveSingleResults } from "./sql-single-results.ts";
import {
  countTokens,
  createToken,
  ensureProject,
  findProject,
  findToken,
  listTokens,
  revokeToken,
} from "./sql-tokens.ts";
import { projectTotals, userTotals } from "./sql-totals.ts";
import type { Store } from "./store.ts";

/** A store over `db` (whose schema is migrated). */
export const createSqlStore = (db: SqlDb): Store => {
  const cache = newIngestCache();
  return {
    kind: db.kind,
    close: () => db.close(),
    createToken: (token) => createToken(db, token),
    findToken: (id) => findToken(db, id),
    listTokens: () => listTokens(db),
    revokeToken: (id, at) => revokeToken(db, id, at),
    countTokens: () => countTokens(db),
    ensureProject: (name, at) => ensureProject(db, name, at),
    findProject: (name) => findProject(db, name),
    listProjects: (ids) => listProjects(db, ids),
    ingest: (batch) => ingest(db, cache, batch),
    ackOf: (node) => ackOf(db, node),
    saveSingleResult: (run) => saveSingleResult(db, run),
    saveSingleResults: (runs) => saveSingleResults(db, runs),
    projectTotals: (projectId, by, range) => projectTotals(db, projectId, by, range),
    userTotals: (projectId, range) => userTotals(db, projectId, range),
    listRuns: (projectId, filter) => listRuns(db, projectId, filter),
    runDetail: (projectId, key) => runDetail(db, projectId, key),
    runPower: (runId, bucketS, source, origin) => runPower(db, runId, bucketS, source, origin),
    runSamples: (runId, after, limit) => runSamples(db, runId, after, limit),
    metricRows: (projectIds, recentSince) => metricRows(db, projectIds, recentSince),
  };
};
