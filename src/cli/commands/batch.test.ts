import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  linkSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { runCli } from "../program.ts";

let dir = "";
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
before(() => {
  dir = mkdtempSync(join(tmpdir(), "mlco2-batch-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in-process (the runCli seam); `stdin` feeds `--batch -`. */
const run = async (argv: string[], stdin?: string) => {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    ...(stdin === undefined ? {} : { stdin: () => Readable.from([Buffer.from(stdin)]) }),
  });
  return { code, stdout, stderr };
};

const RUNS = [
  "run,hardware,count,hours,device_hours,region,note",
  "a,T4,1,2,,gcp:us-central1,ok",
  "b,T4,1,-3,,gcp:us-central1,x",
  "c,T4,1,,-1,gcp:us-central1,x",
  "d,T4,1,0x10,,gcp:us-central1,x",
  "e,T4,1,2,,gcp:nowhere,x",
  "f,T4,1,2,,gcp:us-central1",
  'h,T4,1,2,,gcp:us-central1,24" screen',
  'g,T4,1,2,,gcp:us-central1,"open',
  "",
].join("\n");

describe("estimate --batch: wording (in-process)", () => {
  it("words each coded problem as FILE:LINE: column: message; row skipped, then the total", async () => {
    const runs = file("runs.csv", RUNS);
    const r = await run(["estimate", "--batch", runs]);
    assert.equal(r.code, 1);
    const lines = r.stderr.trimEnd().split("\n");
    assert.equal(
      lines[0],
      `mlco2: ${runs}:3: hours: -3 is not allowed; use a number above 0 and at most 87600; row skipped`,
    );
    assert.equal(
      lines[1],
      `mlco2: ${runs}:4: device_hours: -1 is not allowed; use a number above 0 and at most 500000000; row skipped`,
    );
    assert.equal(lines[2], `mlco2: ${runs}:5: hours: "0x10" is not a decimal number; row skipped`);
    assert.match(lines[3] ?? "", new RegExp(`^mlco2: ${runs}:6: region: unknown gcp region "nowhere"`));
    assert.equal(
      lines[4],
      `mlco2: ${runs}:7: has 6 fields but the header has 7 (check quoting); row skipped`,
    );
    assert.match(lines[5] ?? "", new RegExp(`^mlco2: ${runs}:9: unclosed quote .*; row skipped$`));
    assert.match(lines[6] ?? "", /^mlco2: total 2 of 8 rows priced, 6 skipped: /);
    assert.equal(lines.length, 7);
    assert.ok(r.stdout.includes('h,T4,1,2,,gcp:us-central1,24" screen,'));
  });

  it("--strict stops with one line naming the row; header problems are one line, exit 2", async () => {
    const runs = file("strict.csv", RUNS);
    const strict = await run(["estimate", "--batch", runs, "--strict"]);
    assert.equal(strict.code, 2);
    assert.equal(
      strict.stderr,
      `mlco2: --batch: ${runs}:3: hours: -3 is not allowed; use a number above 0 and at most 87600 (stopped: --strict)\n`,
    );
    const cases: [string, RegExp][] = [
      ["", /^mlco2: --batch: \S+ is empty; expected a header row/],
      [
        "a,b\n1,2\n",
        /^mlco2: --batch: \S+: the header names none of the input columns; use any of hardware,/,
      ],
      ["hours,HOURS\n1,2\n", /^mlco2: --batch: \S+: column "hours" appears twice in the header\n$/],
      ['hardware,"hours\n', /^mlco2: --batch: \S+: unclosed quote/],
    ];
    for (const [text, expected] of cases) {
      const r = await run(["estimate", "--batch", file("bad.csv", text)]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, expected);
      assert.equal(r.stderr.split("\n").length, 2);
    }
  });

  it("more than 100 bad rows: the first 100 listed, then one line, then the total", async () => {
    const rows = Array.from({ length: 150 }, () => "T4,-1,gcp:us-central1");
    const r = await run([
      "estimate",
      "--batch",
      file("many.csv", `hardware,hours,region\n${rows.join("\n")}\n`),
    ]);
    const lines = r.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 102);
    assert.match(lines[100] ?? "", /many\.csv: more bad rows; only the count is reported from here on$/);
    assert.match(lines[101] ?? "", /total 0 of 150 rows priced, 150 skipped/);
  });

  it("--batch - reads standard input; messages name it stdin", async () => {
    const r = await run(
      ["estimate", "--batch", "-", "--format", "json"],
      "hardware,hours,region\nT4,2,gcp:us-central1\nT4,x,gcp:us-central1\n",
    );
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).input.hardware, "T4");
    assert.match(r.stderr, /^mlco2: stdin:3: hours: "x" is not a number; row skipped\n/);
    const none = await run(["estimate", "--batch", "-"]);
    assert.equal(none.code, 2);
  });
});

