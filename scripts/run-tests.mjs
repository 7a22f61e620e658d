// Runs every *.test.ts under src/, test/ and web/ with node's test runner. Node 20 needs explicit paths.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const roots = ["src", "test", "web"];
const files = [];
const walk = (dir) => {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (name === "node_modules" || name === "dist") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".test.ts")) files.push(path);
  }
};
for (const root of roots) walk(root);
const only = process.argv.slice(2);
const selected = only.length > 0 ? files.filter((f) => only.some((o) => f.includes(o))) : files;
if (selected.length === 0) {
  console.error("run-tests: no test files found");
  process.exit(1);
}
// The server's suites run on PostgreSQL too: one throwaway cluster serves every test file (each makes its
// own database), stopped at the end. If it cannot start, those suites start their own and fail loudly;
// MLCO2_SKIP_POSTGRES=1 skips them with a notice. A file needs it when it (or a fixture it names) opens a
// PostgreSQL test store, wherever it lives (src/server, src/cli, src/client, web/src/dashboard, …).
const POSTGRES_USE = /\b(testPostgres|openTestStore|STORE_KINDS|MLCO2_TEST_DATABASE_URL)\b/;
const needsPostgres = selected.some((f) => POSTGRES_USE.test(readFileSync(f, "utf8")));
let cluster = null;
if (
  needsPostgres &&
  process.env.MLCO2_SKIP_POSTGRES !== "1" &&
  process.env.MLCO2_TEST_DATABASE_URL === undefined
) {
  const started = spawnSync(process.execPath, ["--import", "tsx", "scripts/postgres-cluster.ts", "start"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (started.status === 0) cluster = JSON.parse(started.stdout);
  else
    console.error(
      "run-tests: could not start a PostgreSQL cluster; the PostgreSQL suites will try on their own",
    );
}
const stopCluster = () => {
  if (cluster === null) return;
  spawnSync(process.execPath, ["--import", "tsx", "scripts/postgres-cluster.ts", "stop", cluster.dir], {
    stdio: "inherit",
  });
  cluster = null;
};
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    stopCluster();
    process.exit(130);
  });
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", ...selected.sort()],
  {
    stdio: "inherit",
    env: cluster === null ? process.env : { ...process.env, MLCO2_TEST_DATABASE_URL: cluster.url },
  },
);
stopCluster();
process.exit(result.status ?? 1);
