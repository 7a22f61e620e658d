// Shapes of the engine's inputs and results. The dataset's record shapes (and `Dataset` itself) have
// one home, src/data/types.ts: data imports nothing from core; core reads those types.
import type { FactorKind, Source } from "../data/types.ts";

export type {
  Dataset,
  EquivalenceFactors,
  FactorKind,
  GridData,
  GridZone,
  InstanceType,
  LazyHardware,
  ModelDefaults,
} from "../data/types.ts";

/** Explicit host CPU given by TDP rather than by catalog entry. */
export interface CpuByTdp {
  /** TDP per CPU package, watts. */
  readonly tdpW: number;
}

/** What the user tells us about a job. Exactly one location field is required. */
export interface EstimateInput {
  /** Catalog hardware: id, name or alias (e.g. "NVIDIA A100-SXM4-80GB"). */
  readonly hardware?: string;
  /** Average power per device in watts; overrides the hardware power model (user-given or measured). */
  readonly watts?: number;
  /** Whether `watts` was measured (e.g. by the tracker) rather than given; default user. */
  readonly wattsKind?: "user" | "measured";
  /** Number of devices (default 1). */
  readonly count?: number;
  /** Hours each device ran (wall-clock hours of the job). */
  readonly hours?: number;
  /** Total device-hours (devices × hours); alternative to `hours`. */
  readonly deviceHours?: number;
  /** Average utilization 0–1 of the devices, mapped through the power model. */
  readonly utilization?: number;
  /** Cloud region as `provider:region`, e.g. "aws:us-east-1". */
  readonly region?: string;
  /** Country, ISO 3166 alpha-2 or alpha-3. */
  readonly country?: string;
  /** Grid zone id, e.g. "US-CAL-CISO", "SE-SE3". */
  readonly zone?: string;
  /** Explicit grid intensity, gCO2eq/kWh. */
  readonly intensity?: number;
  /** Year of the grid data (default: latest available). */
  readonly year?: number;
  /** Power usage effectiveness of the facility (≥ 1). */
  readonly pue?: number;
  /** Host CPU: catalog entry or TDP. */
  readonly cpu?: string | CpuByTdp;
  /** Number of CPU packages (default 1 when `cpu` is given). */
  readonly cpuCount?: number;
  /** Average CPU utilization 0–1. */
  readonly cpuUtilization?: number;
  /** Host memory in GB. */
  readonly memoryGB?: number;
}

/** One factor used in a result, with its provenance. */
export interface Factor {
  /** What it is, e.g. "device power", "PUE", "grid intensity". */
  readonly name: string;
  /** Its value. */
  readonly value: number;
  /** Its unit, e.g. "W", "g/kWh", "" for ratios. */
  readonly unit: string;
  /** How it was obtained. */
  readonly kind: FactorKind;
  /** Where it comes from (null for user-given values). */
  readonly source: Source | null;
  /** The year it speaks for (null when not applicable). */
  readonly year: number | null;
  /** A caveat or explanation. */
  readonly note?: string;
}

/** One component of the power draw. */
export interface ComponentEstimate {
  /** Which part of the machine. */
  readonly component: "devices" | "cpu" | "memory";
  /** Label, e.g. "8 × NVIDIA A100 SXM4 80GB". */
  readonly label: string;
  /** Average power of the whole component (all units), watts. */
  readonly powerW: number;
  /** IT energy of the component, kWh. */
  readonly energyKWh: number;
  /** How its power was obtained. */
  readonly kind: FactorKind;
}

/** Where the job ran, resolved. */
export interface ResolvedLocation {
  /** Which input named it. */
  readonly by: "region" | "country" | "zone" | "intensity";
  /** Human label, e.g. "Google Cloud us-central1 (Council Bluffs, Iowa)". */
  readonly label: string;
  /** Provider id for cloud regions. */
  readonly provider?: string;
  /** Provider display name. */
  readonly providerName?: string;
  /** Region code for cloud regions. */
  readonly region?: string;
  /** Grid zone id. */
  readonly zone?: string;
  /** ISO alpha-2 country. */
  readonly country?: string;
}

