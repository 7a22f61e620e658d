import type {
  CloudRegion,
  FactorKind,
  HardwareEntry,
  HardwareKind,
  InstanceType,
  Provider,
  Source,
  SourcedValue,
} from "../data/types.ts";

export type { FactorKind };

/** A grid zone (Electricity Maps zone or an Ember country) and its yearly average intensity. */
export interface GridZone {
  /** Zone id as Electricity Maps spells it ("FR", "US-CAL-CISO"), or "ISO3:XXX" for Ember-only countries. */
  readonly id: string;
  /** Human name, e.g. "California ISO". */
  readonly name: string;
  /** ISO alpha-2 country code of the zone, when known. */
  readonly country?: string;
  /** Average location-based intensity by year, gCO2eq/kWh. */
  readonly intensityGPerKWhByYear: ReadonlyMap<number, number>;
  /** Source id by year. */
  readonly sourceByYear: ReadonlyMap<number, string>;
}

/** Grid-intensity data, normalised from @tgwf/co2 by the data layer. */
export interface GridData {
  /** Zones keyed by upper-case id. */
  readonly zones: ReadonlyMap<string, GridZone>;
  /** Ember country averages (latest year), keyed by ISO alpha-3, gCO2eq/kWh. */
  readonly emberByAlpha3: ReadonlyMap<string, number>;
  /** Source id of the Ember figures. */
  readonly emberSource: string;
  /** The year the Ember figures are attributed to (latest in the package; see docs/data.md). */
  readonly emberYear: number;
  /** Years available for zones, ascending. */
  readonly years: readonly number[];
  /** ISO 3166-1 alpha-2 → alpha-3. */
  readonly alpha3ByAlpha2: ReadonlyMap<string, string>;
  /** Country names by ISO alpha-2, for messages and listings. */
  readonly countryNameByAlpha2: ReadonlyMap<string, string>;
}

/** Equivalence factors (how much CO2eq one unit of something stands for). */
export interface EquivalenceFactors {
  /** kg CO2eq per km driven by an average passenger vehicle. */
  readonly carKgPerKm: SourcedValue;
  /** kg CO2 per kg of coal burned. */
  readonly coalKgPerKg: SourcedValue;
  /** kg CO2 taken up by one tree seedling grown for 10 years. */
  readonly treeSeedlingKg: SourcedValue;
  /** kg CO2eq for one passenger's flight, with its route label. */
  readonly flight: SourcedValue & { readonly route: string };
}

/** Model constants the engine needs, each sourced. */
export interface ModelDefaults {
  /** Memory power per GB of RAM, W/GB. */
  readonly memoryWPerGB: SourcedValue;
  /** Watts per hardware thread of a CPU that is not in the catalog, at idle and at full load. */
  readonly unknownCpuWPerThread: { readonly idle: SourcedValue; readonly max: SourcedValue };
  /** Idle power as a fraction of TDP, by hardware kind, where no idle power is published. */
  readonly idleFractionByKind: Readonly<Record<HardwareKind, SourcedValue>>;
  /** Utilization assumed when none is given (1 = TDP, as the 2019 calculator did). */
  readonly defaultUtilization: SourcedValue;
  /** Lower end of the utilization band when utilization is not given. */
  readonly lowUtilization: SourcedValue;
  /** PUE assumed for a private or unknown facility. */
  readonly unknownFacilityPue: SourcedValue;
  /** High end of the PUE band for a private or unknown facility (industry average). */
  readonly unknownFacilityPueHigh: SourcedValue;
  /** Relative band (±) around a provider-published PUE. */
  readonly publishedPueBand: SourcedValue;
  /** Relative band (±) applied to an estimated idle power. */
  readonly estimatedIdleBand: SourcedValue;
  /** World average intensity, gCO2eq/kWh (used only when asked for or by the tracker, always with a warning). */
  readonly worldIntensity: SourcedValue;
  /** Everyday equivalents. */
  readonly equivalents: EquivalenceFactors;
}

/** Everything the engine reads: passed in, never imported by the core. */
export interface Dataset {
  /** Hardware catalog, indexed when the dataset is first used. */
  readonly hardware: readonly HardwareEntry[];
  /**
   * More hardware, looked up by key when `hardware` has no match and listed on demand (the bundled dataset's
   * generated CPU table: thousands of CPUs that most commands never read). `hardware` wins on a shared key.
   */
  readonly lazyHardware?: LazyHardware;
  /** Cloud providers. */
  readonly providers: readonly Provider[];
  /** Cloud regions. */
  readonly regions: readonly CloudRegion[];
  /** Cloud instance types (what `provider:type` is made of). */
  readonly instances: readonly InstanceType[];
  /** Grid intensity. */
  readonly grid: GridData;
  /** Model constants. */
  readonly defaults: ModelDefaults;
  /** Every source, by id. */
  readonly sources: ReadonlyMap<string, Source>;
}

/** More hardware than is worth indexing on every start: the data layer indexes it itself and lists it on demand. */
export interface LazyHardware {
  /** Every entry, built on first call (for listings). */
  readonly all: () => readonly HardwareEntry[];
  /** The entry with this lookup key (as `hardwareKeys` makes them), if any. */
  readonly byKey: (key: string) => HardwareEntry | undefined;
}

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
}
