// Lists the form offers, derived once from the bundled dataset: hardware groups, provider regions
// (cleanest first) and countries / grid zones, each with the intensity the engine would use.
import { publishedPueOf } from "../../src/core/published-pue.ts";
import { resolveLocation, zoneIntensity } from "../../src/core/resolve-location.ts";
import type { CloudRegion, HardwareEntry, HardwareKind } from "../../src/data/types.ts";
import type { EstimateInput } from "../../src/index.ts";
import { dataset } from "../../src/index.ts";

/** A group of hardware in the picker, e.g. "GPU · NVIDIA". */
export interface HardwareGroup {
  readonly label: string;
  readonly entries: readonly HardwareEntry[];
}

const KIND_LABEL: Record<HardwareKind, string> = {
  gpu: "GPU",
  tpu: "TPU",
  npu: "Accelerator",
  soc: "SoC",
  cpu: "CPU",
};
const KIND_ORDER: readonly HardwareKind[] = ["gpu", "tpu", "npu", "soc", "cpu"];

/** Hardware grouped by kind then vendor, each group in catalog order. */
export const hardwareGroups: readonly HardwareGroup[] = (() => {
  const groups = new Map<string, HardwareEntry[]>();
  for (const kind of KIND_ORDER) {
    for (const entry of dataset.hardware) {
      if (entry.kind !== kind) continue;
      const label = `${KIND_LABEL[kind]} · ${entry.vendor}`;
      const list = groups.get(label) ?? [];
      list.push(entry);
      groups.set(label, list);
    }
  }
  return [...groups].map(([label, entries]) => ({ label, entries }));
})();

/** Hardware by id. */
export const hardwareById: ReadonlyMap<string, HardwareEntry> = new Map(
  dataset.hardware.map((h) => [h.id, h]),
);

const searchText = new Map(
  dataset.hardware.map((h) => [h.id, `${h.id} ${h.name} ${h.vendor} ${h.aliases.join(" ")}`.toLowerCase()]),
);

/** True when every word of the query appears in the entry's id, name, vendor or aliases. */
export const hardwareMatches = (entry: HardwareEntry, query: string): boolean => {
  const text = searchText.get(entry.id) ?? "";
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== "")
    .every((word) => text.includes(word));
};

/** One place the job could have run, with the factors the engine uses there. */
export interface PlaceOption {
  /** Form value ("us-central1", "c:FR", "z:US-CAL-CISO"). */
  readonly value: string;
  /** What the user reads. */
  readonly label: string;
  /** Grid intensity the engine uses, gCO2eq/kWh (latest year, or the year asked for). */
  readonly intensityGPerKWh: number;
  /** PUE the engine uses when none is typed. */
  readonly pue: number;
}

/** A cloud region with its factors. */
export interface RegionOption extends PlaceOption {
  readonly region: CloudRegion;
}

const intensityFor = (input: EstimateInput): number | undefined => {
  const located = resolveLocation(dataset, input);
  return located.ok ? located.value.intensityGPerKWh : undefined;
};

/** A zone's intensity for the year, else for its latest year with data: what the engine uses. */
const zoneIntensityFor = (zoneId: string, year: number | undefined): number | undefined => {
  const zone = dataset.grid.zones.get(zoneId.toUpperCase());
  if (zone === undefined) return undefined;
  if (year !== undefined) return zoneIntensity(zone, year);
  for (let i = dataset.grid.years.length - 1; i >= 0; i--) {
    const value = zoneIntensity(zone, dataset.grid.years[i] ?? 0);
    if (value !== undefined) return value;
  }
  return undefined;
};

const memo = new Map<string, unknown>();
const remember = <T>(key: string, make: () => T): T => {
  if (!memo.has(key)) memo.set(key, make());
  return memo.get(key) as T;
};

/** A provider's regions that have grid data, cleanest (lowest PUE × intensity) first. */
export const regionOptions = (providerId: string, year: number | undefined): readonly RegionOption[] =>
  remember(`regions|${providerId}|${year}`, () => {
    const options: RegionOption[] = [];
    for (const region of dataset.regions) {
      if (region.provider !== providerId) continue;
      const intensity = zoneIntensityFor(region.gridZone, year);
      if (intensity === undefined) continue;
      const pue = publishedPueOf(dataset, region)?.value.value ?? dataset.defaults.unknownFacilityPue.value;
      options.push({
        value: region.id,
        label: `${region.id} · ${region.location} · ${Math.round(intensity)} g/kWh`,
        intensityGPerKWh: intensity,
        pue,
        region,
      });
    }
    return options.sort((a, b) => a.pue * a.intensityGPerKWh - b.pue * b.intensityGPerKWh);
  });

/** The cleanest region of every provider together, for "the cleanest region overall". */
export const cleanestRegionOverall = (year: number | undefined): RegionOption | null =>
  remember(`overall|${year}`, () => {
    let best: RegionOption | null = null;
    for (const provider of dataset.providers) {
      const first = regionOptions(provider.id, year)[0];
      if (
        first !== undefined &&
        (best === null || first.pue * first.intensityGPerKWh < best.pue * best.intensityGPerKWh)
      ) {
        best = first;
      }
    }
    return best;
  });

/** Countries and grid zones with data, by name: countries first, then sub-national zones. */
export const placeOptions = (year: number | undefined): { countries: PlaceOption[]; zones: PlaceOption[] } =>
  remember(`places|${year}`, () => {
    const pue = dataset.defaults.unknownFacilityPue.value;
    const yearPart = year === undefined ? {} : { year };
    const countries: PlaceOption[] = [];
    for (const [code, name] of dataset.grid.countryNameByAlpha2) {
      const intensity = intensityFor({ country: code, ...yearPart });
      if (intensity !== undefined) {
        countries.push({
          value: `c:${code}`,
          label: `${name} (${code}) · ${Math.round(intensity)} g/kWh`,
          intensityGPerKWh: intensity,
          pue,
        });
      }
    }
    const zones: PlaceOption[] = [];
    for (const zone of dataset.grid.zones.values()) {
      if (!zone.id.includes("-")) continue;
      const intensity = intensityFor({ zone: zone.id, ...yearPart });
      if (intensity !== undefined) {
        zones.push({
          value: `z:${zone.id}`,
          label: `${zone.name} (${zone.id}) · ${Math.round(intensity)} g/kWh`,
          intensityGPerKWh: intensity,
          pue,
        });
      }
    }
    const byLabel = (a: PlaceOption, b: PlaceOption) => a.label.localeCompare(b.label);
    return { countries: countries.sort(byLabel), zones: zones.sort(byLabel) };
  });
