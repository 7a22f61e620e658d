import assert from "node:assert/strict";
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { checkFiles, checkPlainOptions, INTERVAL_LIMITS, needsDataset } from "./check-options.ts";
import { tempDir } from "./fixtures/test-helpers.ts";
import { CODECARBON_COLUMNS } from "./log-csv.ts";

/** [code, path, message] of each problem. */
const problemsOf = (options: Parameters<typeof checkPlainOptions>[0]) =>
  checkPlainOptions(options).map((p) => [p.code, p.path, p.message]);

describe("checkPlainOptions", () => {
  test("good options, or none: no problem", () => {
    assert.deepEqual(problemsOf({}), []);
    assert.deepEqual(
      problemsOf({
        intervalS: INTERVAL_LIMITS.minS,
        pue: 1,
        intensity: 0,
        cpu: { tdpW: 280 },
        year: 2023,
        country: "FR",
        runId: "job-42",
        units: 1000,
        unit: "tokens",
      }),
      [],
    );
    assert.deepEqual(problemsOf({ intervalS: INTERVAL_LIMITS.maxS, pue: 3, intensity: 2000 }), []);
  });

  test("interval: below 0.05 s, above an hour, or not finite is out of range", () => {
    for (const intervalS of [0.049, 0, -1, 3600.5, Number.NaN, Number.POSITIVE_INFINITY])
      assert.deepEqual(problemsOf({ intervalS }), [
        [
          "out-of-range",
          "interval",
          `${String(intervalS)} is not allowed; use a number of seconds from 0.05 to 3600`,
        ],
      ]);
  });

  test("PUE, intensity and a CPU TDP use the engine's bounds", () => {
    assert.deepEqual(problemsOf({ pue: 0.9 }), [
      ["out-of-range", "pue", "0.9 is not allowed; use a number from 1 to 3"],
    ]);
    assert.deepEqual(problemsOf({ intensity: 2001 }), [
      ["out-of-range", "intensity", "2001 is not allowed; use a number from 0 to 2000 (gCO2eq/kWh)"],
    ]);
    assert.deepEqual(problemsOf({ cpu: { tdpW: 0.5 } }), [
      [
        "out-of-range",
        "cpu",
        "0.5 is not allowed; use a CPU from the catalog or a TDP in watts (a number from 1 to 2000)",
      ],
    ]);
    // A CPU name is checked later, with the dataset.
    assert.deepEqual(problemsOf({ cpu: "not a cpu" }), []);
  });

  test("a year without a location asks for one", () => {
    assert.deepEqual(problemsOf({ year: 2022 }), [
      ["required", "year", "give one of region, country or zone too: the year 2022 chooses their grid data"],
    ]);
    for (const location of [{ region: "gcp:us-central1" }, { country: "DE" }, { zone: "DE" }])
      assert.deepEqual(problemsOf({ year: 2022, ...location }), []);
    // An explicit intensity is no location for a year.
    assert.equal(problemsOf({ year: 2022, intensity: 100 })[0]?.[0], "required");
  });

  test("run id: 1 to 200 characters without control characters", () => {
    assert.deepEqual(problemsOf({ runId: "x".repeat(200) }), []);
    for (const runId of ["", "   ", "x".repeat(201), "a\nb", "tab\there", "del\u007f"]) {
      const problems = problemsOf({ runId });
      assert.equal(problems.length, 1, JSON.stringify(runId));
      assert.equal(problems[0]?.[0], "invalid");
      assert.equal(problems[0]?.[1], "runId");
      assert.match(String(problems[0]?.[2]), /use 1 to 200 characters without control characters/);
    }
    assert.equal(
      problemsOf({ runId: "a\nb" })[0]?.[2],
      '"a\\nb" is not allowed; use 1 to 200 characters without control characters, the same for every task of the run',
    );
  });

  test("units: a bad count or name is a problem; a unit alone is fine (counted from the output later)", () => {
    assert.deepEqual(problemsOf({ unit: "tokens" }), []);
    const [count] = problemsOf({ units: -5 });
    assert.equal(count?.[1], "units");
    assert.equal(count?.[0], "out-of-range");
    const [name] = problemsOf({ units: 10, unit: " " });
    assert.deepEqual(name?.slice(0, 2), ["invalid", "unit"]);
  });

  test("every problem is listed, in a fixed order, none starting with its field's name", () => {
    const problems = checkPlainOptions({
      intervalS: 0,
      pue: 5,
      intensity: -1,
      cpu: { tdpW: 9999 },
      year: 2020,
    });
    assert.deepEqual(
      problems.map((p) => p.path),
      ["interval", "pue", "intensity", "cpu", "year"],
    );
    for (const p of problems) assert.ok(!p.message.startsWith(p.path), p.message);
  });
});

