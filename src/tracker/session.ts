import { arch, hostname, platform, release } from "node:os";
import { Mlco2Error, type Problem } from "../core/errors.ts";
import { perUnitOf } from "../core/estimate/per-unit.ts";
import { tryEstimateWith } from "../core/estimate.ts";
import { findInstance } from "../core/find-instance.ts";
import { conflict, required } from "../core/problems.ts";
import { resolveLocation } from "../core/resolve-location.ts";
import type { Dataset, EstimateResult, Factor } from "../core/types.ts";
import { dataset as bundledDataset } from "../data/index.ts";
import { type AllocationIdleSummary, allocationIdleOf } from "./allocation-idle.ts";
import { checkFiles, checkPlainOptions } from "./check-options.ts";
import { type CloudUse, cloudUseOf } from "./cloud-location.ts";
import { codecarbonRowOf } from "./codecarbon-row.ts";
import { type CpuOverride, cpuPlanOf } from "./cpu-plan.ts";
import { fallbackShareOf } from "./gpu-share.ts";
import { type InstanceGpuPlan, instanceGpuPlanOf, openInstanceGpuModel } from "./instance-gpus.ts";
import { type IntensityFeed, type IntensitySeriesOptions, openIntensityFeed } from "./intensity-feed.ts";
import { jobUserOf, osLoginName } from "./job-user.ts";
import {
  type LaunchContext,
  launchContextOf,
  reportsNodeOverhead,
  type TaskPlace,
  taskPlaceOf,
} from "./launcher.ts";
import { appendCodecarbonRow } from "./log-csv.ts";
import { type JsonlLog, openJsonlLog } from "./log-jsonl.ts";
import { type Prediction, ProgressLog } from "./prediction.ts";
import { type SampleRecord, Sampler, type SamplerTotals } from "./sampler.ts";
import { openAmdSmi } from "./sensors/amd-smi.ts";
import { type CloudHost, DMI_ROOT, detectCloudHost } from "./sensors/cloud-host.ts";
import { openCpuLoadModel } from "./sensors/cpu-load.ts";
import { pollComputeApps } from "./sensors/gpu-apps.ts";
import { attributeGpus } from "./sensors/gpu-attribution.ts";
import { type HostInfo, readHostInfo } from "./sensors/host.ts";
import { openMemoryModel } from "./sensors/memory.ts";
import { openNvidiaSmi } from "./sensors/nvidia-smi.ts";
import { onPath } from "./sensors/on-path.ts";
import { readMachineTicks, readPidStat } from "./sensors/proc.ts";
import { type ProcessTree, watchProcessTree } from "./sensors/process-tree.ts";
import { openRapl, POWERCAP_ROOT } from "./sensors/rapl.ts";
import { attributeRapl } from "./sensors/rapl-attribution.ts";
import {
  engineLocationOf,
  locationMissing,
  noLocationWarning,
  summarize,
  type TrackLocation,
} from "./summary.ts";
import { instanceCpuOf, instanceRecordOf, type TrackedInstance } from "./tracked-instance.ts";
import { TrackerError } from "./tracker-error.ts";
import type { IntensityAt, Sensor } from "./types.ts";

