import type { CloudRegion, HardwareEntry, Provider } from "../data/types.ts";
import { cpuModelName, FAMILY_WORDS, normalizeName, withoutVendorPrefix } from "./normalize-name.ts";
import type { Dataset, GridZone } from "./types.ts";

/** Lookups over a dataset, built once per dataset object and reused by every estimate. */
export interface DatasetIndex {
  /**
   * `dataset.hardware` by normalised id, name and alias (with and without a vendor prefix), every entry
   * (reading it completes the index; `hardwareOf` indexes only as far as it must).
   */
  readonly hardwareByKey: ReadonlyMap<string, HardwareEntry>;
  /** The entry with this lookup key: `hardwareByKey` first, then `dataset.lazyHardware`. */
  readonly hardwareOf: (key: string) => HardwareEntry | undefined;
  /** Providers by lower-case id and alias. */
  readonly providerByKey: ReadonlyMap<string, Provider>;
  /** Regions by `providerId:regionId` (lower case). */
  readonly regionByKey: ReadonlyMap<string, CloudRegion>;
  /** Regions of each provider. */
  readonly regionsByProvider: ReadonlyMap<string, readonly CloudRegion[]>;
  /** Grid zones by upper-case id. */
  readonly zoneById: ReadonlyMap<string, GridZone>;
  /** Display names and aliases of `dataset.hardware` (not of `lazyHardware`), for suggestions; built when first read. */
  readonly hardwareNames: readonly string[];
  /** Memos of pure, immutable intermediate results, one per purpose. */
  readonly memos: {
    readonly hardware: Memo;
    readonly region: Memo;
    readonly country: Memo;
    readonly zone: Memo;
    readonly device: Memo;
    readonly cleanest: Memo;
    readonly constants: Memo;
  };
}

/** A two-key memo: first key → second key → value. */
export type Memo = Map<unknown, Map<unknown, unknown>>;

/** Freezes plain objects and arrays recursively so a shared memo value cannot be changed by a caller. */
const deepFreeze = <T>(value: T): T => {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  if (value instanceof Map || value instanceof Set) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
};

/** Most entries one memo level keeps before it starts afresh (inputs are user-controlled: memory stays bounded). */
const MEMO_LIMIT = 10_000;

/**
 * Returns the memoised value for (`first`, `second`), computing it once. Keys are compared as Map keys
 * (no string building on the hot path). Values must be immutable: results share them.
 */
export const remember = <T>(memo: Memo, first: unknown, second: unknown, compute: () => T): T => {
  let level = memo.get(first);
  if (level === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    level = new Map();
    memo.set(first, level);
  }
  if (level.has(second)) return level.get(second) as T;
  const value = deepFreeze(compute());
  if (level.size >= MEMO_LIMIT) level.clear();
  level.set(second, value);
  return value;
};

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

/**
 * `hardware` by key, indexed in catalog order only as far as a lookup needs: a key is answered as soon as
 * an entry claims it (an earlier entry would have claimed it first, so the answer is the one a full index
 * gives); a key no entry has indexes everything. Naming a GPU near the top of the catalog indexes a few
 * entries, not all of them.
 */
class HardwareKeyIndex {
  readonly #hardware: readonly HardwareEntry[];
  readonly #byKey = new Map<string, HardwareEntry>();
  #indexed = 0;

  constructor(hardware: readonly HardwareEntry[]) {
    this.#hardware = hardware;
  }

  /** Indexes the next entry's keys (those no earlier entry has); true when one of them is `key`. */
  #indexNext(key: string | null): boolean {
    const entry = this.#hardware[this.#indexed++] as HardwareEntry;
    let claimed = false;
    for (const own of hardwareKeys(entry)) {
      if (this.#byKey.has(own)) continue;
      this.#byKey.set(own, entry);
      if (own === key) claimed = true;
    }
    return claimed;
  }

  /** The first entry with this key, indexing further entries until one has it. */
  get(key: string): HardwareEntry | undefined {
    const known = this.#byKey.get(key);
    if (known !== undefined) return known;
    while (this.#indexed < this.#hardware.length) {
      if (this.#indexNext(key)) return this.#byKey.get(key);
    }
    return undefined;
  }

  /** Every key, the whole catalog indexed. */
  all(): ReadonlyMap<string, HardwareEntry> {
    while (this.#indexed < this.#hardware.length) this.#indexNext(null);
    return this.#byKey;
  }
}

const buildIndex = (dataset: Dataset): DatasetIndex => {
  const hardware = new HardwareKeyIndex(dataset.hardware);
  const more = dataset.lazyHardware?.byKey;
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
  let hardwareNames: readonly string[] | undefined;
  const index: DatasetIndex = {
    get hardwareByKey() {
      return hardware.all();
    },
    hardwareOf: more === undefined ? (key) => hardware.get(key) : (key) => hardware.get(key) ?? more(key),
    providerByKey,
    regionByKey,
    regionsByProvider,
    zoneById: dataset.grid.zones,
    get hardwareNames() {
      hardwareNames ??= dataset.hardware.flatMap((h) => [h.name, ...h.aliases]);
      return hardwareNames;
    },
    memos: {
      hardware: new Map(),
      region: new Map(),
      country: new Map(),
      zone: new Map(),
      device: new Map(),
      cleanest: new Map(),
      constants: new Map(),
    },
  };
  return index;
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
  const index = indexOf(dataset);
  return remember(index.memos.hardware, query, undefined, () => findHardwareOnce(index, query));
};

/** Looks a normalised key up as given and without its vendor words. */
const byKey = (index: DatasetIndex, key: string): HardwareEntry | undefined => {
  const found = index.hardwareOf(key);
  if (found !== undefined) return found;
  const bare = withoutVendorPrefix(key);
  return bare === null ? undefined : index.hardwareOf(bare);
};

/**
 * Exact names first; then the part inside a `/proc/cpuinfo` model string; then with a family word the
 * query left out ("E5-2620 v3" → "Xeon E5-2620 v3"). Only whole names match: no partial or fuzzy hit.
 */
const findHardwareOnce = (index: DatasetIndex, query: string): HardwareEntry | undefined => {
  const direct = byKey(index, normalizeName(query));
  if (direct !== undefined) return direct;
  const model = cpuModelName(query);
  const key = normalizeName(model ?? query);
  if (model !== null) {
    const found = byKey(index, key);
    if (found !== undefined) return found;
  }
  const bare = withoutVendorPrefix(key) ?? key;
  for (const family of FAMILY_WORDS) {
    if (bare.startsWith(family)) continue;
    const found = index.hardwareOf(`${family}${bare}`);
    if (found !== undefined) return found;
  }
  return undefined;
};
