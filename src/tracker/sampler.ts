import { emissionsKgFrom, joulesToKWh } from "../core/units.ts";
import type { IntensityAt, Reading, SampleTick, Sensor, TrackedComponent } from "./types.ts";

/** One component's line in a sample record. */
export interface ComponentSample {
  /** Stable key, e.g. "gpu:0". */
  readonly key: string;
  /** Which part of the machine. */
  readonly component: TrackedComponent;
  /** Human label. */
  readonly label: string;
  /** Average power over the interval, W. */
  readonly powerW: number;
  /** Energy over the interval, kWh. */
  readonly energyKWh: number;
  /** Measured or estimated. */
  readonly method: Reading["method"];
  /** How. */
  readonly via: string;
}

/** One JSONL line per interval. */
export interface SampleRecord {
  /** Record type. */
  readonly type: "sample";
  /** End of the interval, ISO 8601. */
  readonly time: string;
  /** Seconds since tracking started. */
  readonly elapsedS: number;
  /** Length of this interval, s. */
  readonly intervalS: number;
  /** Per-component power and energy. */
  readonly components: readonly ComponentSample[];
  /** Total IT power over the interval, W. */
  readonly powerW: number;
  /** IT energy of the interval, kWh. */
  readonly energyKWh: number;
  /** Grid intensity applied to this interval, gCO2eq/kWh. */
  readonly intensityGPerKWh: number;
  /** Emissions of this interval (IT energy × PUE × intensity), kg CO2eq. */
  readonly emissionsKg: number;
  /** Running totals. */
  readonly cumulative: {
    readonly energyKWh: number;
    readonly facilityEnergyKWh: number;
    readonly emissionsKg: number;
  };
  /** Sensor-specific figures (utilization, memory used). */
  readonly details: Readonly<Record<string, number | string | null>>;
  /** The node's energy no process owns over the interval (idle GPUs, idle CPU share); only when some was read. */
  readonly allocationIdle?: AllocationIdleSample;
}

/** The allocation's idle energy over one interval: kept apart from the job's figures. */
export interface AllocationIdleSample {
  /** Per-component power and energy. */
  readonly components: readonly ComponentSample[];
  /** Total power, W. */
  readonly powerW: number;
  /** IT energy, kWh. */
  readonly energyKWh: number;
  /** Emissions (IT energy × PUE × intensity), kg CO2eq. */
  readonly emissionsKg: number;
}

/** The allocation's idle energy so far. */
export interface AllocationIdleTotals {
  /** Per component key. */
  readonly components: ReadonlyMap<string, ComponentTotal>;
  /** IT energy, kWh. */
  readonly energyKWh: number;
  /** Emissions, kg CO2eq. */
  readonly emissionsKg: number;
}

/** Running total of one component key. */
export interface ComponentTotal {
  /** Which part. */
  readonly component: TrackedComponent;
  /** Label. */
  label: string;
  /** Energy so far, J. */
  energyJ: number;
  /** Measured or estimated (estimated wins if the two ever mix). */
  method: Reading["method"];
  /** How. */
  via: string;
  /** Sum of utilization × interval (for an average), and the seconds it covers. */
  utilizationS: number;
  utilizationCoveredS: number;
}

/** What the sampler has accumulated. */
export interface SamplerTotals {
  /** Seconds sampled. */
  readonly elapsedS: number;
  /** Per component key. */
  readonly components: ReadonlyMap<string, ComponentTotal>;
  /** IT energy, kWh. */
  readonly energyKWh: number;
  /** Facility energy, kWh. */
  readonly facilityEnergyKWh: number;
  /** Emissions integrated interval by interval, kg. */
  readonly emissionsKg: number;
  /** Power of the last interval, W. */
  readonly lastPowerW: number;
  /** Energy of the node no process owns (reported by one tracker per node), apart from the job's. */
  readonly allocationIdle: AllocationIdleTotals;
}

/** Sum of one field over the interval's components. */
const sumOf = (samples: readonly ComponentSample[], field: "energyKWh" | "powerW"): number =>
  samples.reduce((sum, c) => sum + c[field], 0);

/** Adds a reading to its component's running total (the latest label and via; estimated wins). */
const addToTotal = (totals: Map<string, ComponentTotal>, reading: Reading, intervalS: number): void => {
  const total = totals.get(reading.key) ?? {
    component: reading.component,
    label: reading.label,
    energyJ: 0,
    method: reading.method,
    via: reading.via,
    utilizationS: 0,
    utilizationCoveredS: 0,
  };
  total.energyJ += reading.energyJ;
  total.label = reading.label;
  if (reading.method === "estimated") total.method = "estimated";
  total.via = reading.via;
  if (reading.utilization !== undefined) {
    total.utilizationS += reading.utilization * intervalS;
    total.utilizationCoveredS += intervalS;
  }
  totals.set(reading.key, total);
};

/**
 * One interval's readings of every sensor (a sensor that throws reads nothing), split into the job's
 * components and the allocation's idle ones and added to their totals; with `details`, the sensors' details.
 */