/** Options of {@link startTracking}. */
export interface TrackingOptions extends TrackLocation {
  /** Seconds between samples (default 1; 0.05–3600). */
  readonly intervalS?: number;
  /** Root of the process tree whose CPU and memory are attributed (default: this process). */
  readonly pid?: number;
  /** Stops tracking when aborted. */
  readonly signal?: AbortSignal;
  /** Facility PUE (default: the region's published value, else 1). */
  readonly pue?: number;
  /** Time-varying grid intensity, gCO2eq/kWh, asked for each interval's midpoint (replaces the location's constant). */
  readonly intensityAt?: IntensityAt;
  /**
   * Time-resolved intensity from a source (a file, Electricity Maps, WattTime) for the location's grid
   * zone: asked up front and refreshed in the background, each interval priced with what has arrived, the
   * run re-priced at its end and the best window within ±12 h searched. Needs a zone, region or country.
   */
  readonly intensitySeries?: IntensitySeriesOptions;
  /**
   * The cloud instance type the job runs on, "provider:type" (e.g. "aws:p4d.24xlarge"): its CPU, vCPUs
   * and GPUs describe the hardware where nothing measures it, over what DMI says; its provider's region
   * variables give the location. Default: the type DMI names (EC2 Nitro).
   */
  readonly instance?: string;
  /** Host CPU: catalog name or `{ tdpW }` per package (default: detected from /proc/cpuinfo). */
  readonly cpu?: CpuOverride;
  /** GPU indices or UUIDs (default: CUDA_VISIBLE_DEVICES, else all). */
  readonly gpus?: readonly string[];
  /** Project name for the logs. */
  readonly project?: string;
  /**
   * Who ran the job, recorded as the start line's `user` (null or "": record none); default
   * SLURM_JOB_USER from `env`, else the OS login name.
   */
  readonly user?: string | null;
  /**
   * Key shared by every tracker of one distributed run (`--run-id`); default MLCO2_RUN_ID, SLURM_JOB_ID
   * (with the step), TORCHELASTIC_RUN_ID from `env`, in that order.
   */
  readonly runId?: string;
  /** The command being tracked, for the logs. */
  readonly command?: readonly string[];
  /** Functional units the job produces (tokens, requests…), for figures per unit; more can be added with `addUnits`. */
  readonly units?: number;
  /** Name of the functional unit (default "units"). */
  readonly unit?: string;
  /** JSONL log path (none when absent). */
  readonly logPath?: string;
  /** CodeCarbon-compatible CSV path (a row is appended at the end). */
  readonly csvPath?: string;
  /** Called with each interval's record. */
  readonly onSample?: (record: SampleRecord) => void;
  /**
   * Called with each line of the log (start, samples, summary) as it is written, also without a log file:
   * e.g. to stream them to a team server. A hook that throws is ignored.
   */
  readonly onLogLine?: (line: Readonly<Record<string, unknown>>) => void;
  /**
   * Called once per file that cannot be written during the run (a full disk, the CSV at the end); the
   * run goes on without it. The errors are also in {@link TrackingRun.fileErrors}.
   */
  readonly onFileError?: (error: TrackerError) => void;
  /** Sensors to use instead of detecting them (tests, custom meters). */
  readonly sensors?: readonly Sensor[];
  /** Root of the powercap tree (default /sys/class/powercap). */
  readonly powercapRoot?: string;
  /** Root of procfs (default /proc). */
  readonly procRoot?: string;
  /** Root of the DMI strings (default /sys/class/dmi/id), where the provider and instance type are read. */
  readonly dmiRoot?: string;
  /** Environment for GPU tools (PATH), the launcher's variables (Slurm, torchrun, MPI) and the cloud region (AWS_REGION…), default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Dataset (default: the bundled one). */
  readonly dataset?: Dataset;
}

/** How a tracked command ended. */
export interface RunExit {
  /** Exit code (null when killed by a signal). */
  readonly code: number | null;
  /** Signal name that ended it. */
  readonly signal: string | null;
}

/** Figures so far, for live progress. */
export interface TrackingProgress {
  /** Seconds tracked. */
  readonly elapsedS: number;
  /** Power of the last interval, W. */
  readonly powerW: number;
  /** IT energy so far, kWh. */
  readonly energyKWh: number;
  /** Emissions so far, kg CO2eq. */
  readonly emissionsKg: number;
  /** The whole job predicted from its progress (null or absent before the first unit). */
  readonly prediction?: Prediction | null;
}

