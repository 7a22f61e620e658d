import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fixtureDataset as data } from "./fixture-dataset.ts";
import { type LocationFactors, resolveLocation, zoneIntensity } from "./resolve-location.ts";
import type { Dataset, EstimateInput, GridZone } from "./types.ts";

const ok = (input: EstimateInput, dataset: Dataset = data): LocationFactors => {
  const outcome = resolveLocation(dataset, input);
  assert.ok(outcome.ok, JSON.stringify(outcome));
  return outcome.value;
};
const problemOf = (input: EstimateInput, dataset: Dataset = data) => {
  const outcome = resolveLocation(dataset, input);
  assert.equal(outcome.ok, false, "expected a problem");
  if (outcome.ok) throw new Error("unreachable");
  assert.equal(outcome.problems.length, 1, "one location problem at a time");
  return outcome.problems[0];
};
const near = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);
const source = (id: string) => data.sources.get(id) ?? null;

const zoneWith = (id: string, byYear: Record<number, number>): GridZone => ({
  id,
  name: `zone ${id}`,
  intensityGPerKWhByYear: new Map(Object.entries(byYear).map(([y, v]) => [Number(y), v])),
  sourceByYear: new Map(Object.keys(byYear).map((y) => [Number(y), `grid-${y}`])),
});
/** The fixture with one zone replaced or added. */
const withZone = (zone: GridZone): Dataset => ({
  ...data,
  grid: { ...data.grid, zones: new Map([...data.grid.zones, [zone.id, zone]]) },
});

const UNKNOWN_FACILITY_PUE = {
  value: 1,
  low: 1,
  high: 1.5,
  factor: {
    name: "PUE",
    value: 1,
    unit: "",
    kind: "default",
    source: source("model"),
    year: 2024,
    note: "not given; default; range 1.00–1.50",
  },
  text: "1.00",
  warning:
    "PUE not given: 1.00 assumed (private or unknown facility), the industry average; the range goes from 1.00 (an efficient facility) to 1.50.",
};

