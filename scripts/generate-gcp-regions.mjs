// Generates src/data/regions/gcp-carbon.generated.ts: Google's yearly CFE and grid intensity per Google
// Cloud region, from data/raw/google-region-carbon/2025.csv (GoogleCloudPlatform/region-carbon-info).
// Run: node scripts/generate-gcp-regions.mjs [--check]   (npm run generate:data runs every generator)
import { readFileSync } from "node:fs";
import { parseCsvRecords } from "./lib/csv.mjs";
import { generatedHeader, rawFile, writeGenerated } from "./lib/generated-file.mjs";

const dir = "data/raw/google-region-carbon";
const upstream = JSON.parse(readFileSync(`${dir}/SOURCE.json`, "utf8"));
const input = rawFile(`${dir}/2025.csv`);
const rows = parseCsvRecords(input.text).map((r) => {
  const cfe = Number(r["Google CFE"]);
  const intensity = Number(r["Grid carbon intensity (gCO2eq / kWh)"]);
  if (!(cfe >= 0 && cfe <= 1) || !(intensity > 0)) throw new Error(`bad row ${JSON.stringify(r)}`);
  return `  ["${r["Google Cloud Region"]}", ${cfe}, ${intensity}],`;
});
const header = generatedHeader({
  script: "scripts/generate-gcp-regions.mjs",
  inputs: [input],
  upstream: `${upstream.repository} ${upstream.file} @ ${upstream.commit}, ${upstream.licence}`,
  summary: `${rows.length} regions, year 2025`,
});
writeGenerated(
  "src/data/regions/gcp-carbon.generated.ts",
  `${header}
/** Year the figures speak for. */
export const googleRegionCarbonYear = 2025;

/** [region, Google CFE 0–1, grid carbon intensity gCO2eq/kWh], as Google publishes them. */
export const googleRegionCarbon: readonly (readonly [string, number, number])[] = [
${rows.join("\n")}
];
`,
);
