// Overhead of `mlco2 track` (npm run bench tracker). Run after `npm run build`.
// - CPU of the whole tracker process (start-up, samples, summary, exit) around a 20 s `sleep`: read exactly
//   as the growth of this process's own cutime + cstime when it reaps the tracker (the kernel adds the
//   child's whole CPU time there), against the target of 0.12 s; a bare `node` idling as long is
//   measured in the same run for scale.
// - CPU share and peak RSS while it tracks `sleep` (60 s by default; MLCO2_BENCH_SLEEP_S shortens it),
//   from /proc/<tracker pid>/stat and /status.
// - How long after invocation the wrapped command starts.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const SLEEP_S = Number(process.env.MLCO2_BENCH_SLEEP_S ?? 60);
const TICKS_PER_S = 100;
const TARGET_20S_CPU_S = 0.12;

const statFields = (pid: number | "self"): string[] => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
};
/** utime + stime of a process, s. */
const cpuSeconds = (pid: number): number => {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
};
/** cutime + cstime of this process: the CPU time of the children it has reaped, s. */
const reapedSeconds = (): number => {
  const fields = statFields("self");
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_S;
};
const peakRssMB = (pid: number): number =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds of a whole child process, start to exit. */
const wholeCpuOf = async (args: string[]): Promise<number> => {
  const before = reapedSeconds();
  const child = spawn(process.execPath, args, { stdio: "ignore" });
  await new Promise((resolve) => child.on("exit", resolve));
  return reapedSeconds() - before;
};

const whole20s = async (runs: number) => {
  const track = (extra: string[]) => [
    CLI,
    "track",
    "--quiet",
    ...extra,
    "--intensity",
    "100",
    "--",
    "sleep",
    "20",
  ];
  const cases: [string, string[]][] = [
    ["mlco2 track --no-log -- sleep 20", track(["--no-log"])],
    ["mlco2 track (with its JSONL log) -- sleep 20", track(["--log", "/dev/null"])],
    ["bare node idling 20 s (for scale)", ["-e", "setTimeout(() => {}, 20000)"]],
  ];
  // Interleaved, so that a busy moment on a shared machine hits every case alike.
  const results = new Map<string, number[]>(cases.map(([label]) => [label, []]));
  for (let run = 0; run < runs; run++)
    for (const [label, args] of cases) results.get(label)?.push(await wholeCpuOf(args));
  console.log(`CPU of the whole process, start to exit, ${runs} runs each (1 s interval):`);
  for (const [label, values] of results) {
    const sorted = [...values].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    const ratio = label.startsWith("bare")
      ? ""
      : ` (target ${TARGET_20S_CPU_S} s: ratio ${(median / TARGET_20S_CPU_S).toFixed(2)})`;
    console.log(
      `  ${label.padEnd(46)} median ${median.toFixed(2)} s${ratio}; all: ${values.map((v) => v.toFixed(2)).join(", ")} s`,
    );
  }
};

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
await whole20s(Number(process.env.MLCO2_BENCH_RUNS ?? 3));
await overhead([], 0.005);
await overhead(["--interval", "0.1"], 0.03);
