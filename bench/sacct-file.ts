// A generated `sacct -a -P` file as Slurm prints it (the field list of docs/hpc.md): every job line followed
// by its steps' lines (`.batch`, `.extern`, and `.0` for jobs started with srun), steps carrying their
// own State, Account, ReqMem, TotalCPU, MaxRSS, AllocTRES and ConsumedEnergyRaw (0 without an energy
// plugin). CPU and GPU jobs on two partitions, multi-node jobs, array tasks, measured energy, failed,
// cancelled, timed-out, out-of-memory, running and pending jobs. Deterministic: the same jobs every time.
import { writeFileSync } from "node:fs";

/** The header line. */
export const SACCT_HEADER =
  "JobID|JobName|User|Account|Partition|State|Submit|Start|End|Elapsed|NNodes|NCPUS|TotalCPU|CPUTime|ReqMem|MaxRSS|AllocTRES|NodeList|ConsumedEnergyRaw\n";

/** The cluster file the jobs are priced with. */
export const SACCT_CLUSTER =
  '[cluster]\ncountry = "DE"\npue = 1.2\n[partitions.gpu]\ngpu = "NVIDIA A100 SXM4 80GB"\ngpus_per_node = 8\ncpu = "AMD EPYC 7763"\nsockets = 2\n[partitions.cpu]\ncpu = "AMD EPYC 7763"\nsockets = 2\n';

const two = (n: number) => String(n).padStart(2, "0");

/** Slurm's `[D-]HH:MM:SS`. */
const duration = (s: number) => {
  const days = Math.floor(s / 86_400);
  const rest = s % 86_400;
  const hms = `${two(Math.floor(rest / 3600))}:${two(Math.floor(rest / 60) % 60)}:${two(rest % 60)}`;
  return days > 0 ? `${days}-${hms}` : hms;
};

/** Slurm's `YYYY-MM-DDTHH:MM:SS` of a second of 2024. */
const time = (s: number) => new Date(Date.UTC(2024, 0, 1) + s * 1000).toISOString().slice(0, 19);

const STATES = [
  "COMPLETED",
  "COMPLETED",
  "COMPLETED",
  "FAILED",
  "CANCELLED by 12345",
  "TIMEOUT",
  "OUT_OF_MEMORY",
];

/** The lines of job `i`: its own and its steps'. */
const jobLines = (i: number): string => {
  const gpu = i % 3 === 0;
  const nodes = i % 50 === 0 ? 2 : 1;
  const cpus = (gpu ? 32 : 4 + (i % 16)) * nodes;
  const gpus = gpu ? 4 * nodes : 0;
  const elapsed = 60 + ((i * 7919) % 86_000);
  const cpuTime = elapsed * cpus;
  const total = Math.floor(cpuTime * (0.2 + (i % 7) / 10));
  const id = i % 10 === 0 ? `${1_000_000 + i}_${i % 4}` : String(1_000_000 + i);
  const state = i % 997 === 0 ? "PENDING" : i % 1009 === 0 ? "RUNNING" : (STATES[i % 7] as string);
  const submit = (i * 31) % 31_000_000;
  const start = submit + 60;
  const account = `acct${i % 13}`;
  const node = `${gpu ? "gpu" : "cpu"}${String(i % 500).padStart(3, "0")}`;
  const nodeList =
    nodes === 1 ? node : `${node.slice(0, 3)}[${node.slice(3)}-${String((i % 500) + 1).padStart(3, "0")}]`;
  const reqMem = `${cpus * 4}G`;
  const measured = i % 20 === 0;
  const energy = measured ? elapsed * 400 * nodes : 0;
  const jobEnergy = i % 40 === 0 ? "0" : String(energy); // energy only on the steps: summed from them
  if (state === "PENDING")
    return `${id}|job${i % 100}|user${i % 97}|${account}|${gpu ? "gpu" : "cpu"}|PENDING|${time(submit)}|Unknown|Unknown|00:00:00|${nodes}|${cpus}|00:00:00|00:00:00|${reqMem}|||None assigned|\n`;
  const end = state === "RUNNING" ? "Unknown" : time(start + elapsed);
  const tres = `billing=${cpus},cpu=${cpus}${gpu ? `,gres/gpu:a100=${gpus},gres/gpu=${gpus}` : ""},mem=${reqMem},node=${nodes}`;
  const nodeTres = `cpu=${cpus / nodes}${gpu ? ",gres/gpu:a100=4,gres/gpu=4" : ""},mem=${(cpus / nodes) * 4}G,node=1`;
  const jobTres = `cpu=${cpus}${gpu ? `,gres/gpu:a100=${gpus},gres/gpu=${gpus}` : ""},mem=${reqMem},node=${nodes}`;
  const stepState = state.startsWith("CANCELLED")
    ? "CANCELLED"
    : state === "RUNNING"
      ? "RUNNING"
      : "COMPLETED";
  const srun = gpu || i % 4 === 0;
  const step = (suffix: string, name: string, cpu: string, rss: string, stepEnergy: number, n: number) =>
    `${id}.${suffix}|${name}||${account}||${stepState}|${time(start)}|${time(start)}|${end}|${duration(elapsed)}|${n}|${suffix === "batch" ? cpus / nodes : cpus}|${cpu}|${duration(cpuTime)}|${reqMem}|${rss}|${suffix === "batch" ? nodeTres : `${suffix === "extern" ? `billing=${cpus},` : ""}${jobTres}`}|${suffix === "batch" ? node : nodeList}|${stepEnergy}\n`;
  const batchText = srun
    ? `${two(i % 3)}:${two(i % 60)}.${String(i % 1000).padStart(3, "0")}`
    : duration(total);
  return `${id}|job${i % 100}|user${i % 97}|${account}|${gpu ? "gpu" : "cpu"}|${state}|${time(submit)}|${time(start)}|${end}|${duration(elapsed)}|${nodes}|${cpus}|${duration(total)}|${duration(cpuTime)}|${reqMem}||${tres}|${nodeList}|${jobEnergy}\n${step("batch", "batch", batchText, `${1000 + (i % 90_000)}K`, srun ? 0 : energy, 1)}${step("extern", "extern", "00:00:00", "0", 0, nodes)}${srun ? step("0", gpu ? "python" : "a.out", duration(total), `${(i % 5_000_000) * 64}K`, energy, nodes) : ""}`;
};

/** Writes `jobs` jobs (with their steps) to `path`; returns the number of lines. */
export const writeSacctFile = (path: string, jobs: number): number => {
  writeFileSync(path, SACCT_HEADER);
  let parts: string[] = [];
  let lines = 1;
  for (let i = 0; i < jobs; i++) {
    const text = jobLines(i);
    parts.push(text);
    lines += text.split("\n").length - 1;
    if (parts.length >= 10_000) {
      writeFileSync(path, parts.join(""), { flag: "a" });
      parts = [];
    }
  }
  writeFileSync(path, parts.join(""), { flag: "a" });
  return lines;
};
