// CLI cold start: `mlco2 estimate …` against `node -e 0`, run side by side (interleaved), median of
// each. Target (issue 11): within 1.5× of bare node. Wall time on a shared machine is noisy, so where
// valgrind is installed the instructions each executes are counted too (deterministic to about 1 %).
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
console.log(`cold start ratio: ${ratio.toFixed(2)}× bare node (target ≤ 1.5×)`);

/** Instructions executed by `node args`, counted by callgrind (null without valgrind). */
const instructions = (args: string[]): number | null => {
  const r = spawnSync(
    "valgrind",
    ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, ...args],
    {
      encoding: "utf8",
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  const match = /Collected : (\d+)/.exec(r.stderr ?? "");
  return r.status === 0 && match !== null ? Number(match[1]) : null;
};
const bareCount = instructions(["-e", "0"]);
const cliCount = bareCount === null ? null : instructions(estimateArgs);
if (bareCount !== null && cliCount !== null)
  console.log(
    `instructions:     node -e 0 ${(bareCount / 1e6).toFixed(0)} M, mlco2 estimate ${(cliCount / 1e6).toFixed(0)} M: ${(cliCount / bareCount).toFixed(2)}× (target ≤ 1.5×)`,
  );
else console.log("instructions:     not counted (valgrind is not installed)");
process.exitCode = ratio <= 1.5 ? 0 : 1;