/** A tracking run in progress. */
export interface TrackingRun {
  /** Run id (UUID), also in the logs. */
  readonly runId: string;
  /** Warnings known at start (location, sensors). */
  readonly warnings: readonly string[];
  /** Sensors in use. */
  readonly sensors: readonly string[];
  /** The launcher, run key, host and rank, as the environment gave them. */
  readonly launch: LaunchContext;
  /** Energy of the node that no process owns (idle GPUs, idle CPU share) so far, reported by one tracker per node. */
  allocationIdle(): AllocationIdleSummary;
  /** Figures so far. */
  progress(): TrackingProgress;
  /** Adds functional units the job produced (e.g. tokens counted from its output). */
  addUnits(units: number): void;
  /** Records the job's progress, `done` of `total` units: the prediction of the whole job follows it. */
  observeProgress(done: number, total: number): void;
  /** Stops, writes the summary line and the CSV row, and returns the result (same result on every call). */
  stop(exit?: RunExit): Promise<EstimateResult>;
  /** Files that could not be written (each once): the log stopped there, or the CSV row is missing. */
  fileErrors(): readonly TrackerError[];
}

/** The command the caller started for tracking: the tracker then counts its CPU time from its start to its end. */
export interface SpawnedRoot {
  /** Its pid. */
  readonly pid: number;
  /**
   * This process's cutime + cstime read just before spawning it (`readSelfReapedTicks()`), or null:
   * when this process reaps it, the growth gives its CPU time after the last sample.
   */
  readonly selfReapedTicks: number | null;
  /** When it was spawned, on performance.now()'s clock. */
  readonly startMs: number;
}

/** A validated configuration, ready to start; no file is opened until then. */
export interface PreparedTracking {
  /**
   * Opens the log and starts sampling the tree rooted at `root`: a pid (default: the option's pid, else
   * this process), or a command the caller spawned. A log that cannot be opened is reported as a file
   * error (see {@link TrackingOptions.onFileError}) and the run goes on without it.
   */
  start(root?: number | SpawnedRoot): TrackingRun;
}

/** Every input problem: the plain checks, then the engine's on the location, PUE and CPU (one validator). */
const checkOptions = (dataset: Dataset, options: TrackingOptions): Problem[] => {
  const problems = checkPlainOptions(options);
  if (problems.length > 0) return problems;
  const probe = tryEstimateWith(dataset, {
    watts: 1,
    hours: 1,
    ...engineLocationOf(dataset, options),
    ...(options.pue === undefined ? {} : { pue: options.pue }),
    ...(options.cpu === undefined ? {} : { cpu: options.cpu }),
  });
  if (!probe.ok) return [...probe.problems];
  if (options.instance !== undefined) {
    // The instance against the location, as the engine checks it (a region of another provider).
    const withInstance = tryEstimateWith(dataset, {
      instance: options.instance,
      hours: 1,
      ...engineLocationOf(dataset, options),
    });
    if (!withInstance.ok) return [...withInstance.problems];
  }
  return seriesProblems(dataset, options);
};

/** The location's grid zone, for a time-resolved source (undefined without one). */
const seriesZoneOf = (dataset: Dataset, options: TrackingOptions): string | undefined => {
  if (locationMissing(options)) return undefined;
  const located = resolveLocation(dataset, engineLocationOf(dataset, options));
  const zone = located.ok ? located.value.location.zone : undefined;
  return zone === undefined || zone.startsWith("ISO3:") ? undefined : zone;
};

/** A time-resolved source needs a grid zone, and no intensity function beside it; its own zone checks. */
const seriesProblems = (dataset: Dataset, options: TrackingOptions): Problem[] => {
  const series = options.intensitySeries;
  if (series === undefined) return [];
  if (options.intensityAt !== undefined) return [conflict("source", ["intensityAt"])];
  const zone = seriesZoneOf(dataset, options);
  if (zone === undefined)
    return [
      required(
        "source",
        ["zone", "region", "country"],
        ` too: ${series.name} gives the intensity of a grid zone${options.intensity === undefined ? "" : ", not of an explicit intensity"}`,
      ),
    ];
  // Zone checks use the engine's codes (unknown-zone, required); the cast only widens the type back.
  return [...(series.checkZone?.(zone) ?? [])] as Problem[];
};

/** GPUs to watch: the option, else CUDA_VISIBLE_DEVICES, else all (undefined); [] means none. */
const gpusOf = (options: TrackingOptions): readonly string[] | undefined => {
  if (options.gpus !== undefined) return options.gpus;
  const visible = (options.env ?? process.env).CUDA_VISIBLE_DEVICES;
  if (visible === undefined) return undefined;
  const ids = visible
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return ids.some((id) => id === "-1") ? [] : ids;
};

