// mlco2/tracker: measure a running job's energy and emissions (Node only; reads /proc, sysfs, nvidia-smi).
export type { AllocationIdleComponent, AllocationIdleSummary } from "./allocation-idle.ts";
export { INTERVAL_LIMITS } from "./check-options.ts";
export type { BestWindow, IntensitySeriesOptions } from "./intensity-feed.ts";
export { intensitySeriesOf } from "./intensity-series.ts";
export { type LaunchContext, type LauncherName, launchContextOf, type TaskPlace } from "./launcher.ts";
export { appendCodecarbonRow, CODECARBON_COLUMNS, type CodecarbonRow, codecarbonCsv } from "./log-csv.ts";
export { type JsonlLog, openJsonlLog, parseJsonlLog } from "./log-jsonl.ts";
export type { Prediction } from "./prediction.ts";
export type { ComponentSample, SampleRecord } from "./sampler.ts";
export { openAmdSmi } from "./sensors/amd-smi.ts";
export { openNvidiaSmi } from "./sensors/nvidia-smi.ts";
export { readSelfReapedTicks } from "./sensors/process-tree.ts";
export { openRapl } from "./sensors/rapl.ts";
export {
  type PreparedTracking,
  prepareTracking,
  type RunExit,
  type SpawnedRoot,
  startTracking,
  type TrackingOptions,
  type TrackingProgress,
  type TrackingRun,
} from "./session.ts";
export type { TrackLocation } from "./summary.ts";
export { TrackerError, type TrackerErrorCode } from "./tracker-error.ts";
export type { IntensityAt, Reading, ReadingMethod, SampleTick, Sensor, TrackedComponent } from "./types.ts";
