/** Shapes shared by the tracker's sensors, sampler, session and log writers. */

/** Which part of the machine a reading covers. */
export type TrackedComponent = "cpu" | "gpu" | "memory";

/** How a reading was obtained: read from a hardware counter or power meter, or computed by a model. */
export type ReadingMethod = "measured" | "estimated";

/** One component's energy over one sampling interval. */
export interface Reading {
  /** Which part of the machine. */
  readonly component: TrackedComponent;
  /** Stable key within a run, e.g. "cpu:rapl:package-0", "gpu:0". */
  readonly key: string;
  /** Human label, e.g. "RAPL package-0", "GPU 0 NVIDIA A100-SXM4-80GB". */
  readonly label: string;
  /** Average power over the interval, watts. */
  readonly powerW: number;
  /** Energy over the interval, joules. */
  readonly energyJ: number;
  /** Measured or estimated. */
  readonly method: ReadingMethod;
  /** How exactly, e.g. "RAPL energy counter", "nvidia-smi power.draw integrated". */
  readonly via: string;
  /** Utilization 0–1 over the interval, when the sensor knows it. */
  readonly utilization?: number;
  /** The device's own id (a GPU's UUID), when the sensor knows it. */
  readonly deviceId?: string;
  /**
   * "allocation-idle": energy of the node that no process owns (an idle GPU of the allocation, the idle
   * share of the CPU package), kept apart from the job's total. Absent: the job's own energy.
   */
  readonly scope?: "allocation-idle";
}

/** What a sensor is told at each sample. */
export interface SampleTick {
  /** Seconds since the previous sample (0 on the first, baseline call). */
  readonly intervalS: number;
  /** Monotonic clock, milliseconds. */
  readonly nowMs: number;
}

/** One source of readings. `sample` is synchronous: sensors that talk to slow tools do so in the background. */
export interface Sensor {
  /** Short name, e.g. "rapl", "nvidia-smi", "cpu-load-model". */
  readonly name: string;
  /** Readings for the interval that ended now. The first call sets the baseline and may return []. */
  sample(tick: SampleTick): readonly Reading[];
  /** Warnings gathered so far (permission problems, a GPU that disappeared…), each once. */
  warnings(): readonly string[];
  /** Extra, sensor-specific figures for the log line (utilization, memory used). */
  details?(): Readonly<Record<string, number | string | null>>;
  /** Releases processes and files. */
  close(): void;
}

/** Grid intensity for an interval: a constant, or a function of the interval's midpoint. */
export type IntensityAt = (at: Date) => number;