/**
 * Validates everything before anything runs, creating no file: input problems throw {@link Mlco2Error},
 * a log or CSV path that cannot be written (or a CSV with other columns) throws {@link TrackerError}.
 */
export const prepareTracking = (given: TrackingOptions = {}): PreparedTracking => {
  const dataset = given.dataset ?? bundledDataset;
  const flag = given.instance === undefined ? null : findInstance(dataset, given.instance);
  if (flag !== null && !flag.ok) throw new Mlco2Error(flag.problems);
  // Where the machine says it runs (DMI, the region's variables): the location when none is given.
  const env = given.env ?? process.env;
  const cloud = detectCloudHost(given.dmiRoot ?? DMI_ROOT, env);
  const use = cloudUseOf(dataset, { location: given, cloud, env, flag: flag?.value ?? null });
  const options: TrackingOptions = use.region === null ? given : { ...given, region: use.region };
  const problems = checkOptions(dataset, options);
  if (problems.length > 0) throw new Mlco2Error(problems as [Problem, ...Problem[]]);
  const fileProblem = checkFiles(options);
  if (fileProblem !== null) throw fileProblem;
  return {
    start: (root) =>
      begin(
        dataset,
        options,
        { cloud, use },
        typeof root === "object"
          ? root
          : { pid: root ?? options.pid ?? process.pid, selfReapedTicks: null, startMs: performance.now() },
      ),
  };
};

/** Detects sensors: RAPL else the CPU load model, DRAM RAPL else the memory model, NVIDIA and AMD GPUs. */
const detectSensors = (
  dataset: Dataset,
  options: TrackingOptions,
  host: HostInfo,
  machine: Machine,
  root: SpawnedRoot,
  intervalS: number,
  launch: LaunchContext,
): { sensors: Sensor[]; factors: Factor[]; warnings: string[] } => {
  const procRoot = options.procRoot ?? "/proc";
  const tree = watchProcessTree({
    rootPid: root.pid,
    procRoot,
    maxCpus: host.logicalCpus,
    startMs: root.startMs,
    ...(root.selfReapedTicks === null ? {} : { selfReapedAtStart: root.selfReapedTicks }),
  });
  const sensors: Sensor[] = [];
  const factors: Factor[] = [];
  const warnings: string[] = [];
  const rapl = openRapl(options.powercapRoot ?? POWERCAP_ROOT);
  if (rapl.problem !== null) warnings.push(rapl.problem);
  let dramMeasured = false;
  if (rapl.sensor !== null) {
    const allocationCpus = launch.allocationCpus ?? host.affinityCpus;
    sensors.push(
      attributeRapl({
        rapl: rapl.sensor,
        tree,
        allocationShare: Math.min(1, allocationCpus / Math.max(1, host.logicalCpus)),
        reportsIdle: reportsNodeOverhead(launch),
        memoryTotalKB: (host.memoryTotalGB * 1e9) / 1024,
        machineTicks: () => readMachineTicks(procRoot),
      }),
    );
    dramMeasured = rapl.hasDram;
    warnings.push(
      "CPU energy: RAPL measures the whole machine; the tracked processes are charged its package energy × their share of the machine's CPU time (measured, attributed), the idle share is reported as allocation idle.",
    );
  } else {
    const model = cpuLoadModelOf(dataset, options, host, machine, tree);
    sensors.push(model.sensor);
    factors.push(...model.factors);
    warnings.push(
      ...model.warnings,
      `No RAPL counters${rapl.problem === null ? " on this machine" : ""}: CPU power is estimated from the tracked process tree's CPU time (load model, ${model.label}).`,
    );
  }
  if (!dramMeasured) {
    const perGB = dataset.defaults.memoryWPerGB;
    sensors.push(openMemoryModel({ wattsPerGB: perGB.value, tree, procRoot }));
    factors.push({
      name: "memory power per GB (of the process tree's resident memory)",
      value: perGB.value,
      unit: "W/GB",
      kind: "estimated",
      source: dataset.sources.get(perGB.source) ?? null,
      year: perGB.year,
    });
  }
  sensors.push(...gpuSensors(options, intervalS, launch, tree));
  const modelled = modelledGpus(dataset, options, machine.use.instance, launch);
  if (modelled !== null) {
    sensors.push(openInstanceGpuModel(modelled));
    factors.push(...modelled.factors);
    warnings.push(...modelled.warnings);
  }
  return { sensors, factors, warnings };
};

