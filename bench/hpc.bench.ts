// mlco2 hpc sacct end to end against the floor (a bare Node pass that reads the same file and splits it
// into lines and fields): a generated 1,000,000-job sacct -P file with steps (≈ 3 lines per job), CPU,
// GPU, multi-node, array and measured-energy jobs over two partitions. Prints jobs/s, the ratio to the
// floor, and peak memory against a 10× smaller file (constant memory: about the same).
import { spawnSync } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const JOBS = Number(process.env.HPC_JOBS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), "mlco2-hpc-bench-"));
const cluster = join(dir, "cluster.toml");
writeFileSync(
  cluster,
  '[cluster]\ncountry = "DE"\npue = 1.2\n[partitions.gpu]\ngpu = "NVIDIA A100 SXM4 80GB"\ngpus_per_node = 8\ncpu = "AMD EPYC 7763"\nsockets = 2\n[partitions.cpu]\ncpu = "AMD EPYC 7763"\nsockets = 2\n',
);
const HEADER =
  "JobID|JobName|User|Account|Partition|State|Submit|Start|End|Elapsed|NNodes|NCPUS|TotalCPU|CPUTime|ReqMem|MaxRSS|AllocTRES|NodeList|ConsumedEnergyRaw\n";
const hms = (s: number) =>
  `${String(Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
const write = (path: string, jobs: number): void => {
  const parts: string[] = [HEADER];
  for (let i = 0; i < jobs; i++) {
    const gpu = i % 3 === 0;
    const nodes = i % 50 === 0 ? 2 : 1;
    const cpus = (gpu ? 32 : 4 + (i % 16)) * nodes;
    const gpus = gpu ? 4 * nodes : 0;
    const elapsed = 60 + ((i * 7919) % 86_000);
    const total = Math.floor(elapsed * cpus * (0.2 + (i % 7) / 10));
    const id = i % 10 === 0 ? `${1_000_000 + i}_${i % 4}` : String(1_000_000 + i);
    const tres = `billing=${cpus},cpu=${cpus}${gpu ? `,gres/gpu:a100=${gpus},gres/gpu=${gpus}` : ""},mem=${cpus * 4}G,node=${nodes}`;
    const energy = i % 20 === 0 ? String(elapsed * 400) : "";
    const day = `2024-${String(1 + (i % 12)).padStart(2, "0")}-10T`;
    parts.push(
      `${id}|job${i % 100}|user${i % 97}|acct${i % 13}|${gpu ? "gpu" : "cpu"}|COMPLETED|${day}00:00:00|${day}00:01:00|${day}05:00:00|${hms(elapsed)}|${nodes}|${cpus}|${hms(Math.min(total, 359_999))}|${hms(Math.min(elapsed * cpus, 359_999))}|${cpus * 4}G||${tres}|node${String(i % 500).padStart(3, "0")}|${energy}\n`,
      `${id}.batch|batch|||||${day}00:01:00|${day}00:01:00|${day}05:00:00|${hms(elapsed)}|1|${cpus}|00:01.500|${hms(Math.min(elapsed * cpus, 359_999))}||${1000 + i}K|cpu=${cpus},mem=${cpus * 4}G,node=1|node001|\n`,
      `${id}.extern|extern|||||${day}00:01:00|${day}00:01:00|${day}05:00:00|${hms(elapsed)}|1|${cpus}|00:00:00|${hms(Math.min(elapsed * cpus, 359_999))}||0|billing=${cpus},cpu=${cpus},node=1|node001|\n`,
    );
    if (parts.length > 30_000) {
      writeFileSync(path, parts.join(""), { flag: "a" });
      parts.length = 0;
    }
  }
  writeFileSync(path, parts.join(""), { flag: "a" });
};
const big = join(dir, "big.txt");
const small = join(dir, "small.txt");
write(big, JOBS);
write(small, Math.floor(JOBS / 10));

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
  const total = /total ([\d,]+) of ([\d,]+) jobs priced/.exec(r.stderr);
  if (total?.[1]?.replaceAll(",", "") !== String(file === big ? JOBS : Math.floor(JOBS / 10)))
    throw new Error(`unexpected total: ${r.stderr}`);
  return { ms, rssMB: Number(/RUSAGE (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024 };
};

const floorMs = await floor();
const e2e = run(big);
const smallRun = run(small);
const mb = statSync(big).size / 1e6;
console.log(
  `sacct file: ${JOBS.toLocaleString("en-US")} jobs (${(JOBS * 3).toLocaleString("en-US")} lines with steps), ${mb.toFixed(0)} MB; machine shared with other work: compare ratios`,
);
console.log(`floor (read + split lines and fields): ${floorMs.toFixed(0)} ms`);
console.log(
  `mlco2 hpc sacct end to end (process start, cluster file, read, price, write CSV): ${e2e.ms.toFixed(0)} ms = ${Math.round(JOBS / (e2e.ms / 1000)).toLocaleString("en-US")} jobs/s (target ≥ 200,000), ${(e2e.ms / floorMs).toFixed(2)}× the floor`,
);
console.log(
  `peak memory: ${e2e.rssMB.toFixed(0)} MB for ${JOBS.toLocaleString("en-US")} jobs, ${smallRun.rssMB.toFixed(0)} MB for a tenth of them (ratio ${(e2e.rssMB / smallRun.rssMB).toFixed(2)}: constant memory is ≈ 1)`,
);
rmSync(dir, { recursive: true, force: true });
