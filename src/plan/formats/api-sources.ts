import type { Source } from "../../data/types.ts";

/** The Electricity Maps API as a source, with the date it was read. */
export const electricityMapsSource = (retrievedAt: string, year: number): Source => ({
  id: "electricitymaps-api-v3",
  title: "Electricity Maps API v3: carbon-intensity history, latest and forecast (life-cycle, gCO2eq/kWh)",
  publisher: "Electricity Maps",
  url: "https://api.electricitymap.org/v3/carbon-intensity",
  year,
  retrieved: retrievedAt.slice(0, 10),
});

/** The WattTime API as a source, with the date it was read. */
export const wattTimeSource = (retrievedAt: string, year: number): Source => ({
  id: "watttime-api-v3",
  title: "WattTime API v3: historical and forecast signals (co2_moer, lbs CO2/MWh)",
  publisher: "WattTime",
  url: "https://api.watttime.org/v3",
  year,
  retrieved: retrievedAt.slice(0, 10),
});
