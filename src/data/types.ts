/**
 * Record shapes of the bundled dataset. Every value carries a source id (a key of the sources table)
 * and the year that source speaks for. These types are pure data: no functions, no I/O.
 */

/** Where a number came from: an entry of the sources table. */
export interface Source {
  /** Stable id, e.g. "nvidia-a100-datasheet-2021". */
  readonly id: string;
  /** Document title as published. */
  readonly title: string;
  /** Organisation that published it (vendor, provider, agency, authors). */
  readonly publisher: string;
  /** Where to read it. */
  readonly url: string;
  /** Year the document was published or last revised (the year its figures speak for). */
  readonly year: number;
  /** Date we read it, ISO `YYYY-MM-DD`. */
  readonly retrieved: string;
  /** Licence of the data when it is not plain fact (e.g. "CC BY-SA 4.0", "ODbL 1.0"). */
  readonly licence?: string;
}

/** How a factor was obtained. */
export type FactorKind = "measured" | "published" | "estimated" | "default" | "user";

/** Kinds of compute hardware in the catalog. */
export type HardwareKind = "gpu" | "tpu" | "npu" | "cpu" | "soc";

/** One catalog hardware entry (a GPU, accelerator chip, CPU package or SoC). */
export interface HardwareEntry {
  /** Stable kebab-case id, e.g. "nvidia-a100-sxm4-80gb". */
  readonly id: string;
  /** Display name, e.g. "NVIDIA A100 SXM4 80GB". */
  readonly name: string;
  /** Other spellings that must resolve to this entry, including what `nvidia-smi` / `/proc/cpuinfo` print. */
  readonly aliases: readonly string[];
  /** Maker, e.g. "NVIDIA", "AMD", "Google", "Intel", "AWS", "Apple". */
  readonly vendor: string;
  /** What kind of device it is. */
  readonly kind: HardwareKind;
  /** Thermal design power / maximum board power in watts, per device (per chip for TPUs, per package for CPUs). */
  readonly tdpW: number;
  /** Idle power in watts, only where a source publishes it. */
  readonly idleW?: number;
  /** Source of `idleW` when it differs from `source`. */
  readonly idleSource?: string;
  /** Device memory in GB (GPU/accelerator HBM/GDDR, or unified memory of an SoC). */
  readonly memoryGB?: number;
  /** CPU cores (physical) for CPUs and SoCs. */
  readonly cores?: number;
  /** CPU hardware threads. */
  readonly threads?: number;
  /** Year the device was released. */
  readonly released?: number;
  /** Source id for `tdpW` (and the other fields unless noted). */
  readonly source: string;
  /** Whether `tdpW` is the vendor's published figure (default) or estimated from a comparable part (the note says which). */
  readonly tdpKind?: "published" | "estimated";
  /** CPU microarchitecture id, e.g. "intel-sapphirerapids" (docs/methodology.md lists them); selects the load curve. */
  readonly architecture?: string;
  /** Load curve of a CPU, attached by the data layer from `architecture` (the generic curve when unknown). */
  readonly powerCurve?: CpuPowerCurve;
  /** Disagreements between sources, errors of the 2019 calculator's list, caveats. */
  readonly note?: string;
}

/**
 * How a CPU's package power follows its utilization, fitted for one microarchitecture (docs/methodology.md):
 * power(u) = TDP × (idleFraction + (1 − idleFraction) × dynamicShape(u)), dynamicShape read piecewise
 * linearly between its 11 points.
 */
export interface CpuPowerCurve {
  /** Architecture id the curve was fitted for, or "generic". */
  readonly id: string;
  /** Package power at idle as a share of TDP. */
  readonly idleFraction: number;
  /** Share of the idle-to-TDP range drawn at utilization 0, 0.1, …, 1 (11 points: 0 first, 1 last). */
  readonly dynamicShape: readonly number[];
  /** Source id of the fit (the fitting script and the measurements it read). */
  readonly source: string;
  /** Year of the fit. */
  readonly year: number;
  /** What the curve rests on, e.g. how many SPECpower results of how many CPU models. */
  readonly note?: string;
}

/** Cloud providers covered. */
export type ProviderId = "aws" | "gcp" | "azure" | "coreweave" | "ovhcloud" | "scaleway" | "seeweb";

/** A sourced number with the year it speaks for. */
export interface SourcedValue {
  /** The value. */
  readonly value: number;
  /** Year the value describes (reporting year), not the year it was read. */
  readonly year: number;
  /** Source id. */
  readonly source: string;
  /** Caveat, e.g. "fleet-wide trailing twelve-month average". */
  readonly note?: string;
  /** Published or sourced low and high ends around `value`, where the source gives them (the note says whence). */
  readonly range?: { readonly low: number; readonly high: number };
}

/** One cloud provider. */
export interface Provider {
  /** Short id used in `provider:region`. */
  readonly id: ProviderId;
  /** Display name, e.g. "Google Cloud". */
  readonly name: string;
  /** Other names accepted before the colon, lower case, e.g. ["google", "google-cloud"]. */
  readonly aliases: readonly string[];
  /** Fleet-wide PUE the provider publishes (used when a region has none of its own). */
  readonly pue?: SourcedValue;
  /**
   * Share (0–1) of the provider's electricity matched by renewable purchases/contracts, as the provider
   * publishes it fleet-wide; used for the market-based view when the region has no figure of its own.
   */
  readonly renewableMatch?: SourcedValue;
}

