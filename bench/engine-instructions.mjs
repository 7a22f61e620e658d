// Instructions per estimate, for A/B comparisons on a noisy machine: run under callgrind at two loop sizes
// and take the difference (start-up, JIT warm-up and the dataset index cancel out).
//   node bench/engine-instructions.mjs [dist/index.js] [large N]    (build first: node scripts/build.mjs)
// JIT timing moves single figures by a few per cent: compare A and B run side by side, more than once.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const inputs = [
  { hardware: "A100 SXM4 80GB", count: 8, hours: 100, region: "gcp:us-central1" },
  { hardware: "NVIDIA H100 80GB HBM3", count: 64, hours: 24, region: "aws:us-east-1", utilization: 0.7 },
  { hardware: "Tesla T4", hours: 5, country: "FR" },
  { hardware: "NVIDIA L4", hours: 12, zone: "US-CAL-CISO", year: 2024, pue: 1.2 },
  { hardware: "TPU v4", count: 256, hours: 48, region: "gcp:europe-west4" },
];

if (process.argv[2] === "--loop") {
  const { estimate } = await import(pathToFileURL(resolve(process.argv[3])).href);
  const n = Number(process.argv[4]);
  let sink = 0;
  for (let i = 0; i < n; i++) sink += estimate(inputs[i % inputs.length]).emissionsKg;
  if (!Number.isFinite(sink)) process.exitCode = 1;
} else {
  const bundle = process.argv[2] ?? "dist/index.js";
  const dir = mkdtempSync(join(tmpdir(), "mlco2-callgrind-"));
  const instructions = (n) => {
    const out = join(dir, `callgrind.${n}`);
    const args = ["--tool=callgrind", `--callgrind-out-file=${out}`, process.execPath];
    const run = spawnSync("valgrind", [...args, import.meta.filename, "--loop", bundle, String(n)]);
    if (run.status !== 0) throw new Error(`valgrind failed: ${run.stderr}`);
    return Number(/^summary: (\d+)/m.exec(readFileSync(out, "utf8"))?.[1]);
  };
  const [small, large] = [50_000, Number(process.argv[3] ?? 250_000)];
  const perEstimate = (instructions(large) - instructions(small)) / (large - small);
  console.log(`${bundle}: ${Math.round(perEstimate)} instructions per estimate`);
}
