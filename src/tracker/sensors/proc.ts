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
  const line = text.split("\n").find((l) => l.startsWith("cpu "));
  if (line === undefined) return null;
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest, guest_nice are already inside user/nice)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
};

/** One process from /proc/<pid>/stat: parent and CPU ticks (own + reaped children's). */
export interface ProcessTicks {
  /** Parent pid. */
  readonly ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks. */
  readonly ticks: number;
}

/** Parses /proc/<pid>/stat (the command name may hold spaces and parentheses). */
export const parsePidStat = (text: string): ProcessTicks | null => {
  const end = text.lastIndexOf(")");
  if (end < 0) return null;
  const fields = text.slice(end + 2).split(" ");
  const ppid = Number(fields[1]);
  const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  return Number.isFinite(ppid) && Number.isFinite(ticks) ? { ppid, ticks } : null;
};

/** Resident set size in kB from /proc/<pid>/status. */
export const parseRssKB = (text: string): number => {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  return match === null ? 0 : Number(match[1]);
};

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
};

/** Reads the machine's CPU ticks. */
export const readMachineTicks = (procRoot = "/proc"): MachineTicks | null => {
  const text = readText(join(procRoot, "stat"));
  return text === null ? null : parseProcStat(text);
};

/** Direct children of a process from /proc/<pid>/task/<tid>/children, or null when the kernel lacks that file. */
const childrenOf = (procRoot: string, pid: number): number[] | null => {
  let tasks: string[];
  try {
    tasks = readdirSync(join(procRoot, String(pid), "task"));
  } catch {
    return [];
  }
  const children: number[] = [];
  for (const tid of tasks) {
    const text = readText(join(procRoot, String(pid), "task", tid, "children"));
    if (text === null) return tid === String(pid) ? null : children;
    for (const part of text.split(" ")) if (part.trim() !== "") children.push(Number(part));
  }
  return children;
};

/** Every pid of the tree rooted at `rootPid` (the root first), by children files or a scan of /proc. */
export const treePids = (rootPid: number, procRoot = "/proc"): number[] => {
  const pids: number[] = [];
  const queue = [rootPid];
  let viaChildren = true;
  while (queue.length > 0 && viaChildren) {
    const pid = queue.shift() as number;
    pids.push(pid);
    const children = childrenOf(procRoot, pid);
    if (children === null) viaChildren = false;
    else queue.push(...children);
  }
  if (viaChildren) return pids;
  // No children files: scan every process once and follow parent links.
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    const text = readText(join(procRoot, entry, "stat"));
    const parsed = text === null ? null : parsePidStat(text);
    if (parsed !== null) parentOf.set(Number(entry), parsed.ppid);
  }
  const inTree = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (!inTree.has(pid) && inTree.has(ppid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  return parentOf.has(rootPid) ? [...inTree] : [];
};

/** One look at a process tree: CPU ticks and resident memory per live pid. */
export interface TreeSnapshot {
  /** Cumulative CPU ticks by pid. */
  readonly ticksByPid: ReadonlyMap<number, number>;
  /** Sum of resident set sizes, kB (shared pages counted once per process). */
  readonly rssKB: number;
}

/** Reads CPU ticks and RSS of every process in the tree. */
export const snapshotTree = (rootPid: number, procRoot = "/proc"): TreeSnapshot => {
  const ticksByPid = new Map<number, number>();
  let rssKB = 0;
  for (const pid of treePids(rootPid, procRoot)) {
    const stat = readText(join(procRoot, String(pid), "stat"));
    const parsed = stat === null ? null : parsePidStat(stat);
    if (parsed === null) continue;
    ticksByPid.set(pid, parsed.ticks);
    const status = readText(join(procRoot, String(pid), "status"));
    if (status !== null) rssKB += parseRssKB(status);
  }
  return { ticksByPid, rssKB };
};

/** CPU ticks the tree used between two snapshots: live pids' growth plus the whole time of new pids. */
export const treeTicksBetween = (before: TreeSnapshot, after: TreeSnapshot): number => {
  let ticks = 0;
  for (const [pid, now] of after.ticksByPid) {
    const then = before.ticksByPid.get(pid);
    ticks += then === undefined ? now : Math.max(0, now - then);
  }
  return ticks;
};
