// Starts or stops the throwaway PostgreSQL cluster the test runner shares between test files.
//   node --import tsx scripts/postgres-cluster.ts start      → prints {"url": …, "dir": …}
//   node --import tsx scripts/postgres-cluster.ts stop DIR

import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { postgresBinDir, startPostgresCluster } from "../src/server/fixtures/postgres-cluster.ts";

const [command, dir] = process.argv.slice(2);
if (command === "start") {
  const cluster = await startPostgresCluster({ keep: true });
  process.stdout.write(`${JSON.stringify({ url: cluster.url, dir: cluster.dir })}\n`);
} else if (command === "stop" && dir !== undefined) {
  const bin = postgresBinDir();
  if (bin !== null) {
    const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
    const args = ["-D", join(dir, "data"), "-m", "immediate", "-w", "stop"];
    spawnSync(
      asRoot ? "runuser" : join(bin, "pg_ctl"),
      asRoot ? ["-u", "postgres", "--", join(bin, "pg_ctl"), ...args] : args,
      { stdio: "ignore" },
    );
  }
  rmSync(dir, { recursive: true, force: true });
} else {
  process.stderr.write("usage: postgres-cluster.ts start | stop DIR\n");
  process.exit(2);
}
