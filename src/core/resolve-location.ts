import type { CloudRegion, Provider, SourcedValue } from "../data/types.ts";
import { indexOf, remember } from "./dataset-index.ts";
import type { Outcome, Problem } from "./errors.ts";
import { numberProblem } from "./estimate/numbers.ts";
import { formatQuantity, formatRatio } from "./format-number.ts";
import { conflict, required, unavailable, unknownName } from "./problems.ts";
import { publishedPueOf } from "./published-pue.ts";
import { closestNames } from "./suggest.ts";
import type { Dataset, EstimateInput, Factor, GridZone, ResolvedLocation } from "./types.ts";

/** Intensity, PUE and market data for a resolved location. */
export interface LocationFactors {
  /** Where it ran. */
  readonly location: ResolvedLocation;
  /** Grid intensity used, gCO2eq/kWh, and its band. */
  readonly intensityGPerKWh: number;
  readonly intensityLow: number;
  readonly intensityHigh: number;
  /** Data year used (null for an explicit intensity or Ember-only countries). */
  readonly year: number | null;
  /** The intensity as the derivation line prints it. */
  readonly intensityText: string;
  /** The factor describing the intensity. */
  readonly intensityFactor: Factor;
  /** Extra factors shown for context (e.g. the provider's own intensity figure). */
  readonly contextFactors: readonly Factor[];
  /** Provider and region for cloud locations. */
  readonly provider: Provider | null;
  readonly region: CloudRegion | null;
  /** Warnings about assumptions made. */
  readonly warnings: readonly string[];
  /** The facility PUE to use when the user gives none: published for the region/provider, else the default. */
  readonly facilityPue: FacilityPue;
}

/** A PUE with its band, factor and (for assumed values) warning. */
export interface FacilityPue {
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly factor: Factor;
  readonly warning: string | null;
  /** The PUE as the derivation line prints it. */
  readonly text: string;
}

/** The PUE a location implies: the region's, else its provider's fleet value (banded), else the default. */
const facilityPueOf = (
  dataset: Dataset,
  provider: Provider | null,
  region: CloudRegion | null,
): FacilityPue => {
  const { defaults } = dataset;
  const published =
    region !== null
      ? publishedPueOf(dataset, region)
      : provider?.pue === undefined
        ? undefined
        : { value: provider.pue, scope: "provider" as const };
  if (published !== undefined) {
    const value = published.value.value;
    const band = published.scope === "region" ? 0 : defaults.publishedPueBand.value;
    const range = published.value.range;
    return {
      value,
      low: range?.low ?? Math.max(1, value * (1 - band)),
      high: range?.high ?? value * (1 + band),
      factor: {
        name:
          published.scope === "region" ? "PUE (region)" : `PUE (${provider?.name ?? "provider"} fleet-wide)`,
        value,
        unit: "",
        kind: "published",
        source: sourceOf(dataset, published.value.source),
        year: published.value.year,
        ...(range !== undefined
          ? { note: `published range ${formatRatio(range.low)}–${formatRatio(range.high)}` }
          : published.scope === "provider"
            ? {
                note: `fleet value applied to ${region === null ? "a facility of the instance type's provider (no region given)" : "one region"}: range ±${band * 100} %`,
              }
            : {}),
      },
      warning: null,
      text: formatRatio(value),
    };
  }
  // No published PUE: the industry average, ranging from an efficient facility to the average one.
  const fallback = defaults.unknownFacilityPue;
  const value = fallback.value;
  const low = fallback.range?.low ?? value;
  const high = fallback.range?.high ?? defaults.unknownFacilityPueHigh.value;
  return {
    value,
    low,
    high,
    factor: {
      name: "PUE",
      value,
      unit: "",
      kind: "default",
      source: sourceOf(dataset, fallback.source),
      year: fallback.year,
      note: `not given; ${fallback.note ?? "default"}; range ${formatRatio(low)}–${formatRatio(high)}`,
    },
    text: formatRatio(value),
    warning: `PUE not given: ${formatRatio(value)} assumed${provider === null ? " (private or unknown facility)" : ` (${provider.name} publishes none)`}, the industry average; the range goes from ${formatRatio(low)} (an efficient facility) to ${formatRatio(high)}.`,
  };
};