/** The job as the engine understood it. */
export interface ResolvedJob {
  /** Catalog entry, when one was named. */
  readonly hardware: {
    readonly id: string;
    readonly name: string;
    readonly kind: string;
    readonly tdpW: number;
  } | null;
  /** Devices. */
  readonly count: number;
  /** Hours per device. */
  readonly hours: number;
  /** Devices × hours. */
  readonly deviceHours: number;
  /** Average power per device used, W. */
  readonly powerPerDeviceW: number;
  /** Utilization used (null when watts were given). */
  readonly utilization: number | null;
  /** Grid data year used (null for explicit intensity). */
  readonly year: number | null;
  /** Where it ran. */
  readonly location: ResolvedLocation;
}

/** Everyday equivalents of the emissions. */
export interface Equivalents {
  /** km driven by an average passenger car. */
  readonly carKm: number;
  /** kg of coal burned. */
  readonly coalKg: number;
  /** tree seedlings grown for 10 years to take it up. */
  readonly treeSeedlings10y: number;
  /** one passenger's flights on the named route. */
  readonly flights: { readonly route: string; readonly count: number };
}

/** The same job somewhere else. */
export interface Alternative {
  /** `provider:region`. */
  readonly region: string;
  /** Location-based emissions there, kg CO2eq. */
  readonly emissionsKg: number;
  /** That region's grid intensity, gCO2eq/kWh. */
  readonly intensityGPerKWh: number;
  /** That region's PUE. */
  readonly pue: number;
}

/**
 * What the same run would have emitted at a better time or place (tracker results): the counterfactual
 * saving. Each half is null, with a note saying why, when it cannot be known.
 */
export interface Counterfactual {
  /** The same energy, minute by minute, started at the cleanest time within ±12 h of the run's start, kg CO2eq; null without time-resolved intensity for that span. */
  readonly bestWindowKg: number | null;
  /** When that run would have started, ISO 8601 (null as above). */
  readonly bestWindowStart: string | null;
  /** What the window search rests on, or why there is none. */
  readonly bestWindowNote: string;
  /** The same IT energy in the cleanest allowed region at yearly averages, kg CO2eq; null when there is none to compare. */
  readonly cleanestRegionKg: number | null;
  /** The same energy where it ran at that location's yearly average, kg CO2eq: the like-for-like baseline of `cleanestRegionKg` (null with it). */
  readonly sameRegionYearlyKg: number | null;
  /** That region (`provider:region`) or grid zone (`SE-SE1`), null as above. */
  readonly cleanestRegion: string | null;
  /** Among what it was chosen: the same provider's regions, or the same country's grid zones. */
  readonly cleanestRegionScope: "provider" | "country" | null;
  /** What the comparison rests on, or why there is none. */
  readonly cleanestRegionNote: string;
}

/** An estimate. Field names are a contract shared by the CLI's JSON, reports, the web page and the tracker. */
export interface EstimateResult {
  /** IT energy before PUE, kWh. */
  readonly energyKWh: number;
  /** Facility energy (IT energy × PUE), kWh. */
  readonly facilityEnergyKWh: number;
  /** Location-based emissions, kg CO2eq. */
  readonly emissionsKg: number;
  /** Grid intensity used, gCO2eq/kWh. */
  readonly intensityGPerKWh: number;
  /** PUE used. */
  readonly pue: number;
  /** Low/high band around `emissionsKg` from the uncertain inputs. */
  readonly range: { readonly lowKg: number; readonly highKg: number };
  /** Market-based view after the provider's published renewable matching (null when unknown). */
  readonly marketBasedKg: number | null;
  /** Every factor used. */
  readonly factors: readonly Factor[];
  /** Every assumption made. */
  readonly warnings: readonly string[];
  /** One human line showing the arithmetic. */
  readonly derivation: string;
  /** Power and energy per component. */
  readonly components: readonly ComponentEstimate[];
  /** Where the same job would emit less. */
  readonly alternatives: { readonly cleanestInProvider: Alternative | null };
  /** Everyday equivalents of `emissionsKg`. */
  readonly equivalents: Equivalents;
  /** The job as understood. */
  readonly job: ResolvedJob;
  /** Tracker results: what the same energy would have emitted at the best time within ±12 h and in the cleanest allowed region (absent from estimates). */
  readonly counterfactual?: Counterfactual | null;
}
