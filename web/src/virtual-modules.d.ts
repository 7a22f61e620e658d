// Modules the build generates (web/build/compact-grid.ts).
declare module "virtual:mlco2-region-grid" {
  import type { ZoneYearTable } from "../../src/data/grid-from-tables.ts";
  /** Electricity Maps yearly tables, only the zones the cloud regions draw from. */
  export const yearly2021: ZoneYearTable;
  export const yearly2022: ZoneYearTable;
  export const yearly2023: ZoneYearTable;
  export const yearly2024: ZoneYearTable;
  export const yearly2025: ZoneYearTable;
}

/** The project's public URL, defined by web/vite.config.ts from package.json. */
declare const __MLCO2_PROJECT_URL__: string;