/** One public cloud region. */
export interface CloudRegion {
  /** Provider id. */
  readonly provider: ProviderId;
  /** Region code as the provider spells it, e.g. "us-east-1", "us-central1", "westeurope". */
  readonly id: string;
  /** Provider's display name, e.g. "US East (N. Virginia)". */
  readonly name: string;
  /** City / area, e.g. "Ashburn, Virginia". */
  readonly location: string;
  /** ISO 3166-1 alpha-2 country code, e.g. "US". */
  readonly country: string;
  /** Electricity Maps zone the region draws from (a key of the @tgwf/co2 yearly data), e.g. "US-MIDA-PJM". */
  readonly gridZone: string;
  /** Source for the region's existence and location. */
  readonly source: string;
  /** Region-specific PUE where the provider publishes one. */
  readonly pue?: SourcedValue;
  /** Provider-published location-based grid intensity for this region, gCO2eq/kWh (Google publishes yearly). */
  readonly providerIntensityGPerKWh?: SourcedValue;
  /** Provider-published carbon-free energy share for this region, 0–1 (Google's CFE%). */
  readonly carbonFreeEnergy?: SourcedValue;
  /** Region-specific renewable matching share, 0–1, where published (market-based view). */
  readonly renewableMatch?: SourcedValue;
  /** Caveats, e.g. why this grid zone was chosen. */
  readonly note?: string;
}

/** GPUs or other accelerators of a cloud instance type. */
export interface InstanceAccelerators {
  /** Catalog hardware id of one device, e.g. "nvidia-a100-sxm4-40gb". */
  readonly hardware: string;
  /** How many the instance has. */
  readonly count: number;
}

/** One cloud instance (VM) type: what it is made of, as the provider documents it. */
export interface InstanceType {
  /** Provider id. */
  readonly provider: ProviderId;
  /** The type as the provider spells it, e.g. "p4d.24xlarge", "a3-highgpu-8g", "Standard_ND96isr_H100_v5". */
  readonly id: string;
  /** GPUs or other accelerators, when it has any. */
  readonly accelerators?: InstanceAccelerators;
  /** Virtual CPUs (hardware threads) of the instance. */
  readonly vcpus: number;
  /** Catalog id of the host CPU, where the provider names the part and the catalog has it. */
  readonly cpu?: string;
  /** The CPU as the provider describes it, e.g. "3rd Gen AMD EPYC (7R13)", "Intel Sapphire Rapids". */
  readonly cpuFamily: string;
  /** Memory as the provider lists it (AWS and Azure in GiB, Google Cloud in GB). */
  readonly memoryGB: number;
  /** Year the type became available. */
  readonly released: number;
  /** Source id: the provider's documentation page. */
  readonly source: string;
  /** Caveats, e.g. hosts that may carry either of two CPUs. */
  readonly note?: string;
}

/** Manufacturing emissions of one device or unit, kg CO2eq, with the range its sources span. */
export interface EmbodiedFactor extends SourcedValue {
  /** Low and high ends, kg CO2eq (per device, per GB or per server as the factor says). */
  readonly range: { readonly low: number; readonly high: number };
}

/** Manufacturing (embodied) emissions of the hardware a job uses, and how long that hardware serves. */
export interface EmbodiedData {
  /** Per GPU or accelerator of data-centre class, kg CO2eq. */
  readonly accelerator: EmbodiedFactor;
  /** Per device for the catalog ids where a model-specific figure is published. */
  readonly byHardware: Readonly<Record<string, EmbodiedFactor>>;
  /** Per CPU package, kg CO2eq. */
  readonly cpu: EmbodiedFactor;
  /** Per GB of server memory, kg CO2eq. */
  readonly memoryPerGB: EmbodiedFactor;
  /** Per server without its accelerators (chassis, boards, CPUs, memory, storage, power supplies), kg CO2eq. */
  readonly server: EmbodiedFactor;
  /**
   * Per server without its accelerators, CPUs and memory (rack case, motherboard, power supplies,
   * assembly), kg CO2eq: the rest of a CPU server, of which a CPU-only job holds its share.
   */
  readonly chassis: EmbodiedFactor;
  /** Service life over which manufacturing emissions are spread, years. */
  readonly serviceLifeYears: EmbodiedFactor;
  /**
   * Share (0–1] of its service life the hardware is in use: its manufacture is spread over those hours
   * only (1 by default, as the SCI specification amortises over the whole expected life).
   */
  readonly useShare: SourcedValue;
  /** Accelerators in one server when the job does not say (an instance type gives its host's own). */
  readonly acceleratorsPerServer: SourcedValue;
  /** CPU packages in one server (a CPU-only job holds its packages' share of a server). */
  readonly cpusPerServer: SourcedValue;
}

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
  /** Manufacturing emissions of devices, memory and servers, and the service life they are spread over. */
  readonly embodied: EmbodiedData;
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
