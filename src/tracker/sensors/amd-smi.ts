import { execFile } from "node:child_process";
import type { Reading, SampleTick, Sensor } from "../types.ts";
import { onPath } from "./on-path.ts";

/** Board power by card, W, from `rocm-smi --showpower --json` or `amd-smi metric --power --json` output. */
export const parseAmdPower = (json: string): Map<string, number> => {
  const powers = new Map<string, number>();
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return powers;
  }
  const wattsOf = (value: unknown): number | null => {
    if (typeof value === "number") return value;
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
      return Number(value);
    if (value !== null && typeof value === "object" && "value" in value)
      return wattsOf((value as { value: unknown }).value);
    return null;
  };
  const powerIn = (record: Record<string, unknown>): number | null => {
    for (const [key, value] of Object.entries(record)) {
      if (/(average|current).*(package|socket).*power|^socket_power$|^average_socket_power$/i.test(key)) {
        const watts = wattsOf(value);
        if (watts !== null) return watts;
      }
      if (value !== null && typeof value === "object" && !Array.isArray(value) && !("value" in value)) {
        const nested = powerIn(value as Record<string, unknown>);
        if (nested !== null) return nested;
      }
    }
    return null;
  };
  // rocm-smi: { "card0": {...} }; amd-smi: [ { "gpu": 0, "power": {...} } ]; anything else (null): none
  if (data === null || typeof data !== "object") return powers;
  const entries: [string, unknown][] = Array.isArray(data)
    ? data.map((d, i) => [String((d as { gpu?: unknown } | null)?.gpu ?? i), d])
    : Object.entries(data as Record<string, unknown>)
        .filter(([k]) => /^card\d+$/.test(k))
        .map(([k, v]) => [k.slice(4), v]);
  for (const [card, record] of entries) {
    if (record === null || typeof record !== "object") continue;
    const watts = powerIn(record as Record<string, unknown>);
    if (watts !== null) powers.set(card, watts);
  }
  return powers;
};

/** Options of the AMD sensor. */
export interface AmdSmiOptions {
  /** Poll period, ms (at least 1000: these tools are slow to start). */
  readonly periodMs: number;
  /** Environment (PATH) to find the tools in. */
  readonly env?: NodeJS.ProcessEnv;
  /** Monotonic clock, ms. */
  readonly now?: () => number;
}

const TOOLS: readonly (readonly [string, readonly string[]])[] = [
  ["amd-smi", ["metric", "--power", "--json"]],
  ["rocm-smi", ["--showpower", "--json"]],
];

/**
 * AMD GPUs: polls `amd-smi` (else `rocm-smi`) in the background and integrates board power between polls.
 * Absent tools give no readings and no warnings.
 */
export const openAmdSmi = (options: AmdSmiOptions): Sensor => {
  const now = options.now ?? (() => performance.now());
  const periodMs = Math.max(1000, options.periodMs);
  const energyJ = new Map<string, number>();
  const atSample = new Map<string, number>();
  const last = new Map<string, { powerW: number; atMs: number }>();
  const warnings: string[] = [];
  let tool = 0;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const poll = () => {
    const entry = TOOLS[tool];
    if (closed || entry === undefined) return;
    const [command, args] = entry;
    if (!onPath(command, options.env ?? process.env)) {
      tool++;
      poll();
      return;
    }
    execFile(command, [...args], { env: options.env ?? process.env, timeout: 10_000 }, (error, stdout) => {
      if (closed) return;
      const powers = error === null ? parseAmdPower(stdout) : new Map<string, number>();
      if (powers.size === 0 && last.size === 0) {
        tool++; // not there or no GPU: try the next tool, or stop
        if (TOOLS[tool] !== undefined) poll();
        return;
      }
      const atMs = now();
      for (const [card, powerW] of powers) {
        const previous = last.get(card);
        if (previous !== undefined)
          energyJ.set(card, (energyJ.get(card) ?? 0) + previous.powerW * ((atMs - previous.atMs) / 1000));
        last.set(card, { powerW, atMs });
      }
      timer = setTimeout(poll, periodMs);
      timer.unref();
    });
  };
  poll();
  return {
    name: "amd-smi",
    sample(tick: SampleTick): Reading[] {
      const readings: Reading[] = [];
      for (const [card, total] of energyJ) {
        const delta = total - (atSample.get(card) ?? 0);
        atSample.set(card, total);
        if (tick.intervalS <= 0) continue;
        readings.push({
          component: "gpu",
          key: `gpu:amd:${card}`,
          label: `AMD GPU ${card}`,
          powerW: delta / tick.intervalS,
          energyJ: delta,
          method: "measured",
          via: `${TOOLS[tool]?.[0] ?? "amd-smi"} power integrated`,
        });
      }
      return readings;
    },
    warnings: () => warnings,
    close: () => {
      closed = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
};