describe("a cloud region", () => {
  it("latest year by default, the range over every year of the zone, a warning, the fleet PUE banded", () => {
    const where = ok({ region: "gcp:dirty-1" });
    assert.deepEqual(where.location, {
      by: "region",
      label: "Google Cloud dirty-1 (Dirtytown)",
      provider: "gcp",
      providerName: "Google Cloud",
      region: "dirty-1",
      country: "US",
      zone: "US-DIRTY",
    });
    assert.equal(where.intensityGPerKWh, 500);
    assert.equal(where.intensityText, "500");
    assert.equal(where.intensityLow, 500); // 2023
    assert.equal(where.intensityHigh, 600); // 2021
    assert.equal(where.year, 2023);
    assert.deepEqual(where.intensityFactor, {
      name: "grid intensity (Dirty grid, US-DIRTY)",
      value: 500,
      unit: "g/kWh",
      kind: "published",
      source: source("grid-2023"),
      year: 2023,
      note: "yearly average, location-based, life-cycle emission factors",
    });
    assert.deepEqual(where.warnings, [
      "Grid year not given: 2023 (latest) used; the range spans the zone's 2021–2023 yearly averages.",
    ]);
    assert.deepEqual(where.contextFactors, []);
    assert.equal(where.provider?.id, "gcp");
    assert.equal(where.region?.id, "dirty-1");
    const pue = where.facilityPue;
    assert.equal(pue.value, 1.1);
    assert.equal(pue.low, 1); // 1.1 × 0.9 = 0.99, floored at 1
    near(pue.high, 1.21);
    assert.equal(pue.text, "1.10");
    assert.equal(pue.warning, null);
    assert.deepEqual(pue.factor, {
      name: "PUE (Google Cloud fleet-wide)",
      value: 1.1,
      unit: "",
      kind: "published",
      source: source("prov"),
      year: 2024,
      note: "fleet value applied to one region: range ±10 %",
    });
  });

  it("a given year is exact, from that year's source, without a warning", () => {
    const where = ok({ region: "gcp:dirty-1", year: 2021 });
    assert.deepEqual([where.intensityGPerKWh, where.intensityLow, where.intensityHigh], [600, 600, 600]);
    assert.equal(where.intensityFactor.source, source("grid-2021"));
    assert.deepEqual(where.warnings, []);
  });

  it("a region's own PUE is exact and named as the region's", () => {
    const pue = ok({ region: "gcp:clean-1", year: 2023 }).facilityPue;
    assert.deepEqual([pue.value, pue.low, pue.high], [1.2, 1.2, 1.2]);
    assert.equal(pue.factor.name, "PUE (region)");
    assert.equal(pue.factor.note, undefined);
  });

  it("a provider that publishes no PUE: 1.00 assumed, up to 1.5, naming the provider", () => {
    const pue = ok({ region: "aws:east-1" }).facilityPue;
    assert.deepEqual([pue.value, pue.low, pue.high], [1, 1, 1.5]);
    assert.equal(
      pue.warning,
      "PUE not given: 1.00 assumed (AWS publishes none), the industry average; the range goes from 1.00 (an efficient facility) to 1.50.",
    );
  });

  it("forgives case, spacing and provider aliases", () => {
    for (const region of ["GCP:Dirty-1", " gcp : dirty-1 ", "google:dirty-1"]) {
      assert.equal(ok({ region }).location.label, "Google Cloud dirty-1 (Dirtytown)", region);
    }
  });

  it("the provider's own figures are context factors, never the intensity used", () => {
    const dataset: Dataset = {
      ...data,
      regions: data.regions.map((r) =>
        r.id === "dirty-1"
          ? {
              ...r,
              providerIntensityGPerKWh: { value: 420, year: 2023, source: "prov" },
              carbonFreeEnergy: { value: 0.3, year: 2023, source: "prov" },
            }
          : r,
      ),
    };
    const where = ok({ region: "gcp:dirty-1" }, dataset);
    assert.equal(where.intensityGPerKWh, 500);
    assert.deepEqual(
      where.contextFactors.map((f) => [f.name, f.value, f.unit, f.kind, f.source?.id, f.year]),
      [
        ["Google Cloud's own grid intensity for dirty-1", 420, "g/kWh", "published", "prov", 2023],
        ["Google Cloud carbon-free energy share for dirty-1", 0.3, "share", "published", "prov", 2023],
      ],
    );
  });
});

describe("a country", () => {
  it("alpha-2 and alpha-3, any case: its Electricity Maps zone", () => {
    for (const country of ["FR", "fra", " fr "]) {
      const where = ok({ country, year: 2022 });
      assert.deepEqual(where.location, { by: "country", label: "France", country: "FR", zone: "FR" });
      assert.equal(where.intensityGPerKWh, 90);
      assert.equal(where.provider, null);
      assert.deepEqual(where.facilityPue, UNKNOWN_FACILITY_PUE);
    }
  });

  it("without a year the band is the zone's yearly minimum and maximum, not the ends of the series", () => {
    // FR: 2021 60, 2022 90, 2023 50 → latest 50, band 50–90.
    const where = ok({ country: "FR" });
    assert.deepEqual([where.intensityGPerKWh, where.intensityLow, where.intensityHigh], [50, 50, 90]);
  });

  it("only Ember's figure: its latest year, with a warning", () => {
    for (const country of ["DE", "deu"]) {
      const where = ok({ country });
      assert.deepEqual(where.location, { by: "country", label: "Germany", country: "DE" });
      assert.deepEqual([where.intensityGPerKWh, where.intensityLow, where.intensityHigh], [380, 380, 380]);
      assert.equal(where.year, 2024);
      assert.deepEqual(where.intensityFactor, {
        name: "grid intensity (Germany, Ember)",
        value: 380,
        unit: "g/kWh",
        kind: "published",
        source: source("ember"),
        year: 2024,
        note: "latest yearly country average in @tgwf/co2",
      });
      assert.deepEqual(where.warnings, [
        "Germany has no Electricity Maps yearly figure; Ember's latest yearly average (2024 or earlier) is used.",
      ]);
    }
  });

  it("only Ember's figure with a year: the year cannot be honoured, and it says so", () => {
    assert.deepEqual(ok({ country: "DE", year: 2022 }).warnings, [
      "Germany has no Electricity Maps yearly figure; Ember's latest yearly average (2024 or earlier) is used.",
      "year 2022 cannot be chosen for Germany: Ember provides only its latest year.",
    ]);
  });
});