/**
 * The PUE of an unnamed facility of a provider (an instance type located by country or zone): its
 * published fleet value, banded, else the industry average. Memoised: immutable.
 */
export const providerFacilityPue = (dataset: Dataset, providerId: string): FacilityPue =>
  remember(indexOf(dataset).memos.constants, "provider-pue", providerId, () =>
    facilityPueOf(dataset, indexOf(dataset).providerByKey.get(providerId) ?? null, null),
  );

type Resolved = Outcome<LocationFactors>;

const fail = (problem: Problem): Resolved => ({ ok: false, problems: [problem] });

const sourceOf = (dataset: Dataset, id: string) => dataset.sources.get(id) ?? null;

/** Intensity of a zone for a year, or undefined when the zone has no usable figure that year. */
export const zoneIntensity = (zone: GridZone, year: number): number | undefined => {
  const value = zone.intensityGPerKWhByYear.get(year);
  return value !== undefined && value > 0 ? value : undefined;
};

/** Min and max of a zone's intensity over all years with data. */
const yearBand = (zone: GridZone): { low: number; high: number } => {
  let low = Number.POSITIVE_INFINITY;
  let high = 0;
  for (const value of zone.intensityGPerKWhByYear.values()) {
    if (value <= 0) continue;
    if (value < low) low = value;
    if (value > high) high = value;
  }
  return { low, high };
};

/** Latest year with a usable figure for the zone. */
const latestYearOf = (dataset: Dataset, zone: GridZone): number | undefined => {
  const years = dataset.grid.years;
  for (let i = years.length - 1; i >= 0; i--) {
    const year = years[i];
    if (year !== undefined && zoneIntensity(zone, year) !== undefined) return year;
  }
  return undefined;
};

const zoneFactors = (
  dataset: Dataset,
  zone: GridZone,
  input: EstimateInput,
  location: ResolvedLocation,
  extra: { provider: Provider | null; region: CloudRegion | null; contextFactors: Factor[] },
): Resolved => {
  const yearGiven = input.year !== undefined;
  const year = yearGiven ? input.year : latestYearOf(dataset, zone);
  const intensity = year === undefined ? undefined : zoneIntensity(zone, year);
  if (year === undefined || intensity === undefined) {
    const years = [...zone.intensityGPerKWhByYear.entries()].filter(([, v]) => v > 0).map(([y]) => y);
    return fail(
      unavailable(
        "unknown-year",
        "year",
        `grid zone ${zone.id} has no intensity for ${String(input.year ?? "any year")}; available: ${years.join(", ") || "none"}`,
      ),
    );
  }
  const band = yearGiven ? { low: intensity, high: intensity } : yearBand(zone);
  const warnings: string[] = [];
  if (!yearGiven) {
    warnings.push(
      `Grid year not given: ${year} (latest) used; the range spans the zone's ${dataset.grid.years[0]}–${year} yearly averages.`,
    );
  }
  const sourceId = zone.sourceByYear.get(year);
  const intensityFactor: Factor = {
    name: `grid intensity (${zone.name}, ${zone.id})`,
    value: intensity,
    unit: "g/kWh",
    kind: "published",
    source: sourceId === undefined ? null : sourceOf(dataset, sourceId),
    year,
    note: "yearly average, location-based, life-cycle emission factors",
  };
  return {
    ok: true,
    value: {
      location: { ...location, zone: zone.id },
      intensityGPerKWh: intensity,
      intensityText: formatQuantity(intensity),
      intensityLow: band.low,
      intensityHigh: band.high,
      year,
      intensityFactor,
      contextFactors: extra.contextFactors,
      provider: extra.provider,
      region: extra.region,
      warnings,
      facilityPue: facilityPueOf(dataset, extra.provider, extra.region),
    },
  };
};

