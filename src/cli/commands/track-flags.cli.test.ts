// `mlco2 track`'s flag and error matrix, in-process through the runCli seam: each bad flag is refused with
// exit code 2, one line naming the flag and the bad value, and a problem code, before the command starts.
// The real-process tests (exit codes, signals, stdio) are in track.test.ts and its siblings.
import assert from "node:assert/strict";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { tempDir } from "../../tracker/fixtures/test-helpers.ts";
import { cli } from "../fixtures/run-cli.ts";

const dir = tempDir("mlco2-track-flags-");
const marker = join(dir, "ran");
/** The tracked command: it leaves a marker, so a case that wrongly starts it is seen. */
const TOUCH = [process.execPath, "-e", `require("fs").writeFileSync(${JSON.stringify(marker)}, "")`];
const otherCsv = join(dir, "other.csv");
writeFileSync(otherCsv, "name,score\n");

/** [flags, problem code, start of the stderr line (after "mlco2: "), text the line must hold]. */
type Case = readonly [readonly string[], string, string, string];

const CASES: readonly Case[] = [
  [["--interval", "0"], "out-of-range", "--interval: 0 is not allowed", "from 0.05 to 3600"],
  [["--interval", "-1"], "out-of-range", "--interval: -1 is not allowed", "from 0.05 to 3600"],
  [["--interval", "1e9"], "out-of-range", "--interval: 1000000000 is not allowed", "seconds"],
  [["--interval", "abc"], "not-a-number", '--interval: "abc" is not a number', "from 0.05 to 3600"],
  [["--interval", "0x10"], "not-a-number", '--interval: "0x10" is not a number', "seconds"],
  [["--interval", "1", "--interval", "2"], "usage", "--interval: given twice", '("1" and "2")'],
  [["--intensity", "100", "--intensity", "200"], "usage", "--intensity: given twice", '("100" and "200")'],
  [["--intensity", "-5"], "out-of-range", "--intensity: -5 is not allowed", "from 0 to 2000"],
  [["--pue", "9"], "out-of-range", "--pue: 9 is not allowed", "from 1 to 3"],
  [["--pue", "x"], "not-a-number", '--pue: "x" is not a number', "from 1 to 3"],
  [["--cpu", "0"], "out-of-range", "--cpu: 0 is not allowed", "TDP in watts"],
  [["--cpu", "2001"], "out-of-range", "--cpu: 2001 is not allowed", "from 1 to 2000"],
  [["--cpu", "NotACpu"], "unknown-hardware", '--cpu: unknown hardware "NotACpu"', "mlco2 hardware"],
  [
    ["--cpu", "NotACpu", "--country", "FR"],
    "unknown-hardware",
    '--cpu: unknown hardware "NotACpu"',
    "mlco2 hardware",
  ],
  [["--cpu", "99999", "--intensity", "100"], "out-of-range", "--cpu: 99999 is not allowed", "from 1 to 2000"],
  [["--cpu", "A100"], "wrong-kind", '--cpu: "A100" is a gpu, not a CPU', "TDP in watts"],
  [["--year", "2022"], "required", "--year: give one of --region, --country or --zone too", "2022"],
  [
    ["--intensity", "100", "--year", "2022"],
    "required",
    "--year: give one of --region, --country or --zone too",
    "2022",
  ],
  [["--country", "FR", "--year", "1800"], "unknown-year", "--year: 1800 is not available", "2021"],
  [["--region", "aws:nowhere"], "unknown-region", '--region: unknown aws region "nowhere"', "us-east-1"],
  [["--country", "XX"], "unknown-country", '--country: "XX" is not an ISO 3166', "FR"],
  [["--zone", "NOPE"], "unknown-zone", '--zone: unknown grid zone "NOPE"', "mlco2 zones"],
  [
    ["--region", "aws:us-east-1", "--country", "FR"],
    "conflict",
    "--country: cannot be combined with --region",
    "one location",
  ],
  [["--gpus", ""], "usage", '--gpus: "" is not allowed', "none, or all"],
  [["--units", "0"], "out-of-range", "--units: 0 is not allowed", "above 0"],
  [["--units", "many"], "not-a-number", '--units: "many" is not a number', "units above 0"],
  [["--units", "5", "--unit", ""], "invalid", '--unit: "" is not allowed', "e.g. tokens"],
  [["--unit", "tokens"], "usage", "--unit: give --units or --units-from too", "how many"],
  [["--run-id", "a\nb"], "invalid", '--run-id: "a\\nb" is not allowed', "1 to 200 characters"],
  [["--progress", "epoch (\\d+"], "invalid", "--progress: is not a regular expression", "Unterminated group"],
  [["--progress", "epoch (\\d+)"], "invalid", "--progress: needs 2 capturing groups", "done and total"],
  [["--units-from", "tokens"], "invalid", "--units-from: needs a capturing group", "for the number"],
  [["--source", "nope"], "not-allowed", '--source: "nope" is not allowed (did you mean none?)', "watttime"],
  [["--source", "file"], "usage", "--series: required with --source file", "time series"],
  [
    ["--series", join(dir, "none.csv")],
    "unreadable-file",
    `--series: cannot read ${join(dir, "none.csv")}`,
    "no such file",
  ],
  [["--server", "notaurl"], "invalid", '--server: "notaurl" is not allowed', "http(s) URL"],
  [
    ["--log", join(dir, "no", "x.jsonl")],
    "unwritable",
    `--log: cannot write ${join(dir, "no", "x.jsonl")}`,
    "ENOENT",
  ],
  [["--no-log", "--log", "x.jsonl"], "usage", "--log: cannot be combined with --no-log", "--no-log"],
  [["--no-log", "--csv", dir], "unwritable", `--csv: cannot write ${dir}`, "EISDIR"],
  [["--no-log", "--csv", otherCsv], "other-columns", `--csv: ${otherCsv} has other columns`, '"name,score"'],
  [
    ["--log", join(dir, "same"), "--csv", join(dir, "same")],
    "unwritable",
    `--csv: ${join(dir, "same")} is also the JSONL log`,
    "another file",
  ],
];