describe("a grid zone", () => {
  it("by id, any case", () => {
    const where = ok({ zone: "us-dirty", year: 2022 });
    assert.deepEqual(where.location, {
      by: "zone",
      label: "Dirty grid (US-DIRTY)",
      country: "US",
      zone: "US-DIRTY",
    });
    assert.equal(where.intensityGPerKWh, 550);
    assert.deepEqual(where.facilityPue, UNKNOWN_FACILITY_PUE);
  });

  it("a zone without a country has none in its location", () => {
    const where = ok({ zone: "X" }, withZone(zoneWith("X", { 2022: 70 })));
    assert.deepEqual(where.location, { by: "zone", label: "zone X (X)", zone: "X" });
  });

  it("the latest year with a figure; zero or missing years are skipped, in the band too", () => {
    const dataset = withZone(zoneWith("GAPPY", { 2021: 300, 2022: 100, 2023: 0 }));
    const where = ok({ zone: "GAPPY" }, dataset);
    assert.equal(where.year, 2022);
    assert.deepEqual([where.intensityGPerKWh, where.intensityLow, where.intensityHigh], [100, 100, 300]);
    assert.match(
      where.warnings[0] ?? "",
      /^Grid year not given: 2022 \(latest\) used; the range spans the zone's 2021–2022/,
    );
  });

  it("zoneIntensity: a figure of 0 or a missing year is no figure", () => {
    const zone = zoneWith("Z", { 2021: 0, 2022: 12 });
    assert.equal(zoneIntensity(zone, 2021), undefined);
    assert.equal(zoneIntensity(zone, 2022), 12);
    assert.equal(zoneIntensity(zone, 2023), undefined);
  });
});

describe("an explicit intensity", () => {
  it("exact, user-given, no year, no provider, the unknown-facility PUE", () => {
    assert.deepEqual(ok({ intensity: 300 }), {
      location: { by: "intensity", label: "a grid of 300 gCO2eq/kWh" },
      intensityGPerKWh: 300,
      intensityText: "300",
      intensityLow: 300,
      intensityHigh: 300,
      year: null,
      intensityFactor: {
        name: "grid intensity",
        value: 300,
        unit: "g/kWh",
        kind: "user",
        source: null,
        year: null,
      },
      contextFactors: [],
      provider: null,
      region: null,
      warnings: [],
      facilityPue: UNKNOWN_FACILITY_PUE,
    });
  });

  it("0 g/kWh is allowed (a fully renewable private grid); 2000 is the top", () => {
    assert.equal(ok({ intensity: 0 }).intensityGPerKWh, 0);
    assert.equal(ok({ intensity: 2000 }).intensityText, "2,000");
  });
});

