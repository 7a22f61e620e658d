// Lists the form offers, derived from the page's dataset and kept per dataset: hardware groups, provider
// regions (cleanest first) and countries / grid zones, each with the intensity the engine would use.
// Labels start with the intensity so a narrow dropdown never cuts it off.
import { publishedPueOf } from "../../src/core/published-pue.ts";
import { resolveLocation, zoneIntensity } from "../../src/core/resolve-location.ts";
import type { Dataset, EstimateInput } from "../../src/core/types.ts";
import type { CloudRegion, HardwareEntry, HardwareKind } from "../../src/data/types.ts";

/** A group of hardware in the picker, e.g. "GPU · NVIDIA". */
export interface HardwareGroup {
  readonly label: string;
  readonly entries: readonly HardwareEntry[];
}

/** One place the job could have run, with the factors the engine uses there. */
export interface PlaceOption {
  /** Form value ("us-central1", "c:FR", "z:US-CAL-CISO"). */
  readonly value: string;
  /** What the user reads: intensity first. */
  readonly label: string;
  /** Name the list is sorted and searched by. */
  readonly name: string;
  /** Grid intensity the engine uses, gCO2eq/kWh (latest year, or the year asked for). */
  readonly intensityGPerKWh: number;
  /** PUE the engine uses when none is typed. */
  readonly pue: number;
}

/** A cloud region with its factors. */
export interface RegionOption extends PlaceOption {
  readonly region: CloudRegion;
}

const KIND_LABEL: Record<HardwareKind, string> = {
  gpu: "GPU",
  tpu: "TPU",
  npu: "Accelerator",
  soc: "SoC",
  cpu: "CPU",
};
const KIND_ORDER: readonly HardwareKind[] = ["gpu", "tpu", "npu", "soc", "cpu"];

const memos = new WeakMap<Dataset, Map<string, unknown>>();
const remember = <T>(dataset: Dataset, key: string, make: () => T): T => {
  let memo = memos.get(dataset);
  if (memo === undefined) {
    memo = new Map();
    memos.set(dataset, memo);
  }
  if (!memo.has(key)) memo.set(key, make());
  return memo.get(key) as T;
};

/** Hardware grouped by kind then vendor, each group in catalog order. */
export const hardwareGroups = (dataset: Dataset): readonly HardwareGroup[] =>
  remember(dataset, "hardware-groups", () => {
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
  });

/** Hardware by id. */
export const hardwareById = (dataset: Dataset, id: string): HardwareEntry | undefined =>
  remember(dataset, "hardware-by-id", () => new Map(dataset.hardware.map((h) => [h.id, h]))).get(id);

const intensityFor = (dataset: Dataset, input: EstimateInput): number | undefined => {
  const located = resolveLocation(dataset, input);
  return located.ok ? located.value.intensityGPerKWh : undefined;
};

/** A zone's intensity for the year, else for its latest year with data: what the engine uses. */
const zoneIntensityFor = (dataset: Dataset, zoneId: string, year: number | undefined): number | undefined => {
  const zone = dataset.grid.zones.get(zoneId.toUpperCase());
  if (zone === undefined) return undefined;
  if (year !== undefined) return zoneIntensity(zone, year);
  for (let i = dataset.grid.years.length - 1; i >= 0; i--) {
    const value = zoneIntensity(zone, dataset.grid.years[i] ?? 0);
    if (value !== undefined) return value;
  }
  return undefined;
};

/** "253 g/kWh": the figure a dropdown must never cut off. */
export const intensityLabel = (intensity: number): string => `${Math.round(intensity)} g/kWh`;

/** A provider's regions that have grid data, cleanest (lowest PUE × intensity) first. */
export const regionOptions = (
  dataset: Dataset,
  providerId: string,
  year: number | undefined,
): readonly RegionOption[] =>
  remember(dataset, `regions|${providerId}|${year}`, () => {
    const options: RegionOption[] = [];
    for (const region of dataset.regions) {
      if (region.provider !== providerId) continue;
      const intensity = zoneIntensityFor(dataset, region.gridZone, year);
      if (intensity === undefined) continue;
      const pue = publishedPueOf(dataset, region)?.value.value ?? dataset.defaults.unknownFacilityPue.value;
      options.push({
        value: region.id,
        label: `${intensityLabel(intensity)} · ${region.id} · ${region.location}`,
        name: `${region.id} ${region.location}`,
        intensityGPerKWh: intensity,
        pue,
        region,
      });
    }
    return options.sort((a, b) => a.pue * a.intensityGPerKWh - b.pue * b.intensityGPerKWh);
  });

/** The cleanest region of every provider together, for "the cleanest region overall". */
export const cleanestRegionOverall = (dataset: Dataset, year: number | undefined): RegionOption | null =>
  remember(dataset, `overall|${year}`, () => {
    let best: RegionOption | null = null;
    for (const provider of dataset.providers) {
      const first = regionOptions(dataset, provider.id, year)[0];
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
export const placeOptions = (
  dataset: Dataset,
  year: number | undefined,
): { countries: PlaceOption[]; zones: PlaceOption[] } =>
  remember(dataset, `places|${year}`, () => {
    const pue = dataset.defaults.unknownFacilityPue.value;
    const yearPart = year === undefined ? {} : { year };
    const option = (value: string, name: string, intensity: number): PlaceOption => ({
      value,
      label: `${intensityLabel(intensity)} · ${name}`,
      name,
      intensityGPerKWh: intensity,
      pue,
    });
    const countries: PlaceOption[] = [];
    for (const [code, name] of dataset.grid.countryNameByAlpha2) {
      const intensity = intensityFor(dataset, { country: code, ...yearPart });
      if (intensity !== undefined) countries.push(option(`c:${code}`, `${name} (${code})`, intensity));
    }
    const zones: PlaceOption[] = [];
    for (const zone of dataset.grid.zones.values()) {
      if (!zone.id.includes("-")) continue;
      const intensity = intensityFor(dataset, { zone: zone.id, ...yearPart });
      if (intensity !== undefined) zones.push(option(`z:${zone.id}`, `${zone.name} (${zone.id})`, intensity));
    }
    const byName = (a: PlaceOption, b: PlaceOption) => a.name.localeCompare(b.name);
    return { countries: countries.sort(byName), zones: zones.sort(byName) };
  });
