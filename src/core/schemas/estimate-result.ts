// The saved-result shape (what `mlco2 estimate --format json` prints and a tracker summary carries),
// validated whole at every boundary: `mlco2 report`, the server's API, the page's imports.
import * as v from "valibot";
import { shownValue } from "../problems.ts";
import type { EstimateResult } from "../types.ts";
import { between, expectedObject, finiteNumber, nonNegative, oneOf, text, wholeBetween } from "./numbers.ts";

const KINDS = ["measured", "published", "estimated", "default", "user"] as const;
const YEAR = wholeBetween(1900, 2200);
const nullable = <T extends v.GenericSchema>(schema: T) => v.nullable(schema);

/** A source as results carry it. */
export const SourceSchema = v.object(
  {
    id: text(),
    title: text(),
    publisher: text(),
    url: text(),
    year: YEAR,
    retrieved: text(),
    licence: v.exactOptional(text()),
  },
  expectedObject("a source object"),
);

/** One factor with its provenance. */
export const FactorSchema = v.object(
  {
    name: text(),
    value: finiteNumber(),
    unit: text(),
    kind: oneOf(KINDS),
    source: nullable(SourceSchema),
    year: nullable(YEAR),
    note: v.exactOptional(text()),
  },
  expectedObject("a factor object"),
);

const ComponentSchema = v.object(
  {
    component: oneOf(["devices", "cpu", "memory"] as const),
    label: text(),
    powerW: nonNegative(),
    energyKWh: nonNegative(),
    kind: oneOf(KINDS),
  },
  expectedObject("a component object"),
);

const AlternativeSchema = v.object(
  { region: text(), emissionsKg: nonNegative(), intensityGPerKWh: nonNegative(), pue: between(1, 3) },
  expectedObject("an alternative object"),
);

const LocationSchema = v.object(
  {
    by: oneOf(["region", "country", "zone", "intensity"] as const),
    label: text(),
    provider: v.exactOptional(text()),
    providerName: v.exactOptional(text()),
    region: v.exactOptional(text()),
    zone: v.exactOptional(text()),
    country: v.exactOptional(text()),
  },
  expectedObject("a location object"),
);

const JobSchema = v.object(
  {
    hardware: nullable(
      v.object(
        { id: text(), name: text(), kind: text(), tdpW: nonNegative() },
        expectedObject("a hardware object or null"),
      ),
    ),
    count: wholeBetween(1, 1_000_000),
    hours: nonNegative(),
    deviceHours: nonNegative(),
    powerPerDeviceW: nonNegative(),
    utilization: nullable(between(0, 1)),
    year: nullable(YEAR),
    location: LocationSchema,
    instance: v.exactOptional(
      v.object({ name: text(), count: wholeBetween(1, 1_000_000) }, expectedObject("an instance object")),
    ),
  },
  expectedObject("a job object"),
);

const EmbodiedPartSchema = v.object(
  {
    part: oneOf(["devices", "cpu", "memory", "server"] as const),
    label: text(),
    count: nonNegative(),
    unitKg: nonNegative(),
    kg: nonNegative(),
  },
  expectedObject("an embodied part object"),
);

/** Embodied emissions as saved: the job's share, its parts and factors, the total with it. */
const EmbodiedSchema = v.pipe(
  v.object(
    {
      kg: nonNegative(),
      lowKg: nonNegative(),
      highKg: nonNegative(),
      amortisedHours: nonNegative(),
      parts: v.array(EmbodiedPartSchema, expectedObject("an array of embodied parts")),
      factors: v.array(FactorSchema, expectedObject("an array of factors")),
      derivation: text(),
      totalKg: nonNegative(),
      totalRange: v.object({ lowKg: nonNegative(), highKg: nonNegative() }, expectedObject("a range object")),
    },
    expectedObject("an embodied object"),
  ),
  v.forward(
    v.check(
      (e) => e.lowKg <= e.highKg,
      (issue) =>
        `lowKg is above highKg (${shownValue(issue.input.lowKg)} > ${shownValue(issue.input.highKg)}); a range runs from low to high`,
    ),
    ["lowKg"],
  ),
);

const CounterfactualSchema = v.object(
  {
    bestWindowKg: nullable(nonNegative()),
    bestWindowStart: nullable(
      v.pipe(
        text(),
        v.isoTimestamp(
          (issue) => `${shownValue(issue.input)} is not allowed; expected an ISO 8601 timestamp`,
        ),
      ),
    ),
    bestWindowNote: text(),
    cleanestRegionKg: nullable(nonNegative()),
    sameRegionYearlyKg: nullable(nonNegative()),
    cleanestRegion: nullable(text()),
    cleanestRegionScope: nullable(oneOf(["provider", "country"] as const)),
    cleanestRegionNote: text(),
  },
  expectedObject("a counterfactual object or null"),
);

const EquivalentsSchema = v.object(
  {
    carKm: nonNegative(),
    coalKg: nonNegative(),
    treeSeedlings10y: nonNegative(),
    flights: v.object({ route: text(), count: nonNegative() }, expectedObject("a flights object")),
  },
  expectedObject("an equivalents object"),
);

/** Energy and emissions per functional unit. */
const PerUnitSchema = v.object(
  { unit: text(), units: nonNegative(), energyKWh: nonNegative(), emissionsKg: nonNegative() },
  expectedObject("a per-unit object"),
);

/**
 * An {@link EstimateResult} as saved: every field the reports read, with its type and bounds (no NaN,
 * no negative energy or emissions, a range that contains nothing upside down).
 */
export const EstimateResultSchema = v.pipe(
  v.object(
    {
      energyKWh: nonNegative(),
      facilityEnergyKWh: nonNegative(),
      emissionsKg: nonNegative(),
      intensityGPerKWh: nonNegative(),
      pue: between(1, 3),
      range: v.object({ lowKg: nonNegative(), highKg: nonNegative() }, expectedObject("a range object")),
      marketBasedKg: nullable(nonNegative()),
      factors: v.array(FactorSchema, expectedObject("an array of factors")),
      warnings: v.array(text(), expectedObject("an array of strings")),
      derivation: text(),
      components: v.array(ComponentSchema, expectedObject("an array of components")),
      alternatives: v.object(
        { cleanestInProvider: nullable(AlternativeSchema) },
        expectedObject("an alternatives object"),
      ),
      equivalents: EquivalentsSchema,
      job: JobSchema,
      embodied: v.exactOptional(EmbodiedSchema),
      perUnit: v.exactOptional(PerUnitSchema),
      counterfactual: v.exactOptional(nullable(CounterfactualSchema)),
    },
    expectedObject("a saved estimate object"),
  ),
  v.forward(
    v.check(
      (r) => r.range.lowKg <= r.range.highKg,
      (issue) =>
        `lowKg is above highKg (${shownValue(issue.input.range.lowKg)} > ${shownValue(issue.input.range.highKg)}); a range runs from low to high`,
    ),
    ["range", "lowKg"],
  ),
);

/** The type the schema checks is the engine's result type (a compile-time guard that they agree). */
export type SavedEstimate = v.InferOutput<typeof EstimateResultSchema>;
const agrees = (value: SavedEstimate): EstimateResult => value;
void agrees;
