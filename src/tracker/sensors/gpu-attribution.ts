import { formatQuantity } from "../../core/format-number.ts";
import { type GpuShare, gpuSharesOf } from "../gpu-share.ts";
import type { Reading, SampleTick, Sensor } from "../types.ts";
import type { ComputeAppsSource } from "./gpu-apps.ts";
import type { ProcessTree } from "./process-tree.ts";

/** Options of {@link attributeGpus}. */
export interface GpuAttributionOptions {
  /** The whole GPUs' readings (nvidia-smi), each with its UUID as `deviceId`. */
  readonly gpus: Sensor;
  /** Which processes hold which GPU. */
  readonly apps: ComputeAppsSource;
  /** The tracked process tree (its pids). */
  readonly tree: ProcessTree;
  /** Share of each GPU charged when the processes on the GPUs cannot be known (see fallbackShareOf). */
  readonly fallbackShare: number;
  /** Whether this tracker reports the node's idle GPUs as allocation idle (local rank 0, or alone). */
  readonly reportsIdle: boolean;
}

/** Running figures of one GPU. */
interface GpuTotals {
  /** The whole GPU's energy while watched, J. */
  wholeJ: number;
  /** Charged to the tree, J. */
  chargedJ: number;
  /** Energy held back until the first answer of compute-apps, J. */
  pendingJ: number;
  /** The last share seen. */
  last: GpuShare | null;
}

/** How long GPU energy is held back waiting for the first compute-apps answer before falling back. */
const PENDING_MAX_MS = 10_000;

const percent = (part: number, whole: number): string =>
  `${formatQuantity(whole > 0 ? (part / whole) * 100 : 0)} %`;

const others = (n: number): string => `${n} other process${n === 1 ? "" : "es"}`;

/** How a GPU's share was found, for its label. */
const ruleText = (share: GpuShare): string =>
  share.rule === "memory"
    ? `split by GPU memory with ${others(share.otherProcesses)}`
    : `split equally with ${others(share.otherProcesses)} (no GPU memory figure)`;

/**
 * Charges the tracked process tree only for the GPUs its processes hold: each GPU's measured energy ×
 * the tree's share of it (by GPU memory, else equally by process). A GPU no process holds is the
 * allocation's idle energy, reported by one tracker per node. When nvidia-smi cannot list the processes
 * (or lists pids of another PID namespace), each watched GPU is charged `fallbackShare` of it, with a warning.
 */
export const attributeGpus = (options: GpuAttributionOptions): Sensor => {
  const totals = new Map<string, GpuTotals>();
  const warnings: string[] = [];
  const warn = (text: string) => {
    if (!warnings.includes(text)) warnings.push(text);
  };
  let mode: "pending" | "per-process" | "fallback" = "pending";
  let pendingSinceMs: number | null = null;
  /** Every process seen in the tree during the run: one that has ended still held its GPU while it lived. */
  const treePids = new Set<number>();
  const totalsOf = (key: string): GpuTotals => {
    let entry = totals.get(key);
    if (entry === undefined) {
      entry = { wholeJ: 0, chargedJ: 0, pendingJ: 0, last: null };
      totals.set(key, entry);
    }
    return entry;
  };

  /** The shares by UUID now, or null to fall back (no answer possible, or another PID namespace). */
  const sharesNow = (nowMs: number): Map<string, GpuShare> | null | "pending" => {
    for (const pid of options.tree.at(nowMs).pids) treePids.add(pid);
    const state = options.apps.state();
    if (state.kind === "pending") {
      pendingSinceMs ??= nowMs;
      if (nowMs - pendingSinceMs < PENDING_MAX_MS) return "pending";
      warn(
        `nvidia-smi did not list the processes on the GPUs within ${PENDING_MAX_MS / 1000} s: ${fallbackText(options.fallbackShare)} until it does.`,
      );
      return null;
    }
    if (state.kind === "unavailable") {
      warn(
        `nvidia-smi cannot list the processes on the GPUs (${state.reason}): ${fallbackText(options.fallbackShare)}.`,
      );
      return null;
    }
    // Judged when the answer came: by now the processes it lists may have ended.
    if (state.apps.length > 0 && state.visible === 0) {
      warn(
        `None of the processes nvidia-smi lists on the GPUs is visible here (a container with its own PID namespace?): ${fallbackText(options.fallbackShare)}.`,
      );
      return null;
    }
    return gpuSharesOf(state.apps, treePids);
  };

  const charged = (whole: Reading, t: GpuTotals, share: number, how: string, tick: SampleTick): Reading => {
    const energyJ = (whole.energyJ + t.pendingJ) * share;
    t.wholeJ += whole.energyJ + t.pendingJ;
    t.pendingJ = 0;
    t.chargedJ += energyJ;
    const part = t.chargedJ < t.wholeJ * 0.9995 ? ` (${percent(t.chargedJ, t.wholeJ)} of it, ${how})` : "";
    return {
      ...whole,
      label: `${whole.label}${part}`,
      energyJ,
      powerW: energyJ / tick.intervalS,
      via: `${whole.via}; ${share < 1 ? `the tracked processes' share, ${how}` : "held by the tracked processes"}`,
    };
  };

  return {
    name: "nvidia-smi",
    sample(tick: SampleTick): Reading[] {
      const whole = options.gpus.sample(tick);
      if (tick.intervalS <= 0 || whole.length === 0) return [];
      const shares = sharesNow(tick.nowMs);
      const out: Reading[] = [];
      for (const reading of whole) {
        const t = totalsOf(reading.key);
        if (shares === "pending") {
          mode = "pending";
          t.pendingJ += reading.energyJ;
          continue;
        }
        const share =
          shares === null || reading.deviceId === undefined ? undefined : shares.get(reading.deviceId);
        if (shares === null || reading.deviceId === undefined) {
          mode = "fallback";
          out.push(charged(reading, t, options.fallbackShare, fallbackHow(options.fallbackShare), tick));
          continue;
        }
        mode = "per-process";
        t.last = share ?? null;
        if (share === undefined) {
          // No process holds it: the allocation's idle GPU, reported once per node.
          const energyJ = reading.energyJ + t.pendingJ;
          t.pendingJ = 0;
          if (options.reportsIdle)
            out.push({
              ...reading,
              key: `idle:${reading.key}`,
              label: `${reading.label} (no process on it)`,
              energyJ,
              powerW: energyJ / tick.intervalS,
              scope: "allocation-idle",
            });
          continue;
        }
        if (share.share <= 0) {
          t.wholeJ += reading.energyJ + t.pendingJ;
          t.pendingJ = 0;
          continue;
        }
        out.push(charged(reading, t, share.share, ruleText(share), tick));
      }
      return out;
    },
    warnings: () => [...options.gpus.warnings(), ...warnings],
    details: () => ({ ...(options.gpus.details?.() ?? {}), gpuAttribution: mode }),
    close: () => {
      const heldJ = [...totals.values()].reduce((sum, t) => sum + t.pendingJ, 0);
      if (heldJ > 0)
        warn(
          `${formatQuantity(heldJ)} J of GPU energy is not counted: the run ended before nvidia-smi said which processes held the GPUs.`,
        );
      options.gpus.close();
      options.apps.close();
    },
  };
};

/** How a GPU was split without per-process data, for its label. */
const fallbackHow = (share: number): string =>
  `split equally among the node's ${formatQuantity(1 / share)} tasks, no per-process data`;

/** What the fallback does, in words. */
const fallbackText = (share: number): string =>
  share >= 1
    ? "each watched GPU is charged whole"
    : `each watched GPU is split equally among the node's ${formatQuantity(1 / share)} tasks`;