describe("estimate --batch: the output is never the input (issue 11)", () => {
  it("refuses --output naming the input by path, symlink or hard link; the input is left whole", async () => {
    const text = "hardware,hours,region\nT4,2,gcp:us-central1\n";
    const runs = file("keep.csv", text);
    symlinkSync(runs, join(dir, "link.csv"));
    linkSync(runs, join(dir, "hard.csv"));
    for (const output of [runs, join(dir, "link.csv"), join(dir, "hard.csv"), join(dir, ".", "keep.csv")]) {
      const r = await run(["estimate", "--batch", runs, "--output", output]);
      assert.equal(r.code, 2);
      assert.match(
        r.stderr,
        /^mlco2: --output: ".*" is the --batch input and would be emptied; write to another file\n$/,
      );
      assert.equal(readFileSync(runs, "utf8"), text);
    }
    const other = join(dir, "priced.csv");
    assert.equal((await run(["estimate", "--batch", runs, "--output", other])).code, 0);
    assert.ok(readFileSync(other, "utf8").startsWith("hardware,hours,region,energy_kwh"));
  });
});

describe("estimate: write errors are one line, exit 2 (the bin, real processes)", () => {
  before(() => {
    if (!existsSync("dist/cli.js")) spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  });
  const bin = (args: string[], options: { stdout?: number; input?: string } = {}) => {
    const r = spawnSync(process.execPath, ["dist/cli.js", ...args], {
      encoding: "utf8",
      stdio: ["pipe", options.stdout ?? "pipe", "pipe"],
      ...(options.input === undefined ? {} : { input: options.input }),
    });
    return { code: r.status, stderr: r.stderr, stdout: r.stdout };
  };
  const JOB = ["--hardware", "T4", "--hours", "1", "--region", "gcp:us-central1"];
  const full = existsSync("/dev/full");

  it("--output /dev/full and stdout on /dev/full, with and without --batch", { skip: !full }, () => {
    const runs = file("full.csv", `hardware,hours,region\n${"T4,2,gcp:us-central1\n".repeat(5000)}`);
    const devFull = openSync("/dev/full", "w");
    const cases: [string[], { stdout?: number }, RegExp][] = [
      [
        ["estimate", "--batch", runs, "--output", "/dev/full"],
        {},
        /^mlco2: --output: cannot write "\/dev\/full" \(ENOSPC\)\n$/,
      ],
      [["estimate", "--batch", runs], { stdout: devFull }, /^mlco2: cannot write to stdout \(ENOSPC\)\n$/],
      [
        ["estimate", ...JOB, "--output", "/dev/full"],
        {},
        /^mlco2: --output: cannot write "\/dev\/full" \(ENOSPC\)/,
      ],
      [["estimate", ...JOB], { stdout: devFull }, /^mlco2: cannot write to stdout \(ENOSPC\)\n$/],
    ];
    for (const [args, options, expected] of cases) {
      const r = bin(args, options);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, expected);
    }
    closeSync(devFull);
  });

  it("--batch - reads the process's standard input; --output onto the file stdin reads is refused", () => {
    const r = bin(["estimate", "--batch", "-"], { input: "hardware,hours,region\nT4,2,gcp:us-central1\n" });
    assert.equal(r.code, 0);
    assert.equal(r.stdout.split("\n").length, 3);
    const runs = file("stdin.csv", "hardware,hours,region\nT4,2,gcp:us-central1\n");
    const fd = openSync(runs, "r");
    const same = spawnSync(process.execPath, ["dist/cli.js", "estimate", "--batch", "-", "--output", runs], {
      encoding: "utf8",
      stdio: [fd, "pipe", "pipe"],
    });
    assert.equal(same.status, 2);
    closeSync(fd);
    assert.match(same.stderr, /is the --batch input \(on stdin\) and would be emptied/);
    assert.ok(readFileSync(runs, "utf8").startsWith("hardware"));
  });
});
