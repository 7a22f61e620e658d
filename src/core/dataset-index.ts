import type { CloudRegion, HardwareEntry, Provider } from "../data/types.ts";
import { normalizeName, withoutVendorPrefix } from "./normalize-name.ts";
import type { Dataset, GridZone } from "./types.ts";

/** Lookups over a dataset, built once per dataset object and reused by every estimate. */
export interface DatasetIndex {
  /** Hardware by normalised id, name and alias (with and without a vendor prefix). */
  readonly hardwareByKey: ReadonlyMap<string, HardwareEntry>;
  /** Providers by lower-case id and alias. */
  readonly providerByKey: ReadonlyMap<string, Provider>;
  /** Regions by `providerId:regionId` (lower case). */
  readonly regionByKey: ReadonlyMap<string, CloudRegion>;
  /** Regions of each provider. */
  readonly regionsByProvider: ReadonlyMap<string, readonly CloudRegion[]>;
  /** Grid zones by upper-case id. */
  readonly zoneById: ReadonlyMap<string, GridZone>;
  /** Display names and aliases of all hardware, for suggestions. */
  readonly hardwareNames: readonly string[];
  /** Memo of the cleanest region per provider and year: "provider|year" → region and its PUE × intensity. */
  readonly cleanestMemo: Map<string, { region: CloudRegion; pue: number; intensityGPerKWh: number } | null>;
}

const cache = new WeakMap<Dataset, DatasetIndex>();

/** Hardware lookup keys for one entry: its id, name and aliases, normalised, with and without vendor word. */
export const hardwareKeys = (entry: HardwareEntry): string[] => {
  const keys = new Set<string>();
  for (const text of [entry.id, entry.name, ...entry.aliases]) {
    const key = normalizeName(text);
    keys.add(key);
    const bare = withoutVendorPrefix(key);
    if (bare !== null) keys.add(bare);
  }
  return [...keys];
};

const buildIndex = (dataset: Dataset): DatasetIndex => {
  const hardwareByKey = new Map<string, HardwareEntry>();
  for (const entry of dataset.hardware) {
    for (const key of hardwareKeys(entry)) {
      if (!hardwareByKey.has(key)) hardwareByKey.set(key, entry);
    }
  }
  const providerByKey = new Map<string, Provider>();
  for (const provider of dataset.providers) {
    providerByKey.set(provider.id, provider);
    for (const alias of provider.aliases) providerByKey.set(alias.toLowerCase(), provider);
  }
  const regionByKey = new Map<string, CloudRegion>();
  const regionsByProvider = new Map<string, CloudRegion[]>();
  for (const region of dataset.regions) {
    regionByKey.set(`${region.provider}:${region.id.toLowerCase()}`, region);
    const list = regionsByProvider.get(region.provider) ?? [];
    list.push(region);
    regionsByProvider.set(region.provider, list);
  }
  return {
    hardwareByKey,
    providerByKey,
    regionByKey,
    regionsByProvider,
    zoneById: dataset.grid.zones,
    hardwareNames: dataset.hardware.flatMap((h) => [h.name, ...h.aliases]),
    cleanestMemo: new Map(),
  };
};

/** The index of a dataset, built on first use. */
export const indexOf = (dataset: Dataset): DatasetIndex => {
  let index = cache.get(dataset);
  if (index === undefined) {
    index = buildIndex(dataset);
    cache.set(dataset, index);
  }
  return index;
};

/** Finds a hardware entry by id, name or alias (case, spacing and vendor word forgiven). */
export const findHardware = (dataset: Dataset, query: string): HardwareEntry | undefined => {
  const { hardwareByKey } = indexOf(dataset);
  const key = normalizeName(query);
  const found = hardwareByKey.get(key);
  if (found !== undefined) return found;
  const bare = withoutVendorPrefix(key);
  return bare === null ? undefined : hardwareByKey.get(bare);
};
