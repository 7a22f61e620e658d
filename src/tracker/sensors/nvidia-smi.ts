import { type ChildProcess, spawn } from "node:child_process";
import type { Reading, SampleTick, Sensor } from "../types.ts";
import { type GpuTotals, nvidiaReadingOf, queryEndWarningOf, takeNvidiaLine } from "./nvidia-gpu-totals.ts";
import { onPath } from "./on-path.ts";

/** Fields queried, in order; the energy counter last so that the fallback query is a prefix. */
export const NVIDIA_FIELDS = [
  "timestamp",
  "index",
  "uuid",
  "name",
  "power.draw",
  "utilization.gpu",
  "memory.used",
] as const;
/** NVML's total energy since the driver loaded, millijoules (Volta and later). */
export const NVIDIA_ENERGY_FIELD = "total_energy_consumption";

/** One parsed line of the query. */
export interface NvidiaLine {
  /** nvidia-smi's own timestamp, ms since the epoch (local time; only differences are used). */
  readonly timeMs: number;
  /** GPU index. */
  readonly index: string;
  /** GPU UUID ("GPU-…"), as compute-apps names the GPU a process holds. */
  readonly uuid: string;
  /** Model name, e.g. "NVIDIA A100-SXM4-80GB". */
  readonly name: string;
  /** Board power, W (null when not available). */
  readonly powerW: number | null;
  /** GPU utilization 0–1 (null when not available). */
  readonly utilization: number | null;
  /** Energy counter, mJ (null when the GPU has none or it was not queried). */
  readonly energyMJ: number | null;
}

const numberOrNull = (text: string | undefined): number | null => {
  if (text === undefined) return null;
  const value = Number(text.trim());
  return text.trim() === "" || !Number.isFinite(value) ? null : value;
};

