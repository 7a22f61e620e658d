import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Clock ticks per second of /proc CPU times (USER_HZ; 100 on every mainstream Linux build). */
export const CLOCK_TICKS_PER_S = 100;

/** Busy and total CPU ticks of the whole machine, from the first line of /proc/stat. */
export interface MachineTicks {
  /** Ticks spent doing work (all but idle and iowait). */
  readonly busy: number;
  /** All ticks. */
  readonly total: number;
}

/** Parses the aggregate `cpu` line of /proc/stat. */
export const parseProcStat = (text: string): MachineTicks | null => {
  if (!text.startsWith("cpu ")) return null;
  const end = text.indexOf("\n");
  const fields = text
    .slice(4, end < 0 ? text.length : end)
    .trim()
    .split(/\s+/)
    .map(Number);
  // user nice system idle iowait irq softirq steal (guest, guest_nice are already inside user/nice)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
};

/** One process as /proc/<pid>/stat shows it. */
export interface ProcessStat {
  /** Parent pid. */
  readonly ppid: number;
  /** Start time after boot, clock ticks: with the pid, it tells a process from a later one that reuses the pid. */
  readonly startTicks: number;
  /** utime + stime: CPU time of the process itself, clock ticks. */
  readonly ownTicks: number;
  /**
   * cutime + cstime: total CPU time of the children this process has waited for (each child's own and
   * its own reaped children's), clock ticks. It grows only when a child is reaped.
   */
  readonly reapedTicks: number;
  /** Threads. */
  readonly threads: number;
  /** Resident set size, pages. */
  readonly rssPages: number;
}

/** Parses /proc/<pid>/stat (the command name may hold spaces and parentheses). */
export const parsePidStat = (text: string): ProcessStat | null => {
  const end = text.lastIndexOf(")");
  if (end < 0) return null;
  // Fields after the name, numbered from 3 (state): ppid is field 4, utime 14, stime 15, cutime 16,
  // cstime 17, num_threads 20, starttime 22, rss 24 (proc(5)).
  const f = text.slice(end + 2).split(" ");
  const at = (field: number) => Number(f[field - 3]);
  const stat = {
    ppid: at(4),
    ownTicks: at(14) + at(15),
    reapedTicks: at(16) + at(17),
    threads: at(20),
    startTicks: at(22),
    rssPages: at(24),
  };
  return Object.values(stat).every(Number.isFinite) ? stat : null;
};

/** Reads a procfs file (null when it cannot be read: the process has gone, the file does not exist). */
export const readProcText = (path: string): string | null => {
  try {
    // readFileSync with "utf8" takes Node's one-call native path: the cheapest way to read a small file.
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
};

/** Reads the machine's CPU ticks. */
export const readMachineTicks = (procRoot = "/proc"): MachineTicks | null => {
  const text = readProcText(join(procRoot, "stat"));
  return text === null ? null : parseProcStat(text);
};

/** Reads one process's stat (null when it has gone). */
export const readPidStat = (pid: number | "self", procRoot = "/proc"): ProcessStat | null => {
  const text = readProcText(join(procRoot, String(pid), "stat"));
  return text === null ? null : parsePidStat(text);
};

const addPids = (text: string | null, into: number[]): void => {
  if (text === null) return;
  for (const part of text.split(" ")) if (part.trim() !== "") into.push(Number(part));
};

/**
 * Direct children of a process from /proc/<pid>/task/<tid>/children (each thread's children are listed
 * under that thread), or null when the kernel lacks those files. A single-threaded process needs one read.
 */
export const childrenOf = (procRoot: string, pid: number, threads: number): number[] | null => {
  const children: number[] = [];
  if (threads <= 1) {
    const text = readProcText(join(procRoot, String(pid), "task", String(pid), "children"));
    if (text === null) return readPidStat(pid, procRoot) === null ? [] : null;
    addPids(text, children);
    return children;
  }
  let tasks: string[];
  try {
    tasks = readdirSync(join(procRoot, String(pid), "task"));
  } catch {
    return [];
  }
  for (const tid of tasks) {
    const text = readProcText(join(procRoot, String(pid), "task", tid, "children"));
    if (text === null && tid === String(pid)) return null;
    addPids(text, children);
  }
  return children;
};

/** Parent of every process on the machine (the fallback when the kernel has no children files). */
export const parentsByPid = (procRoot = "/proc"): Map<number, number> => {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readPidStat(Number(entry), procRoot);
    if (stat !== null) parentOf.set(Number(entry), stat.ppid);
  }
  return parentOf;
};
