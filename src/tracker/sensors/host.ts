import { readFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { join } from "node:path";

/** What the tracker knows about the host's CPUs and memory. */
export interface HostInfo {
  /** CPU model as /proc/cpuinfo names it ("" when unknown). */
  readonly cpuModel: string;
  /** Logical CPUs the kernel shows. */
  readonly logicalCpus: number;
  /** CPU packages (distinct `physical id`, at least 1). */
  readonly packages: number;
  /** True when /proc/cpuinfo's flags include `hypervisor` (a VM: its packages are not the hardware's). */
  readonly virtualized: boolean;
  /** CPUs this process may run on (affinity). */
  readonly affinityCpus: number;
  /** CPU quota of the cgroup in CPUs (e.g. 1.5), or null when unlimited or unknown. */
  readonly cgroupQuotaCpus: number | null;
  /** Installed memory, GB. */
  readonly memoryTotalGB: number;
}

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
};

/** Parses cgroup v2 `cpu.max` ("max 100000" or "150000 100000") to CPUs. */
export const parseCpuMax = (text: string): number | null => {
  const [quota, period] = text.trim().split(/\s+/);
  if (quota === undefined || quota === "max") return null;
  const cpusAllowed = Number(quota) / Number(period ?? 100000);
  return Number.isFinite(cpusAllowed) && cpusAllowed > 0 ? cpusAllowed : null;
};

/** Parses cgroup v1 `cpu.cfs_quota_us` and `cpu.cfs_period_us` to CPUs. */
export const parseCfsQuota = (quotaText: string, periodText: string): number | null => {
  const quota = Number(quotaText.trim());
  const period = Number(periodText.trim());
  return quota > 0 && period > 0 ? quota / period : null;
};

/**
 * The CPU quota of a process's cgroup, in CPUs: cgroup v2 `cpu.max`, else v1 CFS quota, looked up at the
 * process's own cgroup path and then at the (namespaced) root. Null when there is none.
 */
export const cgroupQuotaCpus = (
  pid: number | "self" = "self",
  procRoot = "/proc",
  cgroupRoot = "/sys/fs/cgroup",
): number | null => {
  const lines = (readText(join(procRoot, String(pid), "cgroup")) ?? "").split("\n");
  const v2 = lines.find((l) => l.startsWith("0::"))?.slice(3) ?? "/";
  for (const dir of [join(cgroupRoot, v2), cgroupRoot]) {
    const text = readText(join(dir, "cpu.max"));
    if (text !== null) return parseCpuMax(text);
  }
  const v1 = lines.find((l) => /^\d+:[^:]*\bcpu\b[^:]*:/.test(l));
  const v1Path = v1 === undefined ? "/" : v1.slice(v1.indexOf(":", v1.indexOf(":") + 1) + 1);
  for (const base of ["cpu", "cpu,cpuacct", "cpuacct,cpu"]) {
    for (const dir of [join(cgroupRoot, base, v1Path), join(cgroupRoot, base)]) {
      const quota = readText(join(dir, "cpu.cfs_quota_us"));
      const period = readText(join(dir, "cpu.cfs_period_us"));
      if (quota !== null && period !== null) return parseCfsQuota(quota, period);
    }
  }
  return null;
};

/** What /proc/cpuinfo says about the CPUs. */
export interface CpuinfoFacts {
  /** The first `model name` ("" when none, e.g. on many ARM kernels). */
  readonly model: string;
  /** Distinct `physical id` values (sockets), at least 1. */
  readonly packages: number;
  /** `processor` entries: logical CPUs. */
  readonly logical: number;
  /** Whether the flags include `hypervisor` (x86 guests; ARM guests do not say). */
  readonly virtualized: boolean;
}

/**
 * Model name, sockets and logical CPUs from /proc/cpuinfo text. Sockets are the distinct `physical id`
 * values: a two-socket host has 0 and 1, a VM shows the sockets its hypervisor invents.
 *
 * @example
 * parseCpuinfo(readFileSync("/proc/cpuinfo", "utf8")) // { model: "Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz", packages: 2, logical: 24, virtualized: false }
 */
export const parseCpuinfo = (text: string): CpuinfoFacts => {
  const model = /^model name\s*:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? "";
  const ids = new Set([...text.matchAll(/^physical id\s*:\s*(\d+)/gm)].map((m) => m[1]));
  const logical = [...text.matchAll(/^processor\s*:/gm)].length;
  const flags = /^flags\s*:(.*)$/m.exec(text)?.[1] ?? "";
  return {
    model,
    packages: Math.max(1, ids.size),
    logical,
    virtualized: ` ${flags} `.includes(" hypervisor "),
  };
};

/** Reads the host's CPU and memory facts. */
export const readHostInfo = (procRoot = "/proc"): HostInfo => {
  const info = parseCpuinfo(readText(join(procRoot, "cpuinfo")) ?? "");
  const logicalCpus = info.logical > 0 ? info.logical : cpus().length;
  return {
    cpuModel: info.model || (cpus()[0]?.model ?? ""),
    logicalCpus,
    packages: info.packages,
    virtualized: info.virtualized,
    affinityCpus: Math.min(availableParallelism(), logicalCpus),
    cgroupQuotaCpus: cgroupQuotaCpus("self", procRoot),
    memoryTotalGB: totalmem() / 1e9,
  };
};
