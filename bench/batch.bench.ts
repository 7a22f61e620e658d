// Batch pricing, end to end, against the floor: a bare Node pass that reads the same file and splits it
// into lines. Generates a 1,000,000-row CSV in a temporary folder; prints rows/s and the ratio.
import { spawnSync } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROWS = Number(process.env.BATCH_ROWS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), "mlco2-bench-"));
const input = join(dir, "runs.csv");
const output = join(dir, "out.csv");

const hardware = ["NVIDIA A100 SXM4 80GB", "H100 SXM5 80GB", "V100 SXM2 16GB", "TPU v4", "T4"];
const regions = [
  "gcp:us-central1",
  "aws:us-east-1",
  "azure:westeurope",
  "gcp:europe-west4",
  "aws:eu-north-1",
];
const parts: string[] = ["run_id,user,hardware,count,hours,region\n"];
for (let i = 0; i < ROWS; i++) {
  parts.push(
    `run-${i},user${i % 97},${hardware[i % 5]},${1 + (i % 8)},${1 + ((i * 7919) % 100000) / 100},${regions[(i * 31) % 5]}\n`,
  );
}
writeFileSync(input, parts.join(""));
const megabytes = statSync(input).size / 1e6;

/** The floor: stream the file as UTF-8 and split it into lines, nothing else. */
const floor = async (): Promise<number> => {
  const start = performance.now();
  let lines = 0;
  let carry = "";
  for await (const chunk of createReadStream(input, { encoding: "utf8", highWaterMark: 1 << 18 })) {
    const split = (carry + chunk).split("\n");
    carry = split.pop() ?? "";
    lines += split.length;
  }
  if (lines !== ROWS + 1) throw new Error(`floor read ${lines} lines`);
  return performance.now() - start;
};

/** End to end: the built CLI as a user runs it (process start, dataset load, read, price, write). */
const endToEnd = (): number => {
  const start = performance.now();
  const r = spawnSync(process.execPath, ["dist/cli.js", "estimate", "--batch", input, "--output", output], {
    encoding: "utf8",
  });
  const elapsed = performance.now() - start;
  if (r.status !== 0) throw new Error(`batch failed: ${r.stderr}`);
  return elapsed;
};

try {
  const floors: number[] = [];
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    floors.push(await floor());
    runs.push(endToEnd());
  }
  const best = (xs: number[]) => Math.min(...xs);
  const floorMs = best(floors);
  const batchMs = best(runs);
  const rate = ROWS / (batchMs / 1000);
  console.log(
    `input ${ROWS.toLocaleString("en")} rows, ${megabytes.toFixed(1)} MB; output ${(statSync(output).size / 1e6).toFixed(1)} MB`,
  );
  console.log(`floor (read + split lines): ${floorMs.toFixed(0)} ms`);
  console.log(`batch end to end (node dist/cli.js estimate --batch … --output …): ${batchMs.toFixed(0)} ms`);
  console.log(
    `rows/s: ${Math.round(rate).toLocaleString("en")} (target ≥ 500,000: ${rate >= 500_000 ? "met" : "NOT met"})`,
  );
  console.log(
    `ratio batch / floor: ${(batchMs / floorMs).toFixed(1)}× (target ≤ 4×: ${batchMs / floorMs <= 4 ? "met" : "NOT met"})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
