// Batch pricing, end to end, against the floor: a bare Node pass that reads the same file and splits it
// into lines. Generates a 1,000,000-row CSV in a temporary folder; prints rows/s and the ratio. Then the
// hostile files of issue 11: peak memory with stray quotes and an over-long line (against the plain
// file's), and 200 rows of distinct unknown 1 KB hardware names ("did you mean" must stay cheap).
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

/** A preload that reports the process's peak memory and CPU time on stderr when it exits. */
const rusage = join(dir, "rusage.mjs");
writeFileSync(
  rusage,
  `import { writeSync } from "node:fs";
process.on("exit", () => { const r = process.resourceUsage(); writeSync(2, "RUSAGE " + r.maxRSS + " " + (r.userCPUTime + r.systemCPUTime) + "\\n"); });`,
);

/** Runs the CLI on a file; returns wall ms, peak RSS (MB), the total line and the exit code. */
const measured = (file: string) => {
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    ["--import", rusage, "dist/cli.js", "estimate", "--batch", file, "--output", output],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  const ms = performance.now() - start;
  const [, rss = "0"] = /RUSAGE (\d+) (\d+)/.exec(r.stderr) ?? [];
  const total = /total ([\d,]+) of ([\d,]+) rows priced(?:, ([\d,]+) skipped)?/.exec(r.stderr);
  const n = (text: string | undefined) => Number((text ?? "0").replaceAll(",", ""));
  return {
    ms,
    rssMB: Number(rss) / 1024,
    code: r.status,
    priced: n(total?.[1]),
    rows: n(total?.[2]),
    skipped: n(total?.[3]),
  };
};

/** The bench file with stray quotes (one mid-cell, one opening a cell that never closes) and a 5 MB cell. */
const hostileFile = (): string => {
  const path = join(dir, "hostile.csv");
  const text = parts.map((line, i) => {
    if (i === 10) return line.replace(",user", ',24" user');
    if (i === 1000) return line.replace(",user", ',"user');
    if (i === 500_000) return line.replace(",user", `,${"x".repeat(5 << 20)}`);
    return line;
  });
  writeFileSync(path, text.join(""));
  return path;
};

/** 200 rows, each naming a different unknown 1 KB hardware. */
const unknownNamesFile = (): string => {
  const path = join(dir, "unknown.csv");
  const rows = ["hardware,count,hours,region"];
  for (let i = 0; i < 200; i++) {
    let name = "";
    for (let j = 0; j < 1024; j++) name += String.fromCharCode(97 + ((i * 31 + j * 7 + (j >> 5)) % 26));
    rows.push(`${name},1,1,gcp:us-central1`);
  }
  writeFileSync(path, `${rows.join("\n")}\n`);
  return path;
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

  const plain = measured(input);
  const hostile = measured(hostileFile());
  console.log(
    `hostile file (stray quotes, a 5 MB cell): ${hostile.priced.toLocaleString("en")} of ${hostile.rows.toLocaleString("en")} rows priced, ${hostile.skipped} skipped (adds up: ${hostile.priced + hostile.skipped === hostile.rows ? "yes" : "NO"}); peak RSS ${hostile.rssMB.toFixed(0)} MB vs ${plain.rssMB.toFixed(0)} MB for the plain file (${(hostile.rssMB / plain.rssMB).toFixed(2)}×; main before issue 11: 1.68 GB on a 200 MB file)`,
  );
  const unknown = measured(unknownNamesFile());
  console.log(
    `200 rows of distinct unknown 1 KB hardware names: ${unknown.ms.toFixed(0)} ms end to end, all ${unknown.skipped} skipped (before issue 11: 53 s)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
