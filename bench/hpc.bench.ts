// mlco2 hpc sacct end to end against the floor (a bare Node pass that reads the same file and splits it
// into lines and fields): a generated 1,000,000-job sacct -P file with steps (≈ 3 lines per job), CPU,
// GPU, multi-node, array and measured-energy jobs over two partitions. Prints jobs/s, the ratio to the
// floor, and peak memory against a 10× smaller file (constant memory: about the same).
import { spawnSync } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SACCT_CLUSTER, writeSacctFile } from "./sacct-file.ts";

const JOBS = Number(process.env.HPC_JOBS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), "mlco2-hpc-bench-"));
const cluster = join(dir, "cluster.toml");
writeFileSync(cluster, SACCT_CLUSTER);
const big = join(dir, "big.txt");
const small = join(dir, "small.txt");
const bigLines = writeSacctFile(big, JOBS);
writeSacctFile(small, Math.floor(JOBS / 10));

/** The floor: read as UTF-8, split into lines and fields. */
const floor = async (): Promise<number> => {
  const start = performance.now();
  let carry = "";
  let fields = 0;
  for await (const chunk of createReadStream(big, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const lines = (carry + chunk).split("\n");
    carry = lines.pop() ?? "";
    for (const line of lines) fields += line.split("|").length;
  }
  if (fields === 0) throw new Error("floor read nothing");
  return performance.now() - start;
};

const rusage = join(dir, "rusage.mjs");
writeFileSync(
  rusage,
  'import { writeSync } from "node:fs";\nprocess.on("exit", () => writeSync(2, "RUSAGE " + process.resourceUsage().maxRSS + "\\n"));',
);
const run = (file: string) => {
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      rusage,
      "dist/cli.js",
      "hpc",
      "sacct",
      file,
      "--cluster",
      cluster,
      "--output",
      join(dir, "out.csv"),
    ],
    { encoding: "utf8" },
  );
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`hpc sacct failed: ${r.stderr.slice(0, 500)}`);
  const total = /total [\d,]+ of ([\d,]+) jobs priced/.exec(r.stderr);
  if (total?.[1]?.replaceAll(",", "") !== String(file === big ? JOBS : Math.floor(JOBS / 10)))
    throw new Error(`unexpected total: ${r.stderr}`);
  return { ms, rssMB: Number(/RUSAGE (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024 };
};

const floorMs = await floor();
const e2e = run(big);
const smallRun = run(small);
const mb = statSync(big).size / 1e6;
console.log(
  `sacct file: ${JOBS.toLocaleString("en-US")} jobs (${bigLines.toLocaleString("en-US")} lines with steps), ${mb.toFixed(0)} MB; machine shared with other work: compare ratios`,
);
console.log(`floor (read + split lines and fields): ${floorMs.toFixed(0)} ms`);
console.log(
  `mlco2 hpc sacct end to end (process start, cluster file, read, price, write CSV): ${e2e.ms.toFixed(0)} ms = ${Math.round(JOBS / (e2e.ms / 1000)).toLocaleString("en-US")} jobs/s (target ≥ 200,000), ${(e2e.ms / floorMs).toFixed(2)}× the floor`,
);
console.log(
  `peak memory: ${e2e.rssMB.toFixed(0)} MB for ${JOBS.toLocaleString("en-US")} jobs, ${smallRun.rssMB.toFixed(0)} MB for a tenth of them (ratio ${(e2e.rssMB / smallRun.rssMB).toFixed(2)}: constant memory is ≈ 1)`,
);
rmSync(dir, { recursive: true, force: true });