const sourcedFactor = (
  dataset: Dataset,
  name: string,
  value: SourcedValue,
  unit: string,
  note: string | undefined,
): Factor => ({
  name,
  value: value.value,
  unit,
  kind: "published",
  source: sourceOf(dataset, value.source),
  year: value.year,
  ...(note === undefined ? {} : { note }),
});

/** A cloud region named `provider:region`, found in the dataset with its grid zone. */
interface FoundRegion {
  readonly provider: Provider;
  readonly region: CloudRegion;
  readonly zone: GridZone;
}

/** Finds `provider:region`, or the problem: not that form, an unknown provider or region, a zone without data. */
const findRegion = (dataset: Dataset, text: string): FoundRegion | Problem => {
  const index = indexOf(dataset);
  const colon = text.indexOf(":");
  const providerIds = dataset.providers.map((p) => p.id).join(", ");
  if (colon < 0) {
    const suggestions = closestNames(text, [...index.regionByKey.keys()]);
    const allowed = `; allowed providers: ${providerIds} (e.g. aws:us-east-1, gcp:us-central1)`;
    return unknownName(
      "unknown-region",
      "region",
      { not: "not provider:region" },
      text,
      suggestions,
      allowed,
    );
  }
  const providerText = text.slice(0, colon).trim().toLowerCase();
  const regionText = text
    .slice(colon + 1)
    .trim()
    .toLowerCase();
  const provider = index.providerByKey.get(providerText);
  if (provider === undefined) {
    const suggestions = closestNames(
      providerText,
      dataset.providers.map((p) => p.id),
    );
    const allowed = `; allowed: ${providerIds}`;
    return unknownName("unknown-provider", "region", "provider", providerText, suggestions, allowed);
  }
  const region = index.regionByKey.get(`${provider.id}:${regionText}`);
  if (region === undefined) {
    const ids = (index.regionsByProvider.get(provider.id) ?? []).map((r) => r.id);
    const suggestions = closestNames(regionText, ids);
    const allowed = `; ${provider.id} regions: ${ids.join(", ")}`;
    return unknownName("unknown-region", "region", `${provider.id} region`, regionText, suggestions, allowed);
  }
  const zone = index.zoneById.get(region.gridZone.toUpperCase());
  if (zone === undefined)
    return unavailable(
      "unknown-zone",
      "region",
      `${provider.id}:${region.id} maps to grid zone ${region.gridZone}, which has no intensity data`,
    );
  return { provider, region, zone };
};

/** The provider's own figures for a region, shown beside the zone's: its intensity and carbon-free share. */
const regionContextFactors = (dataset: Dataset, provider: Provider, region: CloudRegion): Factor[] => {
  const contextFactors: Factor[] = [];
  if (region.providerIntensityGPerKWh !== undefined) {
    contextFactors.push(
      sourcedFactor(
        dataset,
        `${provider.name}'s own grid intensity for ${region.id}`,
        region.providerIntensityGPerKWh,
        "g/kWh",
        "provider-published, shown for comparison; the Electricity Maps zone figure is used (see docs/methodology.md)",
      ),
    );
  }
  if (region.carbonFreeEnergy !== undefined) {
    contextFactors.push(
      sourcedFactor(
        dataset,
        `${provider.name} carbon-free energy share for ${region.id}`,
        region.carbonFreeEnergy,
        "share",
        "hourly-matched carbon-free energy, provider-published",
      ),
    );
  }
  return contextFactors;
};

const resolveRegion = (dataset: Dataset, input: EstimateInput, text: string): Resolved => {
  const found = findRegion(dataset, text);
  if (!("zone" in found)) return fail(found);
  const { provider, region, zone } = found;
  const location: ResolvedLocation = {
    by: "region",
    label: `${provider.name} ${region.id} (${region.location})`,
    provider: provider.id,
    providerName: provider.name,
    region: region.id,
    country: region.country,
  };
  const contextFactors = regionContextFactors(dataset, provider, region);
  return zoneFactors(dataset, zone, input, location, { provider, region, contextFactors });
};