describe("every location problem: code, path, message, fields", () => {
  const cases: [string, EstimateInput, Record<string, unknown>][] = [
    [
      "no location",
      {},
      {
        code: "required",
        path: "location",
        message:
          "give one of region, country, zone or intensity (a cloud region as provider:region, an ISO country code, a grid zone, or g/kWh)",
        fields: ["region", "country", "zone", "intensity"],
      },
    ],
    [
      "two locations: on the second, naming the first",
      { region: "gcp:dirty-1", zone: "FR" },
      {
        code: "conflict",
        path: "zone",
        message: "cannot be combined with region; give only one location",
        fields: ["region"],
      },
    ],
    [
      "four locations: on the second, naming the rest",
      { region: "gcp:dirty-1", country: "FR", zone: "FR", intensity: 1 },
      {
        code: "conflict",
        path: "country",
        message: "cannot be combined with region, zone and intensity; give only one location",
        fields: ["region", "zone", "intensity"],
      },
    ],
    [
      "a year outside the data",
      { zone: "FR", year: 2019 },
      { code: "unknown-year", path: "year", message: "2019 is not available; use 2021–2023" },
    ],
    [
      "a year outside the data, even for an Ember-only country",
      { country: "DE", year: 2030 },
      { code: "unknown-year", path: "year", message: "2030 is not available; use 2021–2023" },
    ],
    [
      "a region without provider:",
      { region: "dirty-1" },
      {
        code: "unknown-region",
        path: "region",
        message:
          '"dirty-1" is not provider:region; did you mean "gcp:dirty-1"?; allowed providers: gcp, aws (e.g. aws:us-east-1, gcp:us-central1)',
        suggestions: ["gcp:dirty-1"],
      },
    ],
    [
      "an unknown provider",
      { region: "gpc:dirty-1" },
      {
        code: "unknown-provider",
        path: "region",
        message: 'unknown provider "gpc"; did you mean "gcp"?; allowed: gcp, aws',
        suggestions: ["gcp"],
      },
    ],
    [
      "an unknown region, close to one",
      { region: "gcp:dirty-2" },
      {
        code: "unknown-region",
        path: "region",
        message: 'unknown gcp region "dirty-2"; did you mean "dirty-1"?; gcp regions: dirty-1, clean-1',
        suggestions: ["dirty-1"],
      },
    ],
    [
      "an unknown region, close to none",
      { region: "gcp:nowhere" },
      {
        code: "unknown-region",
        path: "region",
        message: 'unknown gcp region "nowhere"; gcp regions: dirty-1, clean-1',
        suggestions: [],
      },
    ],
    [
      "not a country code",
      { country: "XX" },
      {
        code: "unknown-country",
        path: "country",
        message: '"XX" is not an ISO 3166 alpha-2 or alpha-3 code; e.g. FR, FRA, US, USA',
        suggestions: [],
      },
    ],
    [
      "a country's name: its code offered",
      { country: "france" },
      {
        code: "unknown-country",
        path: "country",
        message:
          '"france" is not an ISO 3166 alpha-2 or alpha-3 code; did you mean "FR"?; e.g. FR, FRA, US, USA',
        suggestions: ["FR"],
      },
    ],
    [
      "a misspelt country name: the code offered, which can be typed",
      { country: "Frnace" },
      {
        code: "unknown-country",
        path: "country",
        message:
          '"Frnace" is not an ISO 3166 alpha-2 or alpha-3 code; did you mean "FR"?; e.g. FR, FRA, US, USA',
        suggestions: ["FR"],
      },
    ],
    [
      "a known country without any figure",
      { country: "US" },
      {
        code: "unknown-country",
        path: "country",
        message:
          "no grid intensity is available for United States (US); give a grid zone or an intensity instead",
      },
    ],
    [
      "an unknown zone",
      { zone: "SE-SE9" },
      {
        code: "unknown-zone",
        path: "zone",
        message:
          'unknown grid zone "SE-SE9"; did you mean "SE-SE1"?; zones are Electricity Maps ids such as FR, US-CAL-CISO, SE-SE3 (list them with mlco2 zones)',
        suggestions: ["SE-SE1"],
      },
    ],
    [
      "an intensity above 2000",
      { intensity: 2001 },
      {
        code: "out-of-range",
        path: "intensity",
        message: "2001 is not allowed; use a number from 0 to 2000 (gCO2eq/kWh)",
      },
    ],
    [
      "a negative intensity",
      { intensity: -1 },
      {
        code: "out-of-range",
        path: "intensity",
        message: "-1 is not allowed; use a number from 0 to 2000 (gCO2eq/kWh)",
      },
    ],
    [
      "an intensity that would underflow",
      { intensity: 1e-7 },
      {
        code: "out-of-range",
        path: "intensity",
        message: "1e-7 is not allowed; use 0 or at least 0.000001 (smaller values underflow)",
      },
    ],
    [
      "a NaN intensity",
      { intensity: Number.NaN },
      {
        code: "not-a-number",
        path: "intensity",
        message: "NaN is not a number; use a number from 0 to 2000 (gCO2eq/kWh)",
      },
    ],
    [
      "an intensity as text (an untyped caller)",
      { intensity: "300" as unknown as number },
      {
        code: "not-a-number",
        path: "intensity",
        message: '"300" is not a number; use a number from 0 to 2000 (gCO2eq/kWh)',
      },
    ],
    [
      "an intensity with a year",
      { intensity: 300, year: 2022 },
      {
        code: "conflict",
        path: "year",
        message:
          "cannot be combined with intensity (the year chooses grid data, which an intensity replaces)",
        fields: ["intensity"],
      },
    ],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.deepEqual(problemOf(input), expected));
  }

  it("a region whose grid zone has no data: unknown-zone on region", () => {
    const dataset: Dataset = {
      ...data,
      regions: data.regions.map((r) => (r.id === "dirty-1" ? { ...r, gridZone: "XX-NONE" } : r)),
    };
    assert.deepEqual(problemOf({ region: "gcp:dirty-1" }, dataset), {
      code: "unknown-zone",
      path: "region",
      message: "gcp:dirty-1 maps to grid zone XX-NONE, which has no intensity data",
    });
  });

  it("a zone without a figure for the year asked: unknown-year listing the years it has", () => {
    const dataset = withZone(zoneWith("GAPPY", { 2021: 300, 2022: 100, 2023: 0 }));
    assert.deepEqual(problemOf({ zone: "GAPPY", year: 2023 }, dataset), {
      code: "unknown-year",
      path: "year",
      message: "grid zone GAPPY has no intensity for 2023; available: 2021, 2022",
    });
  });

  it("a zone without any figure: unknown-year, none available", () => {
    const dataset = withZone(zoneWith("EMPTY", { 2021: 0 }));
    assert.deepEqual(problemOf({ zone: "EMPTY" }, dataset), {
      code: "unknown-year",
      path: "year",
      message: "grid zone EMPTY has no intensity for any year; available: none",
    });
  });

  it("a country whose zone has no figure falls back to Ember", () => {
    const dataset = withZone(zoneWith("DE", { 2021: 0 }));
    assert.equal(ok({ country: "DE" }, dataset).intensityFactor.name, "grid intensity (Germany, Ember)");
  });
});

