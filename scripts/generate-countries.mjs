// Generates src/data/countries.generated.ts from Debian's iso-codes package (ISO 3166-1), kept under
// data/raw/iso-codes/ with its version and copyright.
// Run: node scripts/generate-countries.mjs [--check]   (npm run generate:data runs every generator)
import { readFileSync } from "node:fs";
import { generatedHeader, rawFile, writeGenerated } from "./lib/generated-file.mjs";

const dir = "data/raw/iso-codes";
const upstream = JSON.parse(readFileSync(`${dir}/SOURCE.json`, "utf8"));
const input = rawFile(`${dir}/iso_3166-1.json`);
const { "3166-1": countries } = JSON.parse(input.text);
const rows = countries
  .map((c) => [c.alpha_2, c.alpha_3, c.common_name ?? c.name])
  .sort((a, b) => a[0].localeCompare(b[0]));
const body = rows.map(([a2, a3, name]) => `  ["${a2}", "${a3}", ${JSON.stringify(name)}],`).join("\n");
const header = generatedHeader({
  script: "scripts/generate-countries.mjs",
  inputs: [input],
  upstream: `${upstream.package} ${upstream.version}, ${upstream.licence}`,
  summary: `${rows.length} countries (ISO 3166-1)`,
});
writeGenerated(
  "src/data/countries.generated.ts",
  `${header}
/** ISO 3166-1 countries: [alpha-2, alpha-3, name]. */
export const countries: readonly (readonly [string, string, string])[] = [
${body}
];
`,
);
