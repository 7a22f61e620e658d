import type { ModelDefaults, SourcedValue } from "./types.ts";

const KG_PER_POUND = 0.45359237;
const KM_PER_MILE = 1.609344;

/** GPU-like devices idle at ≈ 11 % of max power (CCF: A100 46/407, V100 35/306, T4 8/71, A10G 18/153). */
const acceleratorIdle: SourcedValue = {
  value: 0.11,
  year: 2022,
  source: "ccf-methodology",
  note: "ratio of Cloud Carbon Footprint's published GPU idle/max watts",
};

/** CPUs idle at ≈ 21 % of max (CCF AWS average 0.74 / 3.5 W per vCPU). */
const cpuIdle: SourcedValue = {
  value: 0.21,
  year: 2022,
  source: "ccf-methodology",
  note: "ratio of Cloud Carbon Footprint's AWS average min/max watts per vCPU",
};

/** The engine's model constants, each with its source (see docs/methodology.md). */
export const modelDefaults = (worldIntensity: SourcedValue): ModelDefaults => ({
  memoryWPerGB: { value: 0.3725, year: 2021, source: "green-algorithms-2021" },
  unknownCpuWPerThread: {
    idle: { value: 0.74, year: 2022, source: "ccf-methodology", note: "AWS average min watts per vCPU" },
    max: { value: 3.5, year: 2022, source: "ccf-methodology", note: "AWS average max watts per vCPU" },
  },
  idleFractionByKind: {
    gpu: acceleratorIdle,
    tpu: acceleratorIdle,
    npu: acceleratorIdle,
    cpu: cpuIdle,
    soc: cpuIdle,
  },
  defaultUtilization: {
    value: 1,
    year: 2019,
    source: "lacoste-2019",
    note: "TDP for the whole run, as the 2019 calculator and the BLOOM/Llama accountings do",
  },
  lowUtilization: { value: 0.5, year: 2026, source: "mlco2-methodology" },
  unknownFacilityPue: {
    value: 1.56,
    year: 2024,
    source: "uptime-2024",
    note: "industry average annual PUE (Uptime Institute survey 2024); low end an efficient facility, Google's 2024 fleet average 1.09 [google-environmental-report-2025]",
    range: { low: 1.09, high: 1.56 },
  },
  unknownFacilityPueHigh: { value: 1.56, year: 2024, source: "uptime-2024" },
  publishedPueBand: { value: 0.05, year: 2026, source: "mlco2-methodology" },
  estimatedIdleBand: { value: 0.5, year: 2026, source: "mlco2-methodology" },
  worldIntensity,
  equivalents: {
    // 3.93 × 10^-4 t CO2e per mile driven by the average gasoline passenger vehicle.
    carKgPerKm: { value: 0.393 / KM_PER_MILE, year: 2024, source: "epa-equivalencies-2024" },
    // 9.05 × 10^-4 t CO2 per pound of coal burned.
    coalKgPerKg: { value: 0.905 / KG_PER_POUND, year: 2024, source: "epa-equivalencies-2024" },
    // 0.060 t CO2 per urban tree seedling grown for 10 years.
    treeSeedlingKg: { value: 60, year: 2024, source: "epa-equivalencies-2024" },
    flight: {
      value: 570,
      year: 2021,
      source: "green-algorithms-2021",
      route: "New York–San Francisco, one passenger",
    },
  },
});