const readSensors = (
  sensors: readonly Sensor[],
  tick: SampleTick,
  totals: { readonly job: Map<string, ComponentTotal>; readonly idle: Map<string, ComponentTotal> },
  details: boolean,
): {
  components: ComponentSample[];
  idle: ComponentSample[];
  details: Record<string, number | string | null>;
} => {
  const read = { components: [] as ComponentSample[], idle: [] as ComponentSample[], details: {} };
  for (const sensor of sensors) {
    let readings: readonly Reading[];
    try {
      readings = sensor.sample(tick);
    } catch {
      readings = [];
    }
    if (details) Object.assign(read.details, sensor.details?.() ?? {});
    for (const reading of readings) {
      const isIdle = reading.scope === "allocation-idle";
      (isIdle ? read.idle : read.components).push({
        key: reading.key,
        component: reading.component,
        label: reading.label,
        powerW: reading.powerW,
        energyKWh: joulesToKWh(reading.energyJ),
        method: reading.method,
        via: reading.via,
      });
      addToTotal(isIdle ? totals.idle : totals.job, reading, tick.intervalS);
    }
  }
  return read;
};

/** Samples every sensor, integrates energy and emissions per interval, and hands each record on. */
export class Sampler {
  readonly #sensors: readonly Sensor[];
  readonly #pue: number;
  readonly #intensityAt: IntensityAt;
  readonly #onRecord: ((record: SampleRecord) => void) | undefined;
  readonly #onInterval: ((midpointMs: number, facilityEnergyKWh: number) => void) | undefined;
  readonly #now: () => number;
  readonly #startMs: number;
  readonly #startWall: number;
  #lastMs: number;
  #components = new Map<string, ComponentTotal>();
  #energyKWh = 0;
  #emissionsKg = 0;
  #lastPowerW = 0;
  #idleComponents = new Map<string, ComponentTotal>();
  #idleEnergyKWh = 0;
  #idleEmissionsKg = 0;

  constructor(options: {
    sensors: readonly Sensor[];
    pue: number;
    intensityAt: IntensityAt;
    /** Called with each interval's record; without it no record is built (nothing reads one). */
    onRecord?: (record: SampleRecord) => void;
    /** Called with each interval's wall-clock midpoint and facility energy (a time-resolved intensity keeps them). */
    onInterval?: (midpointMs: number, facilityEnergyKWh: number) => void;
    now?: () => number;
  }) {
    this.#sensors = options.sensors;
    this.#pue = options.pue;
    this.#intensityAt = options.intensityAt;
    this.#onRecord = options.onRecord;
    this.#onInterval = options.onInterval;
    this.#now = options.now ?? (() => performance.now());
    this.#startMs = this.#now();
    this.#startWall = Date.now();
    this.#lastMs = this.#startMs;
    for (const sensor of this.#sensors) sensor.sample({ intervalS: 0, nowMs: this.#startMs });
  }

  /** Samples now; returns the record (null when no time has passed, or when no record is asked for). */
  tick(): SampleRecord | null {
    const nowMs = this.#now();
    const intervalS = (nowMs - this.#lastMs) / 1000;
    if (intervalS <= 0) return null;
    const midpoint = new Date(this.#startWall + (this.#lastMs + nowMs) / 2 - this.#startMs);
    this.#lastMs = nowMs;
    const totals = { job: this.#components, idle: this.#idleComponents };
    const read = readSensors(this.#sensors, { intervalS, nowMs }, totals, this.#onRecord !== undefined);
    const { components, idle } = read;
    const energyKWh = sumOf(components, "energyKWh");
    const powerW = sumOf(components, "powerW");
    const intensityGPerKWh = this.#intensityAt(midpoint);
    const emissionsKg = emissionsKgFrom(energyKWh * this.#pue, intensityGPerKWh);
    this.#energyKWh += energyKWh;
    this.#emissionsKg += emissionsKg;
    this.#lastPowerW = powerW;
    const idleEnergyKWh = sumOf(idle, "energyKWh");
    const idleEmissionsKg = emissionsKgFrom(idleEnergyKWh * this.#pue, intensityGPerKWh);
    this.#idleEnergyKWh += idleEnergyKWh;
    this.#idleEmissionsKg += idleEmissionsKg;
    this.#onInterval?.(midpoint.getTime(), energyKWh * this.#pue);
    if (this.#onRecord === undefined) return null;
    const record: SampleRecord = {
      type: "sample",
      time: new Date(this.#startWall + nowMs - this.#startMs).toISOString(),
      elapsedS: (nowMs - this.#startMs) / 1000,
      intervalS,
      components,
      powerW,
      energyKWh,
      intensityGPerKWh,
      emissionsKg,
      cumulative: {
        energyKWh: this.#energyKWh,
        facilityEnergyKWh: this.#energyKWh * this.#pue,
        emissionsKg: this.#emissionsKg,
      },
      details: read.details,
      ...(idle.length === 0
        ? {}
        : {
            allocationIdle: {
              components: idle,
              powerW: sumOf(idle, "powerW"),
              energyKWh: idleEnergyKWh,
              emissionsKg: idleEmissionsKg,
            },
          }),
    };
    this.#onRecord(record);
    return record;
  }

  /** Totals so far. */
  totals(): SamplerTotals {
    return {
      elapsedS: (this.#lastMs - this.#startMs) / 1000,
      components: this.#components,
      energyKWh: this.#energyKWh,
      facilityEnergyKWh: this.#energyKWh * this.#pue,
      emissionsKg: this.#emissionsKg,
      lastPowerW: this.#lastPowerW,
      allocationIdle: {
        components: this.#idleComponents,
        energyKWh: this.#idleEnergyKWh,
        emissionsKg: this.#idleEmissionsKg,
      },
    };
  }
}