/** A country's alpha-2 and alpha-3 codes from either spelling (undefined when neither is known). */
const countryCodesOf = (
  grid: Dataset["grid"],
  text: string,
): { alpha2: string; alpha3: string } | undefined => {
  const code = text.trim().toUpperCase();
  if (code.length === 2) {
    const alpha3 = grid.alpha3ByAlpha2.get(code);
    return alpha3 === undefined ? undefined : { alpha2: code, alpha3 };
  }
  if (code.length === 3)
    for (const [alpha2, alpha3] of grid.alpha3ByAlpha2) if (alpha3 === code) return { alpha2, alpha3 };
  return undefined;
};

/** An unknown country, with the code of the country whose name it is (or of the closest names). */
const unknownCountry = (grid: Dataset["grid"], text: string): Problem => {
  const names = [...grid.countryNameByAlpha2.entries()].map(([a2, name]) => `${a2} (${name})`);
  const byName = [...grid.countryNameByAlpha2.entries()].find(
    ([, name]) => name.toLowerCase() === text.trim().toLowerCase(),
  );
  // Matched on "FR (France)" so a misspelt name finds its country; the code is what can be typed.
  const suggestions = byName ? [byName[0]] : closestNames(text, names).map((n) => n.slice(0, 2));
  return unknownName(
    "unknown-country",
    "country",
    { not: "not an ISO 3166 alpha-2 or alpha-3 code" },
    text,
    suggestions,
    "; e.g. FR, FRA, US, USA",
  );
};

/** A country without a zone of its own: Ember's latest yearly average (no year can be chosen). */
const emberCountry = (
  dataset: Dataset,
  input: EstimateInput,
  location: ResolvedLocation & { readonly country: string },
  ember: number,
): Resolved => {
  const { grid } = dataset;
  const name = location.label;
  const warnings = [
    `${name} has no Electricity Maps yearly figure; Ember's latest yearly average (${grid.emberYear} or earlier) is used.`,
  ];
  if (input.year !== undefined)
    warnings.push(`year ${input.year} cannot be chosen for ${name}: Ember provides only its latest year.`);
  return {
    ok: true,
    value: {
      location,
      intensityGPerKWh: ember,
      intensityText: formatQuantity(ember),
      intensityLow: ember,
      intensityHigh: ember,
      year: grid.emberYear,
      intensityFactor: {
        name: `grid intensity (${name}, Ember)`,
        value: ember,
        unit: "g/kWh",
        kind: "published",
        source: sourceOf(dataset, grid.emberSource),
        year: grid.emberYear,
        note: "latest yearly country average in @tgwf/co2",
      },
      contextFactors: [],
      provider: null,
      region: null,
      warnings,
      facilityPue: facilityPueOf(dataset, null, null),
    },
  };
};

const resolveCountry = (dataset: Dataset, input: EstimateInput, text: string): Resolved => {
  const { grid } = dataset;
  const codes = countryCodesOf(grid, text);
  if (codes === undefined) return fail(unknownCountry(grid, text));
  const { alpha2, alpha3 } = codes;
  const name = grid.countryNameByAlpha2.get(alpha2) ?? alpha2;
  const location = { by: "country" as const, label: name, country: alpha2 };
  const zone = grid.zones.get(alpha2);
  if (zone !== undefined && latestYearOf(dataset, zone) !== undefined)
    return zoneFactors(dataset, zone, input, location, { provider: null, region: null, contextFactors: [] });
  const ember = grid.emberByAlpha3.get(alpha3);
  if (ember === undefined)
    return fail(
      unavailable(
        "unknown-country",
        "country",
        `no grid intensity is available for ${name} (${alpha2}); give a grid zone or an intensity instead`,
      ),
    );
  return emberCountry(dataset, input, location, ember);
};