/** The CPU load model where RAPL is missing: the CPU plan of this host, the instance type's where it has one. */
const cpuLoadModelOf = (
  dataset: Dataset,
  options: TrackingOptions,
  host: HostInfo,
  machine: Machine,
  tree: ProcessTree,
): { sensor: Sensor; label: string; factors: readonly Factor[]; warnings: readonly string[] } => {
  // A cloud VM is a VM even where /proc/cpuinfo has no hypervisor flag (ARM guests).
  const instance = machine.use.instance;
  const vm = host.virtualized || machine.cloud.virtualMachine || instance?.virtualMachine === true;
  const plan = cpuPlanOf(
    dataset,
    { ...host, virtualized: vm },
    options.cpu,
    instance === null ? null : instanceCpuOf(instance),
  );
  const sensor = openCpuLoadModel({
    model: plan.model,
    capacityCpus: plan.capacityCpus,
    label: plan.label,
    tree,
    procRoot: options.procRoot ?? "/proc",
  });
  return { sensor, label: plan.label, factors: plan.factors, warnings: plan.warnings };
};

/** The instance's GPUs that no tool measures here (no nvidia-smi on PATH…), modelled; null when none. */
const modelledGpus = (
  dataset: Dataset,
  options: TrackingOptions,
  instance: TrackedInstance | null,
  launch: LaunchContext,
): InstanceGpuPlan | null => {
  if (instance === null) return null;
  const env = options.env ?? process.env;
  return instanceGpuPlanOf(dataset, instance, {
    measures: (vendor) =>
      vendor === "NVIDIA" ? onPath("nvidia-smi", env) : onPath("amd-smi", env) || onPath("rocm-smi", env),
    gpus: gpusOf(options),
    localSize: launch.localSize,
  });
};

/** NVIDIA GPUs charged by the share the tree's processes hold, and AMD GPUs (whole); none with `gpus: []`. */
const gpuSensors = (
  options: TrackingOptions,
  intervalS: number,
  launch: LaunchContext,
  tree: ProcessTree,
): Sensor[] => {
  const gpus = gpusOf(options);
  if (gpus !== undefined && gpus.length === 0) return [];
  const env = options.env ?? process.env;
  const procRoot = options.procRoot ?? "/proc";
  const startedMs = performance.now();
  // Which process holds which GPU changes seldom: asked every 2 s for the first 30 s, then every 10 s.
  const apps = pollComputeApps({
    env,
    pidExists: (pid) => readPidStat(pid, procRoot) !== null,
    nextDelayMs: () => Math.max(intervalS * 1000, performance.now() - startedMs < 30_000 ? 2000 : 10_000),
  });
  const nvidia = attributeGpus({
    gpus: openNvidiaSmi({ periodMs: intervalS * 1000, env, ...(gpus === undefined ? {} : { gpus }) }),
    apps,
    tree,
    fallbackShare: fallbackShareOf(launch.localSize, gpus === undefined ? null : gpus.length),
    reportsIdle: reportsNodeOverhead(launch),
  });
  return [nvidia, openAmdSmi({ periodMs: intervalS * 1000, env })];
};

/** What the machine said about itself (DMI, environment) and what the tracker took from it. */
interface Machine {
  readonly cloud: CloudHost;
  readonly use: CloudUse;
}

/** The run's files: the log, opened now, and the file errors reported once each. */
interface RunFiles {
  /** The JSONL log (null when none was asked for or it could not be opened). */
  readonly log: JsonlLog | null;
  /** Writes a line to the log and hands it to `onLogLine`. */
  readonly write: (line: Readonly<Record<string, unknown>>) => void;
  /** Reports a file error (once per path). */
  readonly report: (error: TrackerError) => void;
  /** Errors reported so far. */
  readonly errors: readonly TrackerError[];
}

