import { findHardware } from "../core/dataset-index.ts";
import { equivalentsOf } from "../core/equivalents.ts";
import { Mlco2Error } from "../core/errors.ts";
import { tryEstimateWith } from "../core/estimate.ts";
import { formatQuantity, formatRatio } from "../core/format-number.ts";
import type { Dataset, EstimateInput, EstimateResult, Factor, ResolvedJob } from "../core/types.ts";
import { joulesToKWh } from "../core/units.ts";
import type { HardwareEntry } from "../data/types.ts";
import { counterfactualOf, NO_SERIES_WINDOW } from "./counterfactual.ts";
import type { SeriesSummary } from "./intensity-feed.ts";
import { componentTermsOf, measuredComponentsOf } from "./measured-components.ts";
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

/** The engine's factors for a nominal kWh at the location, as the run's: device power dropped (the run's is
 * measured), the world average named as such, then the time-resolved source's or the interval average. */
const locationFactorsOf = (
  input: SummaryInput,
  engine: EstimateResult,
  missing: boolean,
  intensityGPerKWh: number,
): Factor[] => {
  const { dataset } = input;
  const factors = engine.factors
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
  const series = input.series ?? null;
  if (series !== null) factors.push(...series.factors);
  else if (input.timeVaryingIntensity)
    factors.push({
      name: "grid intensity (energy-weighted average of the intervals)",
      value: intensityGPerKWh,
      unit: "g/kWh",
      kind: "user",
      source: null,
      year: null,
      note: "time-varying intensity integrated per interval",
    });
  return factors;
};

/** Every warning once: the missing location's (unless start-up said it), start-up's, the series', the engine's. */
const summaryWarningsOf = (input: SummaryInput, engine: EstimateResult, missing: boolean): string[] => [
  ...new Set([
    ...(missing && !input.warnings.some((w) => w.startsWith("No location given"))
      ? [noLocationWarning(input.dataset)]
      : []),
    ...input.warnings,
    ...(input.series?.warnings ?? []),
    ...engine.warnings,
  ]),
];

/** The GPUs' catalog entry, when every GPU sensor names the same known model. */
const gpuEntryOf = (dataset: Dataset, totals: SamplerTotals): HardwareEntry | undefined => {
  const gpuTotals = [...totals.components.values()].filter((c) => c.component === "gpu");
  const gpuNames = new Set(gpuTotals.map((c) => c.label.replace(/^(AMD )?GPU \S+ ?/, "")));
  const [onlyName] = [...gpuNames];
  return gpuNames.size === 1 && onlyName !== undefined && onlyName !== ""
    ? findHardware(dataset, onlyName)
    : undefined;
};

/** The run as a job: its GPUs (else one device), hours, average power per device, the engine's location. */
const trackedJobOf = (
  input: SummaryInput,
  engine: EstimateResult,
  hours: number,
  devicesEnergyJ: number | null,
): ResolvedJob => {
  const { dataset, totals } = input;
  const gpuEntry = gpuEntryOf(dataset, totals);
  let gpus = 0;
  for (const c of totals.components.values()) if (c.component === "gpu") gpus++;
  const count = gpus > 0 ? gpus : 1;
  return {
    hardware:
      gpuEntry === undefined
        ? null
        : { id: gpuEntry.id, name: gpuEntry.name, kind: gpuEntry.kind, tdpW: gpuEntry.tdpW },
    count,
    hours,
    deviceHours: count * hours,
    powerPerDeviceW:
      devicesEnergyJ !== null
        ? (joulesToKWh(devicesEnergyJ) * 1000) / hours / count
        : (totals.energyKWh * 1000) / hours,
    utilization: null,
    year: engine.job.year,
    location: locationMissing(input.location)
      ? {
          by: "intensity" as const,
          label: `world average (no location given, ${formatQuantity(engine.intensityGPerKWh)} g/kWh)`,
        }
      : engine.job.location,
  };
};

/** The engine's account of a nominal 1 kWh (1000 W for 1 h) at the location: factors, PUE, intensity and
 * ranges per kWh, scaled to the measured energy (a 3 ms job's hours would underflow the engine's bounds). */
const perKWhOf = (input: SummaryInput): EstimateResult => {
  const outcome = tryEstimateWith(input.dataset, {
    watts: 1000,
    wattsKind: "measured",
    hours: 1,
    ...engineLocationOf(input.dataset, input.location),
    ...(input.pue === undefined ? {} : { pue: input.pue }),
  });
  if (!outcome.ok) throw new Mlco2Error(outcome.problems);
  return outcome.value;
};

/**
 * The tracker's result in the shape of an `estimate()` result: the engine resolves location, PUE, ranges,
 * alternatives and provenance; energy, components and emissions are the measured and integrated ones.
 */
export const summarize = (input: SummaryInput): EstimateResult => {
  const { dataset, totals } = input;
  const hours = Math.max(totals.elapsedS, 1e-6) / 3600;
  const energyKWh = totals.energyKWh;
  const missing = locationMissing(input.location);
  const engine = perKWhOf(input);
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
  const measured = measuredComponentsOf(totals.components.values(), hours);
  const terms = componentTermsOf(measured.components) || "no sensor readings";
  const cleanest = engine.alternatives.cleanestInProvider;
  return {
    energyKWh,
    facilityEnergyKWh,
    emissionsKg,
    intensityGPerKWh,
    pue,
    range: { lowKg: engine.range.lowKg * scale, highKg: engine.range.highKg * scale },
    marketBasedKg: engine.marketBasedKg === null ? null : engine.marketBasedKg * scale,
    // Measured/estimated components, the models behind them, then the engine's location and PUE factors.
    factors: [
      ...measured.factors,
      ...input.modelFactors,
      ...locationFactorsOf(input, engine, missing, intensityGPerKWh),
    ],
    warnings: summaryWarningsOf(input, engine, missing),
    derivation: `${formatQuantity((energyKWh * 1000) / hours)} W average (${terms}) × ${formatQuantity(hours)} h = ${formatQuantity(energyKWh)} kWh × PUE ${formatRatio(pue)} = ${formatQuantity(facilityEnergyKWh)} kWh × ${formatQuantity(intensityGPerKWh)} g/kWh = ${formatQuantity(emissionsKg)} kg CO2eq`,
    components: measured.components,
    alternatives: {
      cleanestInProvider:
        cleanest === null ? null : { ...cleanest, emissionsKg: cleanest.emissionsKg * energyKWh },
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
    job: trackedJobOf(input, engine, hours, measured.devicesEnergyJ),
  };
};
