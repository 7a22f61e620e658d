// `mlco2 estimate --batch`: the error matrix in-process through the runCli seam, with exit codes and the
// problem codes the CLI exposes (a --strict stop carries the bad row's problem code, a bad header its
// batch code). Streaming and real processes are tested in batch.test.ts and reports-cli.test.ts.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { tempDir } from "../../tracker/fixtures/test-helpers.ts";
import { cli } from "../fixtures/run-cli.ts";

const dir = tempDir("mlco2-batch-flags-");
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const runs = file(
  "runs.csv",
  "run,hardware,count,hours,region\na,A100 SXM4 80GB,8,100,gcp:us-central1\nb,T4,1,-3,aws:us-east-1\nc,T4,2,10,aws:us-east-1\n",
);

/** [args after "estimate --batch", problem code, the one stderr line (after "mlco2: ")]. */
type Case = readonly [readonly string[], string, string];

const CASES: readonly Case[] = [
  [
    [runs, "--strict"],
    "out-of-range",
    `--batch: ${runs}:3: hours: -3 is not allowed; use a number above 0 and at most 87600 (stopped: --strict)`,
  ],
  [
    [file("empty.csv", "")],
    "empty-file",
    `--batch: ${join(dir, "empty.csv")} is empty; expected a header row naming columns such as hardware,count,hours,region`,
  ],
  [
    [file("dup.csv", "hours,hours\n1,2\n")],
    "duplicate-column",
    `--batch: ${join(dir, "dup.csv")}: column "hours" appears twice in the header`,
  ],
  [
    [file("unknown.csv", "foo,bar\n1,2\n")],
    "no-known-column",
    `--batch: ${join(dir, "unknown.csv")}: the header names none of the input columns; use any of hardware,`,
  ],
  [
    [join(dir, "none.csv")],
    "unreadable",
    `--batch: cannot read "${join(dir, "none.csv")}" (ENOENT); give a CSV file with a header row`,
  ],
  [[dir], "usage", `--batch: "${dir}" is a directory; give a CSV file`],
  [[runs, "--format", "latex"], "not-allowed", '--format: "latex" is not allowed; use one of csv, json'],
  [
    [runs, "--training-type", "fine-tuning"],
    "usage",
    "--training-type: applies to --format model-card, not to --batch",
  ],
  [[runs, "--embodied"], "usage", "--embodied: applies to a single estimate, not to --batch"],
  [
    [runs, "--output", join(dir, "no", "out.csv")],
    "write-failed",
    `--output: cannot write "${join(dir, "no", "out.csv")}" (ENOENT); use a writable file path`,
  ],
  [[runs, "--output", runs], "usage", `--output: "${runs}" is the --batch input and would be emptied`],
  [["-"], "usage", "--batch: -: no standard input to read"],
];

describe("mlco2 estimate --batch: refusals (in-process)", () => {
  for (const [args, code, line] of CASES)
    test(`${JSON.stringify(args.map((a) => a.replace(dir, "…")))} → exit 2, ${code}`, async () => {
      const r = await cli("estimate", "--batch", ...args);
      assert.equal(r.exitCode, 2, r.stderr);
      assert.equal(r.code, code, r.stderr);
      const lines = r.stderr.split("\n").filter((l) => l !== "");
      assert.equal(lines.length, 1, r.stderr);
      assert.ok(lines[0]?.startsWith(`mlco2: ${line}`), `${lines[0]} does not start with ${line}`);
    });

  test("--strict: the rows before the bad one are written, none after; exit 2", async () => {
    const out = join(dir, "strict.csv");
    const r = await cli("estimate", "--batch", runs, "--strict", "--output", out);
    assert.deepEqual([r.exitCode, r.code], [2, "out-of-range"]);
    const rows = readFileSync(out, "utf8").trimEnd().split("\n");
    assert.equal(rows.length, 2);
    assert.ok(rows[1]?.startsWith("a,A100 SXM4 80GB,8,100,gcp:us-central1,320,"));
  });

  test("without --strict: bad rows skipped and listed, a total, exit 1 with no error code", async () => {
    const r = await cli("estimate", "--batch", runs);
    assert.deepEqual([r.exitCode, r.code], [1, null]);
    assert.equal(r.stdout.trimEnd().split("\n").length, 3);
    assert.match(r.stderr, /^mlco2: .*runs\.csv:3: hours: -3 is not allowed; .*; row skipped\n/);
    assert.match(r.stderr, /\nmlco2: total 2 of 3 rows priced, 1 skipped: /);
  });
});