const openRunFiles = (options: TrackingOptions): RunFiles => {
  const errors: TrackerError[] = [];
  const report = (error: TrackerError) => {
    if (errors.some((e) => e.path === error.path)) return;
    errors.push(error);
    options.onFileError?.(error);
  };
  let log: JsonlLog | null = null;
  if (options.logPath !== undefined) {
    try {
      log = openJsonlLog(options.logPath, { onError: report });
    } catch (error) {
      if (!(error instanceof TrackerError)) throw error;
      report(error);
    }
  }
  const write = (line: Readonly<Record<string, unknown>>) => {
    log?.write(line);
    try {
      options.onLogLine?.(line);
    } catch {
      // the caller's hook (an upload) must not stop the measurement
    }
  };
  return { log, write, report, errors };
};

/** The log's first line. */
const startRecord = (
  options: TrackingOptions,
  run: {
    runId: string;
    startedAt: Date;
    intervalS: number;
    pue: number;
    host: HostInfo;
    launch: LaunchContext;
    cloud: CloudHost;
    use: CloudUse;
  },
  sensors: readonly Sensor[],
  warnings: readonly string[],
) => ({
  type: "start",
  schema: "mlco2-track/1",
  runId: run.runId,
  task: taskPlaceOf(run.launch),
  launch: run.launch,
  startedAt: run.startedAt.toISOString(),
  project: options.project ?? null,
  user: jobUserOf(options.user, options.env ?? process.env, osLoginName),
  command: options.command ?? null,
  intervalS: run.intervalS,
  location: {
    region: options.region ?? null,
    country: options.country ?? null,
    zone: options.zone ?? null,
    intensity: options.intensity ?? null,
    year: options.year ?? null,
    source: options.intensitySeries?.name ?? null,
  },
  pue: run.pue,
  host: {
    cpuModel: run.host.cpuModel,
    logicalCpus: run.host.logicalCpus,
    cgroupQuotaCpus: run.host.cgroupQuotaCpus,
    memoryTotalGB: run.host.memoryTotalGB,
    cloud: {
      provider: run.cloud.provider,
      instanceType: run.cloud.instanceType,
      instanceId: run.cloud.instanceId,
      region: run.use.envRegion,
      regionFrom: run.use.envRegionFrom,
      notes: run.use.notes,
      instanceFrom: run.use.instance?.from ?? null,
      instance: instanceRecordOf(run.use.instance),
    },
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
  },
  sensors: sensors.map((s) => s.name),
  warnings,
});

/** Ticks the sampler every `intervalS` on a drift-free schedule; returns the function that stops it. */
const sampleEvery = (sampler: Sampler, intervalS: number): (() => void) => {
  const started = performance.now();
  let ticks = 0;
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    ticks++;
    const delay = Math.max(0, started + ticks * intervalS * 1000 - performance.now());
    timer = setTimeout(() => {
      try {
        sampler.tick();
      } catch {
        // a sensor's bug must not end the tracker (and orphan the command); the next tick tries again
      }
      schedule();
    }, delay);
    timer.unref();
  };
  schedule();
  return () => {
    if (timer !== null) clearTimeout(timer);
  };
};

/** Units of work and progress that the job's output (or the caller) reports during the run. */
interface WorkCount {
  /** Adds units produced (`--units-from`). */
  addUnits(units: number): void;
  /** Records progress: `done` of `total` units. */
  observe(done: number, total: number, totals: SamplerTotals): void;
  /** The prediction of the whole job now (null before the first unit of progress). */
  prediction(): Prediction | null;
  /** The result with its figures per unit, when units were given or counted. */
  withUnits(result: EstimateResult): EstimateResult;
}

