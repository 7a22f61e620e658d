import { findHardware } from "../core/dataset-index.ts";
import { equivalentsOf } from "../core/equivalents.ts";
import { Mlco2Error } from "../core/errors.ts";
import { tryEstimateWith } from "../core/estimate.ts";
import { formatQuantity, formatRatio } from "../core/format-number.ts";
import type { ComponentEstimate, Dataset, EstimateInput, EstimateResult, Factor } from "../core/types.ts";
import { joulesToKWh } from "../core/units.ts";
import { counterfactualOf, NO_SERIES_WINDOW } from "./counterfactual.ts";
import type { SeriesSummary } from "./intensity-feed.ts";
import type { SamplerTotals } from "./sampler.ts";

/** Where the job ran: the location flags of `mlco2 estimate`. */
export interface TrackLocation {
  /** Cloud region `provider:region`. */
  readonly region?: string;
  /** ISO country code. */
  readonly country?: string;
  /** Grid zone. */
  readonly zone?: string;
  /** Explicit intensity, gCO2eq/kWh. */
  readonly intensity?: number;
  /** Grid data year. */
  readonly year?: number;
}

/** True when no location field is given. */
export const locationMissing = (location: TrackLocation): boolean =>
  location.region === undefined &&
  location.country === undefined &&
  location.zone === undefined &&
  location.intensity === undefined;

/** The loud line shown when no location is given; `why` says why the machine could not tell its region. */
export const noLocationWarning = (dataset: Dataset, why: string | null = null): string => {
  const world = dataset.defaults.worldIntensity;
  return `No location given${why === null ? "" : ` and ${why}`}: the WORLD AVERAGE grid intensity (${formatQuantity(world.value)} g/kWh, Ember ${world.year}) is used, which can be far from your grid; pass --region, --country, --zone or --intensity for a figure you can cite.`;
};

/** The engine input for the location (world average when none is given). */
export const engineLocationOf = (dataset: Dataset, location: TrackLocation): EstimateInput => {
  if (locationMissing(location)) return { intensity: dataset.defaults.worldIntensity.value };
  const picked: { -readonly [K in keyof TrackLocation]: TrackLocation[K] } = {};
  for (const key of ["region", "country", "zone", "intensity", "year"] as const) {
    const value = location[key];
    if (value !== undefined) (picked as Record<string, unknown>)[key] = value;
  }
  return picked;
};

/** What the summary is built from. */
export interface SummaryInput {
  /** The dataset. */
  readonly dataset: Dataset;
  /** Sampler totals. */
  readonly totals: SamplerTotals;
  /** Location flags. */
  readonly location: TrackLocation;
  /** Facility PUE given by the user. */
  readonly pue?: number;
  /** Factors behind modelled components (CPU plan, memory W/GB). */
  readonly modelFactors: readonly Factor[];
  /** Warnings from start-up and sensors. */
  readonly warnings: readonly string[];
  /** Whether intensity varied over time (then the engine's single intensity is replaced). */
  readonly timeVaryingIntensity: boolean;
  /** A time-resolved source's account of the run (re-priced emissions, its factors, the best window). */
  readonly series?: SeriesSummary | null;
}

const GROUP: Record<"cpu" | "gpu" | "memory", ComponentEstimate["component"]> = {
  gpu: "devices",
  cpu: "cpu",
  memory: "memory",
};

/**
 * The tracker's result in the shape of an `estimate()` result: the engine resolves location, PUE, ranges,
 * alternatives and provenance; energy, components and emissions are the measured and integrated ones.
 */