/** Parses one `--format=csv,noheader,nounits` line; null for lines that are not GPU rows. */
export const parseNvidiaLine = (line: string): NvidiaLine | null => {
  const cells = line.split(",").map((c) => c.trim());
  if (cells.length < NVIDIA_FIELDS.length) return null;
  const [timestamp = "", index = "", uuid = "", name = "", power, utilization, , energy] = cells;
  const timeMs = Date.parse(timestamp.replace(/\//g, "-").replace(" ", "T"));
  if (!Number.isFinite(timeMs) || !/^\d+$/.test(index)) return null;
  const percent = numberOrNull(utilization);
  return {
    timeMs,
    index,
    uuid,
    name,
    powerW: numberOrNull(power),
    utilization: percent === null ? null : percent / 100,
    energyMJ: numberOrNull(energy),
  };
};

/** Options of the NVIDIA sensor. */
export interface NvidiaSmiOptions {
  /** Command to run (default "nvidia-smi", found on PATH). */
  readonly command?: string;
  /** Environment for it (tests put a fake nvidia-smi first on PATH). */
  readonly env?: NodeJS.ProcessEnv;
  /** GPU indices or UUIDs to watch (default: all). */
  readonly gpus?: readonly string[];
  /** Query period, ms. */
  readonly periodMs: number;
  /** Monotonic clock, ms. */
  readonly now?: () => number;
}

/** The sensor's state: the GPUs seen, its warnings, the query process. */
interface NvidiaSmiRun {
  readonly options: NvidiaSmiOptions;
  readonly now: () => number;
  readonly gpus: Map<string, GpuTotals>;
  readonly warnings: string[];
  child: ChildProcess | null;
  closed: boolean;
  /** Whether the query asks for the energy counter (an old driver refuses it). */
  withEnergy: boolean;
}

const warnOnce = (run: NvidiaSmiRun, text: string): void => {
  if (!run.warnings.includes(text)) run.warnings.push(text);
};

/** nvidia-smi's arguments: the fields, CSV without header or units, the period, the GPUs watched. */
export const nvidiaQueryArgs = (
  withEnergy: boolean,
  periodMs: number,
  gpus: readonly string[] = [],
): string[] => {
  const fields = withEnergy ? [...NVIDIA_FIELDS, NVIDIA_ENERGY_FIELD] : [...NVIDIA_FIELDS];
  const args = [
    `--query-gpu=${fields.join(",")}`,
    "--format=csv,noheader,nounits",
    "-lms",
    String(Math.max(50, Math.round(periodMs))),
  ];
  if (gpus.length > 0) args.push("-i", gpus.join(","));
  return args;
};

/** Starts the query (unless nvidia-smi is not on PATH); its lines feed the GPUs' totals. */
const startQuery = (run: NvidiaSmiRun): void => {
  const { options } = run;
  const command = options.command ?? "nvidia-smi";
  if (!onPath(command, options.env ?? process.env)) return; // no NVIDIA driver tools: no GPU readings
  const proc = spawn(command, nvidiaQueryArgs(run.withEnergy, options.periodMs, options.gpus), {
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  run.child = proc;
  const output = { buffer: "", errors: "", startFailed: false };
  proc.stdout?.setEncoding("utf8");
  proc.stdout?.on("data", (chunk: string) => {
    output.buffer += chunk;
    let newline = output.buffer.indexOf("\n");
    while (newline >= 0) {
      const parsed = parseNvidiaLine(output.buffer.slice(0, newline));
      if (parsed !== null) takeNvidiaLine(run.gpus, parsed, run.now());
      output.buffer = output.buffer.slice(newline + 1);
      newline = output.buffer.indexOf("\n");
    }
  });
  proc.stderr?.setEncoding("utf8");
  proc.stderr?.on("data", (chunk: string) => {
    if (output.errors.length < 4000) output.errors += chunk;
  });
  proc.on("error", (error: NodeJS.ErrnoException) => {
    output.startFailed = true;
    if (error.code !== "ENOENT")
      warnOnce(
        run,
        `nvidia-smi could not be started (${error.code ?? error.message}); GPU energy is not counted.`,
      );
  });
  proc.on("close", (code) => {
    if (run.closed || run.child !== proc || output.startFailed) return;
    queryEnded(run, `${output.errors}${output.buffer}`, code);
  });
};

/** After the query ends: ask again without the energy field if the driver refused it, else say why. */
const queryEnded = (run: NvidiaSmiRun, said: string, code: number | null): void => {
  if (run.withEnergy && /not a valid field/i.test(said) && run.gpus.size === 0) {
    run.withEnergy = false;
    startQuery(run);
    return;
  }
  const warning = queryEndWarningOf(said, code, run.gpus.size);
  if (warning !== null) warnOnce(run, warning);
};

/**
 * NVIDIA GPUs through one long-running `nvidia-smi --query-gpu … -lms <period>` process: each GPU's
 * energy counter where it has one, else its power draw integrated over nvidia-smi's timestamps (never 0
 * for a busy GPU). An old driver that refuses the energy field is asked again without it.
 */
export const openNvidiaSmi = (options: NvidiaSmiOptions): Sensor => {
  const run: NvidiaSmiRun = {
    options,
    now: options.now ?? (() => performance.now()),
    gpus: new Map(),
    warnings: [],
    child: null,
    closed: false,
    withEnergy: true,
  };
  const staleMs = Math.max(3 * options.periodMs, 2000);
  startQuery(run);
  return {
    name: "nvidia-smi",
    sample(tick: SampleTick): Reading[] {
      const readings: Reading[] = [];
      for (const [index, gpu] of run.gpus) {
        const reading = nvidiaReadingOf(index, gpu, tick, staleMs, (text) => warnOnce(run, text));
        if (reading !== null) readings.push(reading);
      }
      return readings;
    },
    warnings: () => run.warnings,
    details: () => ({
      gpuCount: run.gpus.size,
      gpuModels: [...new Set([...run.gpus.values()].map((g) => g.name))].join("; "),
    }),
    close: () => {
      run.closed = true;
      const { child } = run;
      // Only a started child: kill() on a failed spawn can reach pid 0, i.e. our whole process group.
      if (child !== null && child.pid !== undefined && child.exitCode === null && child.signalCode === null)
        child.kill();
    },
  };
};
