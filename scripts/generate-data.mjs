// Runs every generator (npm run generate:data), or with --check verifies that each generated file is what
// its inputs under data/raw give (npm run check:data, part of npm test).
import { spawnSync } from "node:child_process";

const generators = [
  "scripts/generate-countries.mjs",
  "scripts/generate-grid.mjs",
  "scripts/generate-gcp-regions.mjs",
  "scripts/generate-cpus.mjs",
  // Reads the catalog the line above writes: the CPU load curves and their error table.
  "scripts/fit-cpu-power.mjs",
];
const check = process.argv.includes("--check");
let failed = 0;
for (const script of generators) {
  const args = ["--import", "tsx", script, ...(check ? ["--check"] : [])];
  const result = spawnSync(process.execPath, args, {
    stdio: ["ignore", check ? "ignore" : "inherit", "inherit"],
  });
  if (result.status !== 0) failed++;
}
if (check)
  console.log(failed === 0 ? "check:data: every generated file matches its inputs" : "check:data: failed");
process.exit(failed === 0 ? 0 : 1);
