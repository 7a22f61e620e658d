// Build-time plugin: replaces @tgwf/co2's Electricity Maps tables (~390 KB: names, renewable shares,
// units repeated per zone and year) with the only fields src/data/grid.ts reads, so the page ships the
// same numbers in a fraction of the bytes, as JSON.parse (which V8 reads faster than object literals). The values are copied, never rounded: the page computes
// exactly what the CLI computes.
import { yearly2021, yearly2022, yearly2023, yearly2024, yearly2025 } from "@tgwf/co2/data/electricity-maps";
import type { Plugin } from "vite";
import { regions } from "../../src/data/regions/index.ts";

const MODULE_ID = "@tgwf/co2/data/electricity-maps";
const VIRTUAL_ID = "\0mlco2-compact-electricity-maps";
/** The zones the cloud regions draw from, every year: what the page's first result needs. */
export const REGION_GRID_MODULE = "virtual:mlco2-region-grid";
const REGION_GRID_ID = "\0mlco2-region-grid";
const TABLES = { 2021: yearly2021, 2022: yearly2022, 2023: yearly2023, 2024: yearly2024, 2025: yearly2025 };
const YEARS = [2021, 2022, 2023, 2024, 2025] as const;

/** Upper-case ids of the grid zones the bundled cloud regions map to. */
export const regionZoneIds = (): ReadonlySet<string> => new Set(regions.map((r) => r.gridZone.toUpperCase()));

/**
 * Source of an ES module exporting `yearly2021`…`yearly2025` with the fields grid.ts reads, for every
 * zone or only those `keep` accepts.
 */
export const compactGridModule = (keep: (zoneId: string) => boolean = () => true): string => {
  const names: Record<string, string> = {};
  const values: Record<string, Record<string, number | null>> = {};
  for (const year of YEARS) {
    const table = TABLES[year];
    const byZone: Record<string, number | null> = {};
    for (const [id, record] of Object.entries(table.data)) {
      if (!keep(id)) continue;
      names[id] ??= record.zone.displayName ?? record.zone.zoneName;
      const value = record.carbonIntensity?.value;
      byZone[id] = typeof value === "number" ? value : null;
    }
    values[year] = byZone;
  }
  const exports = YEARS.map((year) => `export const yearly${year} = table(${year});`).join("\n");
  return `// Generated at build time by web/build/compact-grid.ts from @tgwf/co2's Electricity Maps tables. Do not edit.
const names = JSON.parse(${JSON.stringify(JSON.stringify(names))});
const values = JSON.parse(${JSON.stringify(JSON.stringify(values))});
const table = (year) => {
  const data = {};
  for (const [id, value] of Object.entries(values[year])) {
    data[id] = { zone: { zoneName: names[id] }, carbonIntensity: value === null ? undefined : { value } };
  }
  return { data };
};
${exports}
`;
};

/**
 * Vite plugin serving the compact table in place of the package's module, and the cloud regions' zones
 * alone as `virtual:mlco2-region-grid`.
 */
export const compactGrid = (): Plugin => ({
  name: "mlco2-compact-grid",
  enforce: "pre",
  resolveId: (id) => (id === MODULE_ID ? VIRTUAL_ID : id === REGION_GRID_MODULE ? REGION_GRID_ID : null),
  load: (id) => {
    if (id === VIRTUAL_ID) return compactGridModule();
    if (id !== REGION_GRID_ID) return null;
    const zones = regionZoneIds();
    return compactGridModule((zoneId) => zones.has(zoneId.toUpperCase()));
  },
});
