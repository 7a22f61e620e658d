// Generates src/data/grid-zones.generated.ts: the grid zones of the Electricity Maps yearly tables that
// @tgwf/co2 ships (pinned in package-lock.json), one line per zone with the only fields the dataset reads
// (id, name, country, intensity per year). The tables themselves are ~390 KB of names, renewable shares
// and units repeated per zone and year; every command that loads the dataset would compile them.
// The zones are what src/data/grid-from-tables.ts makes of the tables, so the values are the package's,
// unchanged; src/data/grid.test.ts checks that the table gives the same grid.
// Run: node --import tsx scripts/generate-grid.mjs [--check]   (npm run generate:data runs every generator)
import { readFileSync } from "node:fs";
import { yearly2021, yearly2022, yearly2023, yearly2024, yearly2025 } from "@tgwf/co2/data/electricity-maps";
import { gridDataFrom } from "../src/data/grid-from-tables.ts";
import { generatedHeader, rawFile, writeGenerated } from "./lib/generated-file.mjs";

const YEARLY = [
  [2021, yearly2021],
  [2022, yearly2022],
  [2023, yearly2023],
  [2024, yearly2024],
  [2025, yearly2025],
];

const packageDir = "node_modules/@tgwf/co2";
const { version, license } = JSON.parse(readFileSync(`${packageDir}/package.json`, "utf8"));
const inputs = YEARLY.map(([year]) =>
  rawFile(`${packageDir}/dist/esm/data/electricity-maps/yearly_${year}.js`),
);

const grid = gridDataFrom(YEARLY, {});
const years = grid.years;
/** Source id of each year's column, as gridDataFrom names them (one per year, the same for every zone). */
const sourceOfYear = new Map();
for (const zone of grid.zones.values()) {
  for (const [year, source] of zone.sourceByYear) {
    const known = sourceOfYear.get(year);
    if (known !== undefined && known !== source)
      throw new Error(`two sources for ${year}: ${known}, ${source}`);
    sourceOfYear.set(year, source);
  }
}

const clean = (text) => {
  if (/[\t\n`\\$]/.test(text))
    throw new Error(`zone text with a tab, newline or template character: ${text}`);
  return text;
};
const lines = [...grid.zones.values()].map((zone) =>
  [
    clean(zone.id),
    clean(zone.name),
    zone.country ?? "",
    ...years.map((year) => {
      const value = zone.intensityGPerKWhByYear.get(year);
      return value === undefined ? "" : String(value);
    }),
  ].join("\t"),
);

const header = generatedHeader({
  script: "scripts/generate-grid.mjs",
  inputs,
  upstream: `@tgwf/co2 ${version} (${license} code) packaging Electricity Maps yearly data (ODbL 1.0)`,
  summary: `${lines.length} zones, ${years[0]}–${years.at(-1)}`,
});
writeGenerated(
  "src/data/grid-zones.generated.ts",
  `${header}

/** Years of the table's intensity columns, ascending. */
export const gridZoneYears: readonly number[] = ${JSON.stringify(years)};

/** Source id of each year's column. */
export const gridZoneSources: readonly string[] = ${JSON.stringify(years.map((year) => sourceOfYear.get(year)))};

/**
 * One grid zone per line, tab-separated: Electricity Maps zone id, name, ISO alpha-2 country ("" = none),
 * then the average intensity in gCO2eq/kWh of each year of \`gridZoneYears\` ("" = none that year). A
 * string rather than a literal of objects: a string is scanned, not compiled (bench/cli-start.bench.ts).
 */
export const gridZoneTable = \`
${lines.join("\n")}
\`;
`,
);
if (!process.argv.includes("--check")) console.log(`grid-zones.generated.ts: ${lines.length} zones`);