describe("needsDataset", () => {
  test("only names to look up, a year or a source need the dataset", () => {
    assert.equal(needsDataset({}), false);
    assert.equal(
      needsDataset({ intervalS: 1, pue: 1.2, intensity: 50, cpu: { tdpW: 100 }, runId: "r" }),
      false,
    );
    for (const options of [
      { cpu: "EPYC 7763" },
      { region: "aws:us-east-1" },
      { country: "FR" },
      { zone: "FR" },
      { year: 2023 },
      { intensitySeries: { kind: "file" } },
    ])
      assert.equal(needsDataset(options), true, JSON.stringify(options));
  });
});

describe("checkFiles", () => {
  test("new files in a writable folder, or none: fine, and nothing is created", () => {
    const dir = tempDir();
    assert.equal(checkFiles({}), null);
    assert.equal(checkFiles({ logPath: join(dir, "run.jsonl"), csvPath: join(dir, "emissions.csv") }), null);
    assert.equal(checkFiles({ logPath: join(dir, "run.jsonl") }), null);
    assert.deepEqual(readdirSync(dir), []);
  });

  test("a folder that does not exist, or a path that is a folder: unwritable, naming the path", () => {
    const dir = tempDir();
    const missing = join(dir, "no-such-dir", "run.jsonl");
    const error = checkFiles({ logPath: missing });
    assert.equal(error?.code, "unwritable");
    assert.equal(error?.file, "log");
    assert.equal(error?.path, missing);
    assert.match(error?.reason ?? "", /^ENOENT/);
    const folder = checkFiles({ csvPath: dir });
    assert.equal(folder?.code, "unwritable");
    assert.equal(folder?.file, "csv");
    assert.equal(folder?.reason, "EISDIR: is a directory");
    assert.equal(folder?.message, `cannot write ${dir} (EISDIR: is a directory)`);
  });

  test("a file under a plain file is not a directory", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "plain"), "x");
    const error = checkFiles({ logPath: join(dir, "plain", "run.jsonl") });
    assert.equal(error?.code, "unwritable");
    assert.match(error?.reason ?? "", /^ENOTDIR/);
  });

  test("a read-only file or folder is unwritable (skipped as root, who may write anyway)", (t) => {
    if (process.getuid?.() === 0) return t.skip("root writes read-only files");
    const dir = tempDir();
    const file = join(dir, "run.jsonl");
    writeFileSync(file, "");
    chmodSync(file, 0o444);
    assert.match(checkFiles({ logPath: file })?.reason ?? "", /^EACCES/);
    const locked = join(dir, "locked");
    mkdirSync(locked, { mode: 0o555 });
    assert.match(checkFiles({ csvPath: join(locked, "e.csv") })?.reason ?? "", /^EACCES/);
  });

  test("the log and the CSV may not be one file, however spelled", () => {
    const dir = tempDir();
    const error = checkFiles({ logPath: join(dir, "x"), csvPath: join(dir, ".", "sub", "..", "x") });
    assert.equal(error?.code, "unwritable");
    assert.equal(error?.file, "csv");
    assert.equal(error?.reason, "the same file as the log");
  });

  test("an existing CSV must have CodeCarbon's header; an empty one is fine", () => {
    const dir = tempDir();
    const good = join(dir, "good.csv");
    writeFileSync(good, `${CODECARBON_COLUMNS.join(",")}\n`);
    assert.equal(checkFiles({ csvPath: good }), null);
    const empty = join(dir, "empty.csv");
    writeFileSync(empty, "");
    assert.equal(checkFiles({ csvPath: empty }), null);
    const other = join(dir, "other.csv");
    writeFileSync(other, "name,score\nada,1\n");
    const error = checkFiles({ csvPath: other });
    assert.equal(error?.code, "other-columns");
    assert.equal(error?.file, "csv");
    assert.match(error?.message ?? "", /its first line is "name,score"\); nothing was appended/);
  });
});
