// Every test file that opens the team server's store (directly, through the app, the Node server, a
// `mlco2 serve` process or the dashboard harness) runs on PostgreSQL too, or says why not in a
// `// pglite-only: <reason>` line. The names that mark a dual-store file are the ones scripts/run-tests.mjs
// looks for to start its PostgreSQL cluster, so such a file also gets the runner's database.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SELF = fileURLToPath(import.meta.url);

const testFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith(".test.ts") && path !== SELF ? [path] : [];
  });

/** Modules that reach the team server's store. */
const STORE_MODULES = [
  "src/server/node.ts",
  "src/server/app.ts",
  "src/server/fixtures/processes.ts",
  "src/server/fixtures/test-stores.ts",
  "src/server/store/pglite.ts",
  "src/server/store/postgres.ts",
  "web/dashboard-harness.ts",
].map((m) => join(ROOT, m));

const opensStore = (file: string): boolean =>
  [...readFileSync(file, "utf8").matchAll(/from "(\.{1,2}\/[^"]+)"/g)].some((m) =>
    STORE_MODULES.includes(resolve(dirname(file), m[1] as string)),
  );

/** What scripts/run-tests.mjs looks for (its POSTGRES_USE): a file opening a PostgreSQL test store. */
const RUNS_ON_POSTGRES = /\b(testPostgres|openTestStore|STORE_KINDS|MLCO2_TEST_DATABASE_URL)\b/;
const EXCUSED = /^\/\/ pglite-only: \S+( \S+){3,}/m;

describe("test files on both stores", () => {
  it("open the server's store on PostgreSQL too, or say why not", () => {
    const files = ["src", "web"].flatMap((root) => testFiles(join(ROOT, root)));
    const opening = files.filter(opensStore);
    assert.ok(opening.length >= 8, `found ${opening.length} files opening a store`);
    const pgliteOnly = opening
      .filter((f) => {
        const text = readFileSync(f, "utf8");
        return !RUNS_ON_POSTGRES.test(text) && !EXCUSED.test(text);
      })
      .map((f) => relative(ROOT, f));
    assert.deepEqual(pgliteOnly, [], "loop over STORE_KINDS (fixtures/test-stores.ts) or testPostgres()");
  });

  it("match what the test runner looks for", () => {
    const runner = readFileSync(join(ROOT, "scripts", "run-tests.mjs"), "utf8");
    assert.ok(
      runner.includes(RUNS_ON_POSTGRES.source),
      "scripts/run-tests.mjs: POSTGRES_USE is this pattern",
    );
  });
});
