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
  /**
   * Cloud instance type as `provider:type`, e.g. "aws:p4d.24xlarge": its accelerators, its vCPUs' share
   * of its CPU packages and its memory; `count` counts instances. Excludes hardware, watts, cpu,
   * cpuCount and memoryGB.
   */
  readonly instance?: string;
  /**
   * Include embodied (manufacturing) emissions: the job's share of its hardware's manufacture, as its
   * own figure (`embodied`) and in `embodied.totalKg`; never added to `emissionsKg`. Default false.
   */
  readonly embodied?: boolean;
  /** Service life the hardware's manufacture is spread over, years (default 6; with `embodied`). */
  readonly serviceLifeYears?: number;
  /**
   * Share (0–1] of its service life the hardware is in use; manufacture is spread over those hours
   * only (default 1, as SCI; BLOOM's operator IDRIS gives 0.85). With `embodied`.
   */
  readonly useShare?: number;
  /** Functional units the job produced (tokens, requests, images…), for figures per unit (SCI). */
  readonly units?: number;
  /** Name of the functional unit, e.g. "tokens" (default "units"; needs `units`). */
  readonly unit?: string;
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
  /** The cloud instance type and how many ran; present only when one was named. */
  readonly instance?: { readonly name: string; readonly count: number };
}

/** One part of the hardware a job holds, and its share of that part's manufacturing emissions. */
export interface EmbodiedPart {
  /** What it is: the devices, host CPUs, memory, or the (rest of the) server. */
  readonly part: "devices" | "cpu" | "memory" | "server";
  /** Label, e.g. "384 × NVIDIA A100 SXM4 80GB" or "48 servers (without accelerators)". */
  readonly label: string;
  /** How many (devices, packages, GB, servers); may be fractional (a share of a server). */
  readonly count: number;
  /** Manufacturing emissions of one, kg CO2eq. */
  readonly unitKg: number;
  /** The job's share, kg CO2eq. */
  readonly kg: number;
}

/**
 * Embodied (manufacturing) emissions of a job, SCI-style: each part's manufacture × the job's hours
 * over the hardware's service life in use. Its own figure: `emissionsKg` stays operational.
 */
export interface EmbodiedEstimate {
  /** The job's share of manufacturing emissions, kg CO2eq. */
  readonly kg: number;
  /** Low end: low per-unit figures over the longest life. */
  readonly lowKg: number;
  /** High end: high per-unit figures over the shortest life. */
  readonly highKg: number;
  /** Hours over which one unit's manufacture is spread: service life × 8,760 × use share. */
  readonly amortisedHours: number;
  /** Each part, central figures. */
  readonly parts: readonly EmbodiedPart[];
  /** The factors used (per-unit figures, service life, use share, units per server), with provenance. */
  readonly factors: readonly Factor[];
  /** The arithmetic in one line, e.g. "(8 × 150 kg + 1 × 2,500 kg) × 24 h / 52,560 h = 1.69 kg CO2eq". */
  readonly derivation: string;
  /** Operational (location-based `emissionsKg`) plus embodied, kg CO2eq: the total that includes it. */
  readonly totalKg: number;
  /** The total's band: the operational range plus the embodied range. */
  readonly totalRange: { readonly lowKg: number; readonly highKg: number };
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

/** Energy and emissions per functional unit (the SCI form: carbon per token, request, image…). */
export interface PerUnit {
  /** Name of the unit, e.g. "tokens". */
  readonly unit: string;
  /** Units the job produced. */
  readonly units: number;
  /** IT energy per unit, kWh. */
  readonly energyKWh: number;
  /** Location-based emissions per unit, kg CO2eq. */
  readonly emissionsKg: number;
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
  /**
   * Embodied emissions and the total with them; present only when asked for (`embodied: true`), so a
   * result without them has the shape it always had (the tracker's too).
   */
  readonly embodied?: EmbodiedEstimate;
  /** Energy and emissions per functional unit; present only when units were given. */
  readonly perUnit?: PerUnit;
  /** Tracker results: what the same energy would have emitted at the best time within ±12 h and in the cleanest allowed region (absent from estimates). */
  readonly counterfactual?: Counterfactual | null;
}
