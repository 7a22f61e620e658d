import { type ChildProcess, spawn } from "node:child_process";
import type { Reading, SampleTick, Sensor } from "../types.ts";
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

/** Running totals of one GPU. */
interface GpuState {
  name: string;
  uuid: string;
  lastLine: NvidiaLine | null;
  lastArrivalMs: number;
  integratedJ: number;
  integratedAtSampleJ: number | null;
  counterAtSampleMJ: number | null;
  firstCounterMJ: number | null;
  utilization: number | null;
  gone: boolean;
}

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

/**
 * NVIDIA GPUs through one long-running `nvidia-smi --query-gpu … -lms <period>` process: each GPU's
 * energy counter where it has one, else its power draw integrated over nvidia-smi's timestamps (never 0
 * for a busy GPU). An old driver that refuses the energy field is asked again without it.
 */
export const openNvidiaSmi = (options: NvidiaSmiOptions): Sensor => {
  const now = options.now ?? (() => performance.now());
  const gpus = new Map<string, GpuState>();
  const warnings: string[] = [];
  const warn = (text: string) => {
    if (!warnings.includes(text)) warnings.push(text);
  };
  let child: ChildProcess | null = null;
  let closed = false;
  let withEnergy = true;
  const staleMs = Math.max(3 * options.periodMs, 2000);

  const onLine = (line: string) => {
    const parsed = parseNvidiaLine(line);
    if (parsed === null) return;
    let gpu = gpus.get(parsed.index);
    if (gpu === undefined) {
      gpu = {
        name: parsed.name,
        uuid: parsed.uuid,
        lastLine: null,
        lastArrivalMs: now(),
        integratedJ: 0,
        integratedAtSampleJ: null,
        counterAtSampleMJ: null,
        firstCounterMJ: parsed.energyMJ,
        utilization: null,
        gone: false,
      };
      gpus.set(parsed.index, gpu);
    }
    if (parsed.powerW === null) return; // "[GPU is lost]", "[Unknown Error]": treated as not reporting
    const previous = gpu.lastLine;
    if (previous?.powerW != null && parsed.timeMs > previous.timeMs) {
      gpu.integratedJ += ((previous.powerW + parsed.powerW) / 2) * ((parsed.timeMs - previous.timeMs) / 1000);
    }
    gpu.lastLine = parsed;
    gpu.lastArrivalMs = now();
    gpu.utilization = parsed.utilization;
    gpu.gone = false;
  };

  const start = () => {
    const fields = withEnergy ? [...NVIDIA_FIELDS, NVIDIA_ENERGY_FIELD] : [...NVIDIA_FIELDS];
    const args = [
      `--query-gpu=${fields.join(",")}`,
      "--format=csv,noheader,nounits",
      "-lms",
      String(Math.max(50, Math.round(options.periodMs))),
    ];
    if (options.gpus !== undefined && options.gpus.length > 0) args.push("-i", options.gpus.join(","));
    const command = options.command ?? "nvidia-smi";
    if (!onPath(command, options.env ?? process.env)) return; // no NVIDIA driver tools: no GPU readings
    let startFailed = false;
    const proc = spawn(command, args, {
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    let buffer = "";
    let errors = "";
    proc.stdout?.setEncoding("utf8");
    proc.stdout?.on("data", (chunk: string) => {
      buffer += chunk;
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        onLine(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf("\n");
      }
    });
    proc.stderr?.setEncoding("utf8");
    proc.stderr?.on("data", (chunk: string) => {
      if (errors.length < 4000) errors += chunk;
    });
    proc.on("error", (error: NodeJS.ErrnoException) => {
      startFailed = true;
      if (error.code !== "ENOENT")
        warn(`nvidia-smi could not be started (${error.code ?? error.message}); GPU energy is not counted.`);
    });
    proc.on("close", (code) => {
      if (closed || child !== proc || startFailed) return;
      const said = `${errors}${buffer}`;
      if (withEnergy && /not a valid field/i.test(said) && gpus.size === 0) {
        withEnergy = false;
        start();
        return;
      }
      if (code === null && said === "") return;
      const first =
        said
          .split("\n")
          .find((l) => l.trim() !== "")
          ?.trim() ?? `exit code ${String(code)}`;
      warn(
        gpus.size === 0
          ? `nvidia-smi failed (${first}); no NVIDIA GPU energy is counted.`
          : `nvidia-smi stopped mid-run (${first}); GPU energy after that is not counted.`,
      );
    });
  };
  start();

  return {
    name: "nvidia-smi",
    sample(tick: SampleTick): Reading[] {
      const readings: Reading[] = [];
      for (const [index, gpu] of gpus) {
        const line = gpu.lastLine;
        if (line === null) continue;
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
        if (tick.intervalS <= 0) continue;
        const integratedJ = gpu.integratedJ - (previousIntegrated ?? 0);
        const counterJ =
          counterMJ !== null && previousCounter !== null && counterMJ >= previousCounter
            ? (counterMJ - previousCounter) / 1000
            : null;
        // The counter is the better figure; a counter stuck at 0 while power flows is not believed.
        const useCounter = counterJ !== null && !(counterJ === 0 && integratedJ > 0);
        const energyJ = useCounter ? (counterJ as number) : integratedJ;
        readings.push({
          component: "gpu",
          key: `gpu:${index}`,
          label: `GPU ${index} ${gpu.name}`,
          powerW: energyJ / tick.intervalS,
          energyJ,
          method: "measured",
          via: useCounter ? "nvidia-smi energy counter" : "nvidia-smi power.draw integrated",
          ...(gpu.uuid === "" ? {} : { deviceId: gpu.uuid }),
          ...(gpu.utilization === null ? {} : { utilization: gpu.utilization }),
        });
      }
      return readings;
    },
    warnings: () => warnings,
    details: () => ({
      gpuCount: gpus.size,
      gpuModels: [...new Set([...gpus.values()].map((g) => g.name))].join("; "),
    }),
    close: () => {
      closed = true;
      // Only a started child: kill() on a failed spawn can reach pid 0, i.e. our whole process group.
      if (child !== null && child.pid !== undefined && child.exitCode === null && child.signalCode === null)
        child.kill();
    },
  };
};