export const summarize = (input: SummaryInput): EstimateResult => {
  const { dataset, totals } = input;
  const hours = Math.max(totals.elapsedS, 1e-6) / 3600;
  const energyKWh = totals.energyKWh;
  const averageW = (energyKWh * 1000) / hours;
  const missing = locationMissing(input.location);
  // The engine prices a nominal 1 kWh (1000 W for 1 h) at the location: its factors, PUE, intensity and
  // ranges are per kWh, and scale to the measured energy (a 3 ms job's hours would underflow the engine's
  // input bounds).
  const outcome = tryEstimateWith(dataset, {
    watts: 1000,
    wattsKind: "measured",
    hours: 1,
    ...engineLocationOf(dataset, input.location),
    ...(input.pue === undefined ? {} : { pue: input.pue }),
  });
  if (!outcome.ok) throw new Mlco2Error(outcome.problems);
  const engine = outcome.value;
  const pue = engine.pue;
  const facilityEnergyKWh = energyKWh * pue;
  // The per-interval integral is the figure; with a constant intensity it equals the engine's. A
  // time-resolved source re-prices each minute with the latest readings known at the end.
  const series = input.series ?? null;
  const emissionsKg = series?.emissionsKg ?? totals.emissionsKg;
  const scale = engine.emissionsKg > 0 ? emissionsKg / engine.emissionsKg : 0;
  const intensityGPerKWh =
    facilityEnergyKWh > 0 && (input.timeVaryingIntensity || series !== null)
      ? (emissionsKg * 1000) / facilityEnergyKWh
      : engine.intensityGPerKWh;

  // Components: GPUs are the "devices", CPU and memory as they are.
  const groups = new Map<
    ComponentEstimate["component"],
    { labels: string[]; energyJ: number; kind: "measured" | "estimated"; vias: Set<string> }
  >();
  const componentFactors: Factor[] = [];
  for (const [, total] of totals.components) {
    const group = GROUP[total.component];
    const entry = groups.get(group) ?? {
      labels: [],
      energyJ: 0,
      kind: "measured" as const,
      vias: new Set<string>(),
    };
    entry.labels.push(total.label);
    entry.energyJ += total.energyJ;
    if (total.method === "estimated") entry.kind = "estimated";
    entry.vias.add(total.via);
    groups.set(group, entry);
    const utilization = total.utilizationCoveredS > 0 ? total.utilizationS / total.utilizationCoveredS : null;
    componentFactors.push({
      name: `${total.component === "gpu" ? "GPU" : total.component === "cpu" ? "CPU" : "memory"} power (${total.label})`,
      value: (joulesToKWh(total.energyJ) * 1000) / hours,
      unit: "W",
      kind: total.method,
      source: null,
      year: null,
      note: `average; ${total.via}${utilization === null ? "" : `; utilization ${formatQuantity(utilization * 100)} %`}`,
    });
  }
  const components: ComponentEstimate[] = [...groups.entries()].map(([component, g]) => ({
    component,
    label: g.labels.join(" + "),
    powerW: (joulesToKWh(g.energyJ) * 1000) / hours,
    energyKWh: joulesToKWh(g.energyJ),
    kind: g.kind,
  }));

  // Factors: measured/estimated components, the models behind them, then the engine's location and PUE factors.
  const engineFactors = engine.factors
    .filter((f) => !f.name.startsWith("device power"))
    .map(
      (f): Factor =>
        missing && f.name === "grid intensity"
          ? {
              name: "grid intensity (world average)",
              value: f.value,
              unit: f.unit,
              kind: "default",
              source: dataset.sources.get(dataset.defaults.worldIntensity.source) ?? null,
              year: dataset.defaults.worldIntensity.year,
              note: "no location given",
            }
          : f,
    );
  if (series !== null) {
    engineFactors.push(...series.factors);
  } else if (input.timeVaryingIntensity) {
    engineFactors.push({
      name: "grid intensity (energy-weighted average of the intervals)",
      value: intensityGPerKWh,
      unit: "g/kWh",
      kind: "user",
      source: null,
      year: null,
      note: "time-varying intensity integrated per interval",
    });
  }
  const warnings = [
    ...new Set([
      ...(missing && !input.warnings.some((w) => w.startsWith("No location given"))
        ? [noLocationWarning(dataset)]
        : []),
      ...input.warnings,
      ...(series?.warnings ?? []),
      ...engine.warnings,
    ]),
  ];

  const terms = components.map(
    (c) =>
      `${c.component === "devices" ? "GPU" : c.component === "cpu" ? "CPU" : "memory"} ${formatQuantity(c.powerW)} W ${c.kind}`,
  );
  const derivation = `${formatQuantity(averageW)} W average (${terms.join(" + ") || "no sensor readings"}) × ${formatQuantity(hours)} h = ${formatQuantity(energyKWh)} kWh × PUE ${formatRatio(pue)} = ${formatQuantity(facilityEnergyKWh)} kWh × ${formatQuantity(intensityGPerKWh)} g/kWh = ${formatQuantity(emissionsKg)} kg CO2eq`;

  const gpuTotals = [...totals.components.values()].filter((c) => c.component === "gpu");
  const gpuNames = new Set(gpuTotals.map((c) => c.label.replace(/^(AMD )?GPU \S+ ?/, "")));
  const [onlyName] = [...gpuNames];
  const gpuEntry =
    gpuNames.size === 1 && onlyName !== undefined && onlyName !== ""
      ? findHardware(dataset, onlyName)
      : undefined;
  const devices = groups.get("devices");
  const count = gpuTotals.length > 0 ? gpuTotals.length : 1;
  const location = missing
    ? {
        by: "intensity" as const,
        label: `world average (no location given, ${formatQuantity(engine.intensityGPerKWh)} g/kWh)`,
      }
    : engine.job.location;

  return {
    energyKWh,
    facilityEnergyKWh,
    emissionsKg,
    intensityGPerKWh,
    pue,
    range: { lowKg: engine.range.lowKg * scale, highKg: engine.range.highKg * scale },
    marketBasedKg: engine.marketBasedKg === null ? null : engine.marketBasedKg * scale,
    factors: [...componentFactors, ...input.modelFactors, ...engineFactors],
    warnings,
    derivation,
    components,
    alternatives: {
      cleanestInProvider:
        engine.alternatives.cleanestInProvider === null
          ? null
          : {
              ...engine.alternatives.cleanestInProvider,
              emissionsKg: engine.alternatives.cleanestInProvider.emissionsKg * energyKWh,
            },
    },
    equivalents: equivalentsOf(emissionsKg, dataset.defaults.equivalents),
    counterfactual: counterfactualOf({
      dataset,
      perKWh: engine,
      energyKWh,
      pue,
      bestWindow: series?.bestWindow ?? NO_SERIES_WINDOW,
      locationMissing: missing,
    }),
    job: {
      hardware:
        gpuEntry === undefined
          ? null
          : { id: gpuEntry.id, name: gpuEntry.name, kind: gpuEntry.kind, tdpW: gpuEntry.tdpW },
      count,
      hours,
      deviceHours: count * hours,
      powerPerDeviceW:
        devices !== undefined ? (joulesToKWh(devices.energyJ) * 1000) / hours / count : averageW,
      utilization: null,
      year: engine.job.year,
      location,
    },
  };
};
