// A tiny hand-made dataset for the engine's tests: every number here is chosen to make results easy
// to compute by hand. Not used at run time.
import type { Source } from "../data/types.ts";
import type { Dataset, GridZone } from "./types.ts";

const source = (id: string, year: number): Source => ({
  id,
  title: `fixture ${id}`,
  publisher: "fixture",
  url: `https://example.org/${id}`,
  year,
  retrieved: "2026-11-28",
});

const zone = (id: string, name: string, byYear: Record<number, number>): GridZone => ({
  id,
  name,
  ...(id.length >= 2 ? { country: id.slice(0, 2) } : {}),
  intensityGPerKWhByYear: new Map(Object.entries(byYear).map(([y, v]) => [Number(y), v])),
  sourceByYear: new Map(Object.keys(byYear).map((y) => [Number(y), `grid-${y}`])),
});

const sv = (value: number, src = "model") => ({ value, year: 2024, source: src });

/** The fixture dataset. */
export const fixtureDataset: Dataset = {
  hardware: [
    {
      id: "gpu-400",
      name: "Test GPU 400",
      aliases: ["NVIDIA TG400-SXM4-80GB", "TG400"],
      vendor: "NVIDIA",
      kind: "gpu",
      tdpW: 400,
      idleW: 40,
      source: "hw",
    },
    {
      id: "gpu-300",
      name: "Test GPU 300",
      aliases: [],
      vendor: "NVIDIA",
      kind: "gpu",
      tdpW: 300,
      source: "hw",
    },
    {
      id: "cpu-200",
      name: "Test CPU 200",
      aliases: [],
      vendor: "Intel",
      kind: "cpu",
      tdpW: 200,
      source: "hw",
    },
  ],
  instances: [
    {
      provider: "gcp",
      id: "tg-8x400",
      accelerators: { hardware: "gpu-400", count: 8 },
      vcpus: 64,
      cpu: "cpu-200",
      cpuFamily: "Test CPU 200",
      memoryGB: 512,
      released: 2024,
      source: "prov",
    },
    {
      provider: "gcp",
      id: "tg-cpu-4",
      vcpus: 4,
      cpuFamily: "Test CPU 200",
      memoryGB: 16,
      released: 2024,
      source: "prov",
    },
  ],
  providers: [
    {
      id: "gcp",
      name: "Google Cloud",
      aliases: ["google"],
      pue: sv(1.1, "prov"),
      renewableMatch: sv(1, "prov"),
    },
    { id: "aws", name: "AWS", aliases: [] },
  ],
  regions: [
    {
      provider: "gcp",
      id: "dirty-1",
      name: "Dirty",
      location: "Dirtytown",
      country: "US",
      gridZone: "US-DIRTY",
      source: "prov",
    },
    {
      provider: "gcp",
      id: "clean-1",
      name: "Clean",
      location: "Cleanville",
      country: "SE",
      gridZone: "SE-SE1",
      source: "prov",
      pue: sv(1.2, "prov"),
    },
    {
      provider: "aws",
      id: "east-1",
      name: "East",
      location: "Eastham",
      country: "US",
      gridZone: "US-DIRTY",
      source: "prov",
    },
  ],
  grid: {
    zones: new Map([
      ["US-DIRTY", zone("US-DIRTY", "Dirty grid", { 2021: 600, 2022: 550, 2023: 500 })],
      ["SE-SE1", zone("SE-SE1", "North Sweden", { 2021: 20, 2022: 15, 2023: 10 })],
      ["FR", zone("FR", "France", { 2021: 60, 2022: 90, 2023: 50 })],
    ]),
    emberByAlpha3: new Map([
      ["DEU", 380],
      ["WORLD", 480],
    ]),
    emberSource: "ember",
    emberYear: 2024,
    years: [2021, 2022, 2023],
    alpha3ByAlpha2: new Map([
      ["FR", "FRA"],
      ["DE", "DEU"],
      ["US", "USA"],
      ["SE", "SWE"],
    ]),
    countryNameByAlpha2: new Map([
      ["FR", "France"],
      ["DE", "Germany"],
      ["US", "United States"],
      ["SE", "Sweden"],
    ]),
  },
  defaults: {
    memoryWPerGB: sv(0.5),
    unknownCpuWPerThread: { idle: sv(1), max: sv(4) },
    idleFractionByKind: { gpu: sv(0.1), tpu: sv(0.1), npu: sv(0.1), cpu: sv(0.2), soc: sv(0.2) },
    defaultUtilization: sv(1),
    lowUtilization: sv(0.5),
    unknownFacilityPue: sv(1),
    unknownFacilityPueHigh: sv(1.5),
    publishedPueBand: sv(0.1),
    estimatedIdleBand: sv(0.5),
    worldIntensity: sv(480, "ember"),
    equivalents: {
      carKgPerKm: sv(0.25),
      coalKgPerKg: sv(2),
      treeSeedlingKg: sv(50),
      flight: { ...sv(500), route: "A–B" },
    },
  },
  sources: new Map(
    [
      source("hw", 2021),
      source("prov", 2024),
      source("model", 2024),
      source("ember", 2024),
      source("grid-2021", 2021),
      source("grid-2022", 2022),
      source("grid-2023", 2023),
    ].map((s) => [s.id, s]),
  ),
};