describe("mlco2 track: bad flags (in-process, through runCli)", () => {
  for (const [flags, code, start, holds] of CASES) {
    const withLocation = flags.some((f) =>
      ["--intensity", "--region", "--country", "--zone", "--year"].includes(f),
    );
    const args = ["track", ...(withLocation ? [] : ["--intensity", "100"]), ...flags, "--", ...TOUCH];
    test(`${JSON.stringify(flags)} → exit 2, ${code}`, async () => {
      const r = await cli(...args);
      assert.equal(r.exitCode, 2, r.stderr);
      assert.equal(r.code, code, r.stderr);
      assert.equal(r.stdout, "");
      const lines = r.stderr.split("\n").filter((l) => l !== "");
      assert.equal(lines.length, 1, r.stderr);
      assert.ok(lines[0]?.startsWith(`mlco2: ${start}`), `${lines[0]} does not start with ${start}`);
      assert.ok(lines[0]?.includes(holds), `${lines[0]} does not hold ${holds}`);
      assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
      assert.equal(existsSync(marker), false, `${flags.join(" ")} ran the command`);
    });
  }

  test("nothing was created by the refused runs: no log, no CSV", () => {
    assert.deepEqual(readdirSync(dir).sort(), ["other.csv"]);
  });

  test("no command, an unknown flag: usage errors from the parser, exit 2", async () => {
    const none = await cli("track");
    assert.deepEqual([none.exitCode, none.code], [2, "usage"]);
    assert.equal(
      none.stderr,
      "mlco2: track: no command given; use mlco2 track [options] -- <command> [args…]\n",
    );
    const empty = await cli("track", "--", "");
    assert.deepEqual([empty.exitCode, empty.code], [2, "usage"]);
    const bogus = await cli("track", "--bogus", "--", ...TOUCH);
    assert.deepEqual([bogus.exitCode, bogus.code], [2, "commander.unknownOption"]);
    assert.equal(bogus.stderr, "mlco2: unknown option '--bogus'\n");
    const missing = await cli("track", "--interval");
    assert.deepEqual([missing.exitCode, missing.code], [2, "commander.optionMissingArgument"]);
    assert.match(missing.stderr, /^mlco2: option '--interval <s>' argument missing\n$/);
  });

  test("several bad flags: every problem that needs no dataset, one line each, the first one's code", async () => {
    const r = await cli(
      "track",
      "--no-log",
      "--interval",
      "0",
      "--pue",
      "0.5",
      "--intensity",
      "3000",
      "--",
      ...TOUCH,
    );
    assert.equal(r.exitCode, 2);
    assert.equal(r.code, "out-of-range");
    assert.deepEqual(
      r.stderr
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => l.split(":")[1]?.trim()),
      ["--interval", "--pue", "--intensity"],
    );
    assert.equal(existsSync(marker), false);
  });
});
