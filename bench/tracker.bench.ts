// Overhead of `mlco2 track` (npm run bench tracker): the tracker's own CPU time and peak RSS while it
// tracks `sleep`, read from /proc/<tracker pid>/stat and /status (whole process, start-up included), and
// how long after invocation the wrapped command starts. Run after `npm run build`.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const SLEEP_S = Number(process.env.MLCO2_BENCH_SLEEP_S ?? 60);
const TICKS_PER_S = 100;

const cpuSeconds = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
};
const peakRssMB = (pid: number): number =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const overhead = async (intervalArgs: string[], budgetShare: number) => {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      CLI,
      "track",
      "--quiet",
      "--no-log",
      "--intensity",
      "100",
      ...intervalArgs,
      "--",
      "sleep",
      String(SLEEP_S),
    ],
    { stdio: "ignore" },
  );
  const pid = child.pid as number;
  await sleep(2000);
  const cpuAt2 = cpuSeconds(pid);
  const t2 = performance.now();
  await sleep((SLEEP_S - 2.5) * 1000);
  const cpuEnd = cpuSeconds(pid);
  const tEnd = performance.now();
  const rss = peakRssMB(pid);
  await new Promise((resolve) => child.on("close", resolve));
  const whole = cpuEnd / ((tEnd - started) / 1000);
  const steady = (cpuEnd - cpuAt2) / ((tEnd - t2) / 1000);
  const label = intervalArgs.length === 0 ? "default interval (1 s)" : `--interval ${intervalArgs[1]}`;
  console.log(`${label}, sleep ${SLEEP_S} s:`);
  console.log(
    `  CPU, whole process incl. start-up: ${(whole * 100).toFixed(2)} % of one core (budget ${budgetShare * 100} %: ratio ${(whole / budgetShare).toFixed(2)})`,
  );
  console.log(
    `  CPU, steady state (after 2 s):      ${(steady * 100).toFixed(2)} % of one core (ratio ${(steady / budgetShare).toFixed(2)})`,
  );
  console.log(
    `  peak RSS (VmHWM):                   ${rss.toFixed(1)} MB (budget 80 MB: ratio ${(rss / 80).toFixed(2)})`,
  );
};

const startLatency = (runs: number) => {
  const latencies: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = Date.now();
    const out = spawnSync(
      process.execPath,
      [CLI, "track", "--quiet", "--no-log", "--intensity", "100", "--", "date", "+%s%3N"],
      { encoding: "utf8" },
    );
    latencies.push(Number(out.stdout.trim()) - t0);
  }
  latencies.sort((a, b) => a - b);
  const median = latencies[Math.floor(latencies.length / 2)] ?? Number.NaN;
  const bare = spawnSync(process.execPath, ["-e", "0"]);
  const t = Date.now();
  spawnSync(process.execPath, ["-e", "0"]);
  const nodeStart = Date.now() - t;
  console.log(
    `start-up: invocation → wrapped command running, median of ${runs}: ${median} ms (budget 150 ms: ratio ${(median / 150).toFixed(2)}); all: ${latencies.join(", ")} ms; bare \`node -e 0\` here: ${nodeStart} ms${bare.status === 0 ? "" : "?"}`,
  );
};

startLatency(9);
await overhead([], 0.005);
await overhead(["--interval", "0.1"], 0.03);
