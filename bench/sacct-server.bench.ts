// `mlco2 hpc sacct --server` into a real `mlco2 serve` on the embedded store: jobs stored a second, for
// a first import (every job new) and a second import of the same file (every job known). The jobs are
// bench/sacct-file.ts's (MLCO2_BENCH_SACCT_SERVER_JOBS, default 10,000). Prints figures, sets no budget.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mlco2Process, startTeamServer } from "../src/cli/fixtures/team-server.ts";
import { SACCT_CLUSTER, writeSacctFile } from "./sacct-file.ts";

const jobs = Number(process.env.MLCO2_BENCH_SACCT_SERVER_JOBS ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), "mlco2-bench-sacct-server-"));
const sacct = join(dir, "sacct.txt");
const cluster = join(dir, "cluster.toml");
writeSacctFile(sacct, jobs);
writeFileSync(cluster, SACCT_CLUSTER);
const team = await startTeamServer(["hpc"]);
try {
  for (const pass of ["first import (all new)", "second import (all known)"]) {
    const started = performance.now();
    const run = await mlco2Process(
      ["hpc", "sacct", sacct, "--cluster", cluster, "--server", team.url, "--cluster-name", "bench"],
      team.tokens.hpc ?? "",
      { TZ: "UTC" },
    );
    const seconds = (performance.now() - started) / 1000;
    const line = run.stderr.trim().split("\n").at(-1) ?? "";
    const priced = Number(/ of ([\d,]+) priced jobs/.exec(line)?.[1]?.replaceAll(",", "") ?? Number.NaN);
    console.log(
      `${pass}: ${priced.toLocaleString("en-US")} jobs in ${seconds.toFixed(1)} s = ${Math.round(priced / seconds).toLocaleString("en-US")} jobs/s (${line.replace(/^mlco2: \S+: /, "")})`,
    );
  }
} finally {
  team.stop();
  rmSync(dir, { recursive: true, force: true });
}