const countWork = (options: TrackingOptions): WorkCount => {
  let counted = 0;
  const progress = new ProgressLog();
  return {
    addUnits: (units) => {
      if (Number.isFinite(units) && units > 0) counted += units;
    },
    observe: (done, total, totals) => {
      progress.observe({
        done,
        total,
        energyKWh: totals.energyKWh,
        emissionsKg: totals.emissionsKg,
        elapsedS: totals.elapsedS,
      });
    },
    prediction: () => progress.prediction(),
    withUnits: (result) => {
      const units = (options.units ?? 0) + counted;
      const perUnit = perUnitOf(
        { units, ...(options.unit === undefined ? {} : { unit: options.unit }) },
        result.energyKWh,
        result.emissionsKg,
      );
      return perUnit === undefined ? result : { ...result, perUnit };
    },
  };
};

const begin = (
  dataset: Dataset,
  options: TrackingOptions,
  machine: Machine,
  root: SpawnedRoot,
): TrackingRun => {
  const files = openRunFiles(options);
  const intervalS = options.intervalS ?? 1;
  // The global Web Crypto: node:crypto would load a much larger module for this one call.
  const runId = globalThis.crypto.randomUUID();
  const host = readHostInfo(options.procRoot ?? "/proc");
  const launch = launchContextOf(options.env ?? process.env, {
    hostname: hostname(),
    ...(options.runId === undefined ? {} : { runId: options.runId }),
  });
  const task = taskPlaceOf(launch);
  const detected =
    options.sensors === undefined
      ? detectSensors(dataset, options, host, machine, root, intervalS, launch)
      : { sensors: [...options.sensors], factors: [], warnings: [] };
  const { sensors } = detected;
  const startWarnings = [
    ...(locationMissing(options) ? [noLocationWarning(dataset, machine.use.whyNoRegion)] : []),
    ...machine.use.warnings,
    ...detected.warnings,
  ];
  const located = resolveLocation(dataset, engineLocationOf(dataset, options));
  const constantIntensity = located.ok
    ? located.value.intensityGPerKWh
    : dataset.defaults.worldIntensity.value;
  const pue = pueFor(dataset, options);
  const feed = openFeed(dataset, options, constantIntensity);
  files.write(
    startRecord(
      options,
      {
        runId,
        startedAt: new Date(),
        intervalS,
        pue,
        host,
        launch,
        cloud: machine.cloud,
        use: machine.use,
      },
      sensors,
      startWarnings,
    ),
  );
  const work = countWork(options);
  const sampler = new Sampler({
    sensors,
    pue,
    intensityAt: feed?.intensityAt ?? options.intensityAt ?? (() => constantIntensity),
    ...(feed === null ? {} : { onInterval: feed.record }),
    ...(files.log === null && options.onSample === undefined && options.onLogLine === undefined
      ? {}
      : {
          onRecord: (record: SampleRecord) => {
            const prediction = work.prediction();
            files.write({ ...record, task, ...(prediction === null ? {} : { prediction }) });
            options.onSample?.(record);
          },
        }),
  });
  const stopSampling = sampleEvery(sampler, intervalS);
  const allocationIdle = () =>
    allocationIdleOf(sampler.totals().allocationIdle, {
      elapsedS: sampler.totals().elapsedS,
      pue,
      reported: reportsNodeOverhead(launch),
    });
  let stopped: Promise<EstimateResult> | null = null;
  const stop = (exit?: RunExit): Promise<EstimateResult> => {
    if (stopped !== null) return stopped;
    stopSampling();
    sampler.tick();
    for (const sensor of sensors) sensor.close();
    const finish = (): EstimateResult => {
      feed?.close();
      const result = work.withUnits(
        summarize({
          dataset,
          totals: sampler.totals(),
          location: options,
          ...(options.pue === undefined ? {} : { pue: options.pue }),
          modelFactors: detected.factors,
          warnings: [...startWarnings, ...sensors.flatMap((s) => s.warnings())],
          timeVaryingIntensity: options.intensityAt !== undefined,
          series: feed?.summary() ?? null,
        }),
      );
      writeEnd({
        dataset,
        options,
        files,
        runId,
        host,
        totals: sampler.totals(),
        result,
        exit: exit ?? null,
        extra: { task, allocationIdle: allocationIdle(), prediction: work.prediction() },
      });
      return result;
    };
    // A run shorter than the first answer's trip waits for it a little (the sampling has stopped).
    stopped = feed === null ? Promise.resolve(finish()) : feed.settled(FIRST_ANSWER_WAIT_MS).then(finish);
    return stopped;
  };
  options.signal?.addEventListener("abort", () => void stop(), { once: true });
  if (options.signal?.aborted === true) void stop();
  return {
    runId,
    warnings: startWarnings,
    sensors: sensors.map((s) => s.name),
    launch,
    allocationIdle,
    progress: () => {
      const totals = sampler.totals();
      return {
        elapsedS: totals.elapsedS,
        powerW: totals.lastPowerW,
        energyKWh: totals.energyKWh,
        emissionsKg: totals.emissionsKg,
        prediction: work.prediction(),
      };
    },
    addUnits: work.addUnits,
    observeProgress: (done, total) => work.observe(done, total, sampler.totals()),
    stop,
    fileErrors: () => files.errors,
  };
};

