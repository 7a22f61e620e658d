// `mlco2 report` (one saved result, or tracker logs merged): the flag and error matrix in-process through
// the runCli seam, with problem codes and exit codes. Standard input and real processes are tested in
// reports-cli.test.ts and report-merge.test.ts.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, test } from "node:test";
import { logText, savedEstimate } from "../../server/fixtures/log-lines.ts";
import { tempDir } from "../../tracker/fixtures/test-helpers.ts";
import { cli } from "../fixtures/run-cli.ts";
import { runCliOutcome } from "../program.ts";

const dir = tempDir("mlco2-report-flags-");
const at = (name: string) => join(dir, name);
const started = new Date("2026-01-01T00:00:00Z");
const runA = logText("run-a", started, 3);
writeFileSync(at("a.jsonl"), runA.text);
writeFileSync(at("b.jsonl"), logText("run-b", started, 5).text);
writeFileSync(at("cut.jsonl"), logText("run-c", started, 3, false).text);
writeFileSync(at("saved.json"), savedEstimate());
writeFileSync(at("half.json"), '{"energyKWh": 1}');
writeFileSync(at("hello.json"), "hello");
mkdirSync(at("empty"));
mkdirSync(at("two"));
copyFileSync(at("a.jsonl"), at("two/a.jsonl"));
copyFileSync(at("b.jsonl"), at("two/b.jsonl"));
mkdirSync(at("one"));
copyFileSync(at("a.jsonl"), at("one/a.jsonl"));
symlinkSync(at("one/a.jsonl"), at("link.jsonl"));

/** [args after "report", exit code, problem code, first stderr line (after "mlco2: ")]. */
type Case = readonly [readonly string[], number, string, string];

const SINGLE: readonly Case[] = [
  [
    [at("saved.json"), "--format", "pdf"],
    2,
    "not-allowed",
    '--format: "pdf" is not allowed; use one of text, latex, markdown, model-card, json, csv',
  ],
  [
    [at("saved.json"), "--format", "jsn"],
    2,
    "not-allowed",
    '--format: "jsn" is not allowed (did you mean json?); use one of text, latex, markdown, model-card, json, csv',
  ],
  [
    [at("saved.json"), "--training-type", "pretraining"],
    2,
    "not-allowed",
    '--training-type: "pretraining" is not allowed (did you mean pre-training?); use one of pre-training, fine-tuning',
  ],
  [
    [at("saved.json"), "--format", "csv", "--format", "json"],
    2,
    "repeated",
    '--format: given 2 times ("csv", "json"); give it once',
  ],
  [
    [at("saved.json"), "--output", at("no/out.txt")],
    2,
    "write-failed",
    `--output: cannot write "${at("no/out.txt")}" (ENOENT); use a writable file path`,
  ],
  [
    [at("none.json")],
    2,
    "unreadable",
    `report: cannot read "${at("none.json")}" (ENOENT); give a saved estimate (.json), a tracker log (.jsonl), or - for standard input`,
  ],
  [
    [at("hello.json")],
    2,
    "not-json",
    `report: ${at("hello.json")}: not JSON, and its last line is not a JSON summary`,
  ],
  [
    [at("half.json")],
    2,
    "invalid",
    `report: ${at("half.json")}: facilityEnergyKWh: is missing; it is required`,
  ],
  [
    [at("cut.jsonl")],
    2,
    "invalid",
    `report: ${at("cut.jsonl")}: type: the last line's type is "sample", not "summary"`,
  ],
  [
    ["-"],
    2,
    "usage",
    "report: no standard input to read; give a saved estimate (.json), a tracker log (.jsonl), or - for standard input",
  ],
  [[], 2, "commander.missingArgument", "missing required argument 'files'"],
  [[at("saved.json"), "--bogus"], 2, "commander.unknownOption", "unknown option '--bogus'"],
];

const MERGE: readonly Case[] = [
  [
    [at("a.jsonl"), at("b.jsonl")],
    2,
    "different-runs",
    "report: these logs are of 2 different runs: run-a (1 log), run-b (1 log); give the logs of one run, or --merge-runs to add them up",
  ],
  [
    [at("two")],
    2,
    "different-runs",
    "report: these logs are of 2 different runs: run-a (1 log), run-b (1 log)",
  ],
  [
    [at("empty")],
    2,
    "no-logs",
    `report: "${at("empty")}" is a directory with no tracker logs (*.jsonl) in it`,
  ],
  [
    [at("a.jsonl"), at("missing.jsonl")],
    2,
    "unreadable",
    `report: cannot read "${at("missing.jsonl")}" (ENOENT); give tracker logs (.jsonl) or a directory of them`,
  ],
  [[at("a.jsonl"), at("b.jsonl"), "--format", "pdf"], 2, "not-allowed", '--format: "pdf" is not allowed'],
  [[at("two"), "--training-type", "x"], 2, "not-allowed", '--training-type: "x" is not allowed'],
  [
    ["-", at("a.jsonl")],
    2,
    "usage",
    "report: - (standard input) cannot be merged with other logs; give files",
  ],
  [
    [at("two"), "--merge-runs", "--output", at("no/out.txt")],
    2,
    "write-failed",
    `--output: cannot write "${at("no/out.txt")}" (ENOENT)`,
  ],
];

