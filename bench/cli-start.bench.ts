// CLI cold start: `mlco2 estimate …` against `node -e 0`, run side by side (interleaved), median of
// each. Target: within 2.5× of bare node.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const estimateArgs = [
  bin,
  "estimate",
  "--hardware",
  "A100 SXM4 80GB",
  "--count",
  "8",
  "--hours",
  "100",
  "--region",
  "gcp:us-central1",
];

const timeOnce = (args: string[]): number => {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const runs = 21;
const bare: number[] = [];
const cli: number[] = [];
timeOnce(estimateArgs); // warm the file cache
for (let i = 0; i < runs; i++) {
  bare.push(timeOnce(["-e", "0"]));
  cli.push(timeOnce(estimateArgs));
}
const ratio = median(cli) / median(bare);
console.log(`node -e 0:        median ${median(bare).toFixed(1)} ms (${runs} runs)`);
console.log(`mlco2 estimate:   median ${median(cli).toFixed(1)} ms (${runs} runs, interleaved)`);
console.log(`cold start ratio: ${ratio.toFixed(2)}× bare node (target ≤ 2.5×)`);
process.exitCode = ratio <= 2.5 ? 0 : 1;