/** What the summary line carries besides the result: where the tracker sat, the allocation's idle energy, the prediction. */
interface SummaryExtra {
  readonly task: TaskPlace;
  readonly allocationIdle: AllocationIdleSummary;
  readonly prediction: Prediction | null;
}

/** The log's summary line, the log closed, and the CSV row; a file that cannot be written is reported. */
const writeEnd = (end: {
  dataset: Dataset;
  options: TrackingOptions;
  files: RunFiles;
  runId: string;
  host: HostInfo;
  totals: SamplerTotals;
  result: EstimateResult;
  exit: RunExit | null;
  extra: SummaryExtra;
}): void => {
  const { options, files, runId, totals, result } = end;
  const endedAt = new Date();
  files.write({
    type: "summary",
    runId,
    endedAt: endedAt.toISOString(),
    durationS: totals.elapsedS,
    exit: end.exit,
    project: options.project ?? null,
    command: options.command ?? null,
    task: end.extra.task,
    allocationIdle: end.extra.allocationIdle,
    prediction: end.extra.prediction,
    result,
  });
  files.log?.close();
  if (options.csvPath === undefined) return;
  const row = codecarbonRowOf({
    result,
    runId,
    endedAt,
    durationS: totals.elapsedS,
    project: options.project ?? "mlco2",
    host: end.host,
    totals,
    location: options,
    dataset: end.dataset,
  });
  try {
    appendCodecarbonRow(options.csvPath, row);
  } catch (error) {
    if (!(error instanceof TrackerError)) throw error;
    files.report(error);
  }
};

/** How long the end of a run waits for a source's first answer still on its way, ms. */
const FIRST_ANSWER_WAIT_MS = 3000;

/** Opens the time-resolved feed when a source is asked for (the zone was checked with the options). */
const openFeed = (
  dataset: Dataset,
  options: TrackingOptions,
  yearlyGPerKWh: number,
): IntensityFeed | null => {
  const series = options.intensitySeries;
  const zone = series === undefined ? undefined : seriesZoneOf(dataset, options);
  if (series === undefined || zone === undefined) return null;
  return openIntensityFeed({ options: series, zone, yearlyGPerKWh, runStartMs: Date.now(), now: Date.now });
};

/** The PUE the engine picks for the location: the user's, the region's published value, else the default. */
const pueFor = (dataset: Dataset, options: TrackingOptions): number => {
  if (options.pue !== undefined) return options.pue;
  const located = resolveLocation(dataset, engineLocationOf(dataset, options));
  return located.ok ? located.value.facilityPue.value : dataset.defaults.unknownFacilityPue.value;
};

/**
 * Starts tracking the energy and emissions of this process (or `options.pid`'s process tree) until
 * `stop()` is called or `options.signal` aborts.
 *
 * @example
 * const run = await startTracking({ country: "FR", logPath: "run.jsonl" });
 * await train();
 * const result = await run.stop(); // an EstimateResult: result.energyKWh, result.emissionsKg, result.factors
 */
export const startTracking = async (options: TrackingOptions = {}): Promise<TrackingRun> =>
  prepareTracking(options).start();