describe("memoisation", () => {
  it("the same region, country or zone and year gives the very same frozen outcome", () => {
    for (const input of [
      { region: "gcp:dirty-1", year: 2022 },
      { country: "FR" },
      { zone: "SE-SE1", year: 2021 },
      { region: "gcp:nowhere" },
    ] as EstimateInput[]) {
      const first = resolveLocation(data, input);
      const second = resolveLocation(data, { ...input, hardware: "ignored", hours: 3 });
      assert.equal(second, first, JSON.stringify(input));
      assert.ok(Object.isFrozen(first));
    }
  });

  it("a different year or dataset is a different outcome", () => {
    const a = ok({ zone: "US-DIRTY", year: 2021 });
    const b = ok({ zone: "US-DIRTY", year: 2022 });
    assert.notEqual(a, b);
    assert.equal(b.intensityGPerKWh, 550);
    const copy: Dataset = { ...data };
    assert.notEqual(
      resolveLocation(copy, { zone: "US-DIRTY", year: 2021 }),
      resolveLocation(data, { zone: "US-DIRTY", year: 2021 }),
    );
  });

  it("the same text under another field is not confused: zone FR and country FR keep their own kinds", () => {
    assert.equal(ok({ zone: "FR" }).location.by, "zone");
    assert.equal(ok({ country: "FR" }).location.by, "country");
    assert.equal(ok({ zone: "FR" }).location.by, "zone");
  });

  it("explicit intensities and conflicting inputs are computed afresh (nothing user-sized is kept)", () => {
    assert.notEqual(resolveLocation(data, { intensity: 123 }), resolveLocation(data, { intensity: 123 }));
    assert.deepEqual(resolveLocation(data, { intensity: 123 }), resolveLocation(data, { intensity: 123 }));
  });
});
