// What the NVIDIA sensor keeps per GPU between samples, and the pure steps over it: take in a query line
// (integrating power between nvidia-smi's timestamps), turn the totals into one reading per sample, and
// word a failed query. The process itself is in nvidia-smi.ts.
import type { Reading, SampleTick } from "../types.ts";
import type { NvidiaLine } from "./nvidia-smi.ts";

/** Running totals of one GPU. */
export interface GpuTotals {
  readonly name: string;
  readonly uuid: string;
  /** The last line with a power figure. */
  lastLine: NvidiaLine | null;
  /** When it arrived (the sensor's monotonic clock, ms). */
  lastArrivalMs: number;
  /** Power × time integrated over every line so far, J. */
  integratedJ: number;
  /** `integratedJ` and the energy counter at the last sample. */
  integratedAtSampleJ: number | null;
  counterAtSampleMJ: number | null;
  /** The counter on the first line (the baseline before the first sample). */
  readonly firstCounterMJ: number | null;
  utilization: number | null;
  /** Said to have stopped reporting (once, until it reports again). */
  gone: boolean;
}

/**
 * Takes one parsed line in: a GPU seen first gets its totals; a line with power adds the trapezoid
 * since the GPU's previous line (when its timestamp is later).
 *
 * @example
 * // 100 W at t = 0 s, then 300 W at t = 1 s: 200 J integrated
 */
export const takeNvidiaLine = (gpus: Map<string, GpuTotals>, line: NvidiaLine, arrivalMs: number): void => {
  let gpu = gpus.get(line.index);
  if (gpu === undefined) {
    gpu = {
      name: line.name,
      uuid: line.uuid,
      lastLine: null,
      lastArrivalMs: arrivalMs,
      integratedJ: 0,
      integratedAtSampleJ: null,
      counterAtSampleMJ: null,
      firstCounterMJ: line.energyMJ,
      utilization: null,
      gone: false,
    };
    gpus.set(line.index, gpu);
  }
  if (line.powerW === null) return; // "[GPU is lost]", "[Unknown Error]": treated as not reporting
  const previous = gpu.lastLine;
  if (previous?.powerW != null && line.timeMs > previous.timeMs)
    gpu.integratedJ += ((previous.powerW + line.powerW) / 2) * ((line.timeMs - previous.timeMs) / 1000);
  gpu.lastLine = line;
  gpu.lastArrivalMs = arrivalMs;
  gpu.utilization = line.utilization;
  gpu.gone = false;
};

/**
 * One GPU's reading for the interval since the last sample (null before its first line, and on the
 * baseline tick): the energy counter's difference, else the integrated power (also when the counter
 * stands still while power flows). Marks the sample point; warns once when the GPU went quiet for longer
 * than `staleMs`.
 */
export const nvidiaReadingOf = (
  index: string,
  gpu: GpuTotals,
  tick: SampleTick,
  staleMs: number,
  warn: (text: string) => void,
): Reading | null => {
  const line = gpu.lastLine;
  if (line === null) return null;
  if (!gpu.gone && tick.nowMs - gpu.lastArrivalMs > staleMs) {
    gpu.gone = true;
    warn(
      `GPU ${index} (${gpu.name}) stopped reporting during the run; its energy after that is not counted.`,
    );
  }
  const counterMJ = line.energyMJ;
  const previousCounter = gpu.counterAtSampleMJ ?? gpu.firstCounterMJ;
  const previousIntegrated = gpu.integratedAtSampleJ;
  gpu.counterAtSampleMJ = counterMJ;
  gpu.integratedAtSampleJ = gpu.integratedJ;
  if (tick.intervalS <= 0) return null;
  const integratedJ = gpu.integratedJ - (previousIntegrated ?? 0);
  const counterJ =
    counterMJ !== null && previousCounter !== null && counterMJ >= previousCounter
      ? (counterMJ - previousCounter) / 1000
      : null;
  // The counter is the better figure; a counter stuck at 0 while power flows is not believed.
  const useCounter = counterJ !== null && !(counterJ === 0 && integratedJ > 0);
  const energyJ = useCounter ? (counterJ as number) : integratedJ;
  return {
    component: "gpu",
    key: `gpu:${index}`,
    label: `GPU ${index} ${gpu.name}`,
    powerW: energyJ / tick.intervalS,
    energyJ,
    method: "measured",
    via: useCounter ? "nvidia-smi energy counter" : "nvidia-smi power.draw integrated",
    ...(gpu.uuid === "" ? {} : { deviceId: gpu.uuid }),
    ...(gpu.utilization === null ? {} : { utilization: gpu.utilization }),
  };
};

/**
 * The warning for a query that ended (null when it was stopped without a word): its first line of
 * output, else its exit code; "failed" before any GPU was seen, "stopped mid-run" after.
 */
export const queryEndWarningOf = (said: string, code: number | null, gpusSeen: number): string | null => {
  if (code === null && said === "") return null;
  const first =
    said
      .split("\n")
      .find((l) => l.trim() !== "")
      ?.trim() ?? `exit code ${String(code)}`;
  return gpusSeen === 0
    ? `nvidia-smi failed (${first}); no NVIDIA GPU energy is counted.`
    : `nvidia-smi stopped mid-run (${first}); GPU energy after that is not counted.`;
};
