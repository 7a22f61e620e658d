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

/** The attribution's state between samples. */
interface Attribution {
  readonly options: GpuAttributionOptions;
  readonly totals: Map<string, GpuTotals>;
  readonly warnings: string[];
  mode: "pending" | "per-process" | "fallback";
  pendingSinceMs: number | null;
  /** Every process seen in the tree during the run: one that has ended still held its GPU while it lived. */
  readonly treePids: Set<number>;
}

const warnOnce = (run: Attribution, text: string): void => {
  if (!run.warnings.includes(text)) run.warnings.push(text);
};

const totalsOf = (run: Attribution, key: string): GpuTotals => {
  let entry = run.totals.get(key);
  if (entry === undefined) {
    entry = { wholeJ: 0, chargedJ: 0, pendingJ: 0, last: null };
    run.totals.set(key, entry);
  }
  return entry;
};

/** The shares by UUID now, "pending" while compute-apps has not answered yet, or null to fall back (no
 * answer possible, none within PENDING_MAX_MS, or another PID namespace), said once. */
const sharesNow = (run: Attribution, nowMs: number): Map<string, GpuShare> | null | "pending" => {
  const { options } = run;
  for (const pid of options.tree.at(nowMs).pids) run.treePids.add(pid);
  const state = options.apps.state();
  const fallback = fallbackText(options.fallbackShare);
  if (state.kind === "pending") {
    run.pendingSinceMs ??= nowMs;
    if (nowMs - run.pendingSinceMs < PENDING_MAX_MS) return "pending";
    warnOnce(
      run,
      `nvidia-smi did not list the processes on the GPUs within ${PENDING_MAX_MS / 1000} s: ${fallback} until it does.`,
    );
    return null;
  }
  if (state.kind === "unavailable") {
    warnOnce(run, `nvidia-smi cannot list the processes on the GPUs (${state.reason}): ${fallback}.`);
    return null;
  }
  // Judged when the answer came: by now the processes it lists may have ended.
  if (state.apps.length > 0 && state.visible === 0) {
    warnOnce(
      run,
      `None of the processes nvidia-smi lists on the GPUs is visible here (a container with its own PID namespace?): ${fallback}.`,
    );
    return null;
  }
  return gpuSharesOf(state.apps, run.treePids);
};

/** The tree's `share` of a GPU's reading (and of the energy held back for it); labelled with the part of
 * the GPU charged so far when it is not the whole. */
const chargedReading = (
  whole: Reading,
  t: GpuTotals,
  share: number,
  how: string,
  tick: SampleTick,
): Reading => {
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

/** A GPU no process holds: the allocation's idle energy (with what was held back), or null when another
 * tracker of the node reports it. */
const idleReading = (run: Attribution, reading: Reading, t: GpuTotals, tick: SampleTick): Reading | null => {
  const energyJ = reading.energyJ + t.pendingJ;
  t.pendingJ = 0;
  if (!run.options.reportsIdle) return null;
  return {
    ...reading,
    key: `idle:${reading.key}`,
    label: `${reading.label} (no process on it)`,
    energyJ,
    powerW: energyJ / tick.intervalS,
    scope: "allocation-idle",
  };
};

/** One GPU's reading as the tree's: held back, charged by fallback or by share, idle, or nothing. */
const attributedReading = (
  run: Attribution,
  reading: Reading,
  shares: Map<string, GpuShare> | null | "pending",
  tick: SampleTick,
): Reading | null => {
  const t = totalsOf(run, reading.key);
  if (shares === "pending") {
    run.mode = "pending";
    t.pendingJ += reading.energyJ;
    return null;
  }
  const fallbackShare = run.options.fallbackShare;
  if (shares === null || reading.deviceId === undefined) {
    run.mode = "fallback";
    return chargedReading(reading, t, fallbackShare, fallbackHow(fallbackShare), tick);
  }
  run.mode = "per-process";
  const share = shares.get(reading.deviceId);
  t.last = share ?? null;
  if (share === undefined) return idleReading(run, reading, t, tick);
  if (share.share <= 0) {
    t.wholeJ += reading.energyJ + t.pendingJ;
    t.pendingJ = 0;
    return null;
  }
  return chargedReading(reading, t, share.share, ruleText(share), tick);
};

/**
 * Charges the tracked process tree only for the GPUs its processes hold: each GPU's measured energy ×
 * the tree's share of it (by GPU memory, else equally by process). A GPU no process holds is the
 * allocation's idle energy, reported by one tracker per node. When nvidia-smi cannot list the processes
 * (or lists pids of another PID namespace), each watched GPU is charged `fallbackShare` of it, with a warning.
 */
export const attributeGpus = (options: GpuAttributionOptions): Sensor => {
  const run: Attribution = {
    options,
    totals: new Map(),
    warnings: [],
    mode: "pending",
    pendingSinceMs: null,
    treePids: new Set(),
  };
  return {
    name: "nvidia-smi",
    sample(tick: SampleTick): Reading[] {
      const whole = options.gpus.sample(tick);
      if (tick.intervalS <= 0 || whole.length === 0) return [];
      const shares = sharesNow(run, tick.nowMs);
      const out: Reading[] = [];
      for (const reading of whole) {
        const attributed = attributedReading(run, reading, shares, tick);
        if (attributed !== null) out.push(attributed);
      }
      return out;
    },
    warnings: () => [...options.gpus.warnings(), ...run.warnings],
    details: () => ({ ...(options.gpus.details?.() ?? {}), gpuAttribution: run.mode }),
    close: () => {
      const heldJ = [...run.totals.values()].reduce((sum, t) => sum + t.pendingJ, 0);
      if (heldJ > 0)
        warnOnce(
          run,
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