const run = async (args: readonly string[], exitCode: number, code: string, first: string) => {
  const r = await cli("report", ...args);
  assert.equal(r.exitCode, exitCode, r.stderr);
  assert.equal(r.code, code, r.stderr);
  assert.equal(r.stdout, "");
  assert.ok(r.stderr.startsWith(`mlco2: ${first}`), `${r.stderr} does not start with ${first}`);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
  return r;
};

describe("mlco2 report <file>: bad flags and files (in-process)", () => {
  for (const [args, exitCode, code, first] of SINGLE)
    test(`${JSON.stringify(args.map((a) => a.replace(dir, "…")))} → exit ${exitCode}, ${code}`, async () => {
      const r = await run(args, exitCode, code, first);
      // One line per problem: a file with many problems lists 3 and counts the rest.
      if (args[0] !== at("half.json")) assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    });

  test("a saved result with many problems: 3 listed, the rest counted, each line naming the file", async () => {
    const r = await cli("report", at("half.json"));
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 4);
    assert.ok(lines.every((l) => l.startsWith(`mlco2: report: ${at("half.json")}: `)));
    assert.match(lines[3] ?? "", /: \d+ more problems; give a saved estimate/);
  });

  test("- reads standard input through the seam", async () => {
    let stdout = "";
    const outcome = await runCliOutcome(["report", "-", "--format", "csv"], {
      stdout: (t) => {
        stdout += t;
      },
      stderr: () => {},
      stdin: () => Readable.from([readFileSync(at("saved.json"))]),
    });
    assert.deepEqual(outcome, { exitCode: 0, code: null });
    assert.equal(stdout, (await cli("report", at("saved.json"), "--format", "csv")).stdout);
  });
});

describe("mlco2 report <logs…>: merging (in-process)", () => {
  for (const [args, exitCode, code, first] of MERGE)
    test(`${JSON.stringify(args.map((a) => a.replace(dir, "…")))} → exit ${exitCode}, ${code}`, async () => {
      const r = await run(args, exitCode, code, first);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    });

  test("a log left out: named on stderr with why, the rest merged, exit 1", async () => {
    const r = await cli("report", at("a.jsonl"), at("cut.jsonl"), "--format", "json");
    assert.equal(r.exitCode, 1);
    assert.equal(r.code, null);
    assert.match(r.stderr, /^mlco2: report: cut\.jsonl: left out: it has no summary line/);
    const merged = JSON.parse(r.stdout) as { energyKWh: number };
    assert.ok(Math.abs(merged.energyKWh - runA.cumulative.energyKWh) < 1e-15);
  });

  test("no complete log at all: each named, then the refusal, exit 2", async () => {
    const r = await run([at("cut.jsonl"), at("hello.json")], 2, "no-logs", "report: cut.jsonl: left out:");
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 3);
    assert.match(lines[1] ?? "", /hello\.json: left out: not a tracker log/);
    assert.equal(lines[2], "mlco2: report: no complete tracker log to merge");
  });

  test("--merge-runs adds up different runs", async () => {
    const r = await cli("report", at("two"), "--merge-runs", "--format", "json");
    assert.equal(r.exitCode, 0, r.stderr);
    const b = logText("run-b", started, 5).cumulative;
    const merged = JSON.parse(r.stdout) as { energyKWh: number };
    assert.ok(Math.abs(merged.energyKWh - (runA.cumulative.energyKWh + b.energyKWh)) < 1e-15);
  });

  test("a log named twice (as a file, in its directory, through a link) is counted once", async () => {
    const once = JSON.parse((await cli("report", at("a.jsonl"), "--format", "json")).stdout) as {
      energyKWh: number;
    };
    for (const args of [
      [at("a.jsonl"), at("a.jsonl")],
      [at("one/a.jsonl"), at("one")],
      [at("link.jsonl"), at("one")],
    ]) {
      const r = await cli("report", ...args, "--format", "json");
      assert.equal(r.exitCode, 0, r.stderr);
      const merged = JSON.parse(r.stdout) as { energyKWh: number };
      assert.equal(merged.energyKWh, once.energyKWh, args.join(" "));
    }
  });
});
