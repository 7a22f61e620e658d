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
  /** Service life over which manufacturing emissions are spread, years. */
  readonly serviceLifeYears: EmbodiedFactor;
}