const resolveZone = (dataset: Dataset, input: EstimateInput, text: string): Resolved => {
  const zone = dataset.grid.zones.get(text.trim().toUpperCase());
  if (zone === undefined) {
    const suggestions = closestNames(text, [...dataset.grid.zones.keys()]);
    return fail(
      unknownName(
        "unknown-zone",
        "zone",
        "grid zone",
        text,
        suggestions,
        "; zones are Electricity Maps ids such as FR, US-CAL-CISO, SE-SE3 (list them with mlco2 zones)",
      ),
    );
  }
  const location: ResolvedLocation = {
    by: "zone",
    label: `${zone.name} (${zone.id})`,
    ...(zone.country === undefined ? {} : { country: zone.country }),
  };
  return zoneFactors(dataset, zone, input, location, { provider: null, region: null, contextFactors: [] });
};

const resolveIntensity = (dataset: Dataset, input: EstimateInput, value: number): Resolved => {
  // The numbers stage's check, so a tiny non-zero value is told it underflows (not "use 0 to 2000").
  const bad = numberProblem("intensity", value, "intensity", " (gCO2eq/kWh)");
  if (bad !== null) return fail(bad);
  if (input.year !== undefined) {
    return fail(
      conflict("year", ["intensity"], " (the year chooses grid data, which an intensity replaces)"),
    );
  }
  return {
    ok: true,
    value: {
      location: { by: "intensity", label: `a grid of ${value} gCO2eq/kWh` },
      intensityGPerKWh: value,
      intensityText: formatQuantity(value),
      intensityLow: value,
      intensityHigh: value,
      year: null,
      intensityFactor: {
        name: "grid intensity",
        value,
        unit: "g/kWh",
        kind: "user",
        source: null,
        year: null,
      },
      contextFactors: [],
      provider: null,
      region: null,
      warnings: [],
      facilityPue: facilityPueOf(dataset, null, null),
    },
  };
};

/**
 * Resolves exactly one of region / country / zone / intensity to an intensity with its provenance.
 * Returns a problem (never a guess) when none or several are given, or a name is unknown.
 */
export const resolveLocation = (dataset: Dataset, input: EstimateInput): Resolved => {
  const { region, country, zone, intensity, year } = input;
  const compute = () => resolveLocationOnce(dataset, input);
  const index = indexOf(dataset);
  if (country === undefined && zone === undefined && intensity === undefined && region !== undefined) {
    return remember(index.memos.region, region, year, compute);
  }
  if (region === undefined && zone === undefined && intensity === undefined && country !== undefined) {
    return remember(index.memos.country, country, year, compute);
  }
  if (region === undefined && country === undefined && intensity === undefined && zone !== undefined) {
    return remember(index.memos.zone, zone, year, compute);
  }
  return compute();
};

/** The inputs that say where a job ran; exactly one is required. */
const LOCATION_FIELDS = ["region", "country", "zone", "intensity"] as const;

const resolveLocationOnce = (dataset: Dataset, input: EstimateInput): Resolved => {
  const given: string[] = [];
  if (input.region !== undefined) given.push("region");
  if (input.country !== undefined) given.push("country");
  if (input.zone !== undefined) given.push("zone");
  if (input.intensity !== undefined) given.push("intensity");
  if (given.length === 0) {
    return fail(
      required(
        "location",
        LOCATION_FIELDS,
        " (a cloud region as provider:region, an ISO country code, a grid zone, or g/kWh)",
      ),
    );
  }
  if (given.length > 1) {
    const [first = "region", second = "country", ...more] = given;
    return fail(conflict(second, [first, ...more], "; give only one location"));
  }
  if (input.year !== undefined && !dataset.grid.years.includes(input.year) && input.intensity === undefined) {
    const years = dataset.grid.years;
    return fail(
      unavailable(
        "unknown-year",
        "year",
        `${String(input.year)} is not available; use ${years[0]}–${years[years.length - 1]}`,
      ),
    );
  }
  if (input.region !== undefined) return resolveRegion(dataset, input, input.region);
  if (input.country !== undefined) return resolveCountry(dataset, input, input.country);
  if (input.zone !== undefined) return resolveZone(dataset, input, input.zone);
  return resolveIntensity(dataset, input, input.intensity ?? Number.NaN);
};
