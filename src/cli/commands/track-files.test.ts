// `mlco2 track` around real child processes (npm run build first): every option is checked before the
// command runs, nothing the user had is deleted, and a file that cannot be written (a full disk, /dev/full,
// a CSV with other columns) costs one line, never the command's exit code or the summary.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { fakeGpuEnv, sleep, tempDir } from "../../tracker/fixtures/test-helpers.ts";
import { CODECARBON_COLUMNS } from "../../tracker/log-csv.ts";

const CLI = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
const NODE = process.execPath;
const ENV = { ...process.env, PATH: `${fakeGpuEnv(null).PATH}:${process.env.PATH}` };
const skip = !existsSync(CLI);

interface Ended {
  readonly code: number | null;
  readonly stderr: string;
}

/** Starts a command line (argv) with the test's environment; collects stderr. */
const start = (argv: string[], cwd?: string): { child: ChildProcess; done: Promise<Ended> } => {
  const [file = "", ...args] = argv;
  const child = spawn(file, args, { env: ENV, stdio: ["ignore", "ignore", "pipe"], ...(cwd ? { cwd } : {}) });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  const done = new Promise<Ended>((resolve) => child.on("close", (code) => resolve({ code, stderr })));
  return { child, done };
};

const track = (args: string[], cwd?: string) => start([NODE, CLI, "track", ...args], cwd).done;

/** A command that leaves a marker file, to tell whether it ran. */
const touching = (marker: string) => [
  NODE,
  "-e",
  `require("fs").writeFileSync(${JSON.stringify(marker)}, "")`,
];

const oneLine = (result: Ended, what: string) => {
  assert.equal(result.stderr.trim().split("\n").length, 1, `${what}: ${result.stderr}`);
  assert.doesNotMatch(result.stderr, /internal error|\n\s+at /, what);
};

test("a bad --cpu, --year or location is refused before the command runs, with a location or without", {
  skip,
}, async () => {
  const dir = tempDir();
  const marker = join(dir, "ran");
  // Every case runs in-process in track-flags.cli.test.ts; here one checked without the dataset and one
  // checked with it, as real processes.
  for (const args of [
    ["--cpu", "2001"],
    ["--cpu", "NotACpu", "--country", "FR"],
  ]) {
    const result = await track(["--no-log", ...args, "--", ...touching(marker)]);
    assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    oneLine(result, args.join(" "));
    assert.match(result.stderr, /^mlco2: --(cpu|year|pue|region|country|location)/, result.stderr);
    assert.equal(existsSync(marker), false, `${args.join(" ")} ran the command`);
  }
  const good = await track(["--no-log", "--quiet", "--cpu", "150", "--", ...touching(marker)]);
  assert.equal(good.code, 0, good.stderr);
  assert.ok(existsSync(marker));
});

test("a command that is not found deletes and creates nothing: an existing --log, a new --log, a new --csv", {
  skip,
}, async () => {
  const dir = tempDir();
  const keep = join(dir, "keep.jsonl");
  writeFileSync(keep, '{"type":"start"}\n');
  const result = await track(["--log", keep, "--intensity", "100", "--", "no-such-command-xyz"]);
  assert.equal(result.code, 127);
  assert.equal(readFileSync(keep, "utf8"), '{"type":"start"}\n');
  const fresh = await track([
    "--log",
    join(dir, "new.jsonl"),
    "--csv",
    join(dir, "new.csv"),
    "--intensity",
    "100",
    "--",
    "no-such-command-xyz",
  ]);
  assert.equal(fresh.code, 127);
  assert.equal(existsSync(join(dir, "new.jsonl")), false);
  assert.equal(existsSync(join(dir, "new.csv")), false);
  // A name with a control character or 100 KB long is quoted and cut: still one line.
  for (const name of ["no\nsuch", "x".repeat(100_000)]) {
    const odd = await track(["--no-log", "--intensity", "100", "--", name]);
    assert.ok(odd.code === 127 || odd.code === 126, odd.stderr.slice(0, 200)); // not found, or a name too long
    oneLine(odd, "odd command name");
    assert.ok(odd.stderr.length < 200, odd.stderr.slice(0, 200));
  }
  // The default log name too.
  const defaultLog = await track(["--intensity", "100", "--", "no-such-command-xyz"], dir);
  assert.equal(defaultLog.code, 127);
  assert.deepEqual(
    (await import("node:fs")).readdirSync(dir).filter((f) => f.startsWith("mlco2-")),
    [],
  );
});

test("--log and --csv on a full device: one line naming the file, the command's exit code, the summary", {
  skip: skip || !existsSync("/dev/full"),
}, async () => {
  const log = await track(["--log", "/dev/full", "--intensity", "100", "--", NODE, "-e", "process.exit(3)"]);
  assert.equal(log.code, 3, log.stderr);
  assert.equal(log.stderr.match(/cannot write \/dev\/full/g)?.length, 1, log.stderr);
  assert.match(log.stderr, /^mlco2: --log: cannot write \/dev\/full \(ENOSPC[^\n]*\n/);
  assert.match(log.stderr, /\n {2}log {5}\/dev\/full \(incomplete: ENOSPC/);
  assert.match(log.stderr, /exited with code 3/);
  assert.doesNotMatch(log.stderr, /internal error|\n\s+at /);
  const csv = await track([
    "--no-log",
    "--quiet",
    "--csv",
    "/dev/full",
    "--intensity",
    "100",
    "--",
    NODE,
    "-e",
    "process.exit(4)",
  ]);
  assert.equal(csv.code, 4, csv.stderr);
  oneLine(csv, "--csv /dev/full");
  assert.match(csv.stderr, /^mlco2: --csv: cannot write \/dev\/full \(ENOSPC/);
});

test("a disk that fills during the run: one warning, whole lines kept, tracking and the command go on", {
  skip,
}, async () => {
  const dir = tempDir();
  const log = join(dir, "run.jsonl");
  const csv = join(dir, "run.csv");
  const marker = join(dir, "finished");
  // A file size limit of 8 KiB (ulimit -f counts 512-byte blocks): the log fills after a few samples;
  // Node ignores SIGXFSZ, so the write fails with EFBIG as it would with ENOSPC.
  const script = `setTimeout(() => { require("fs").writeFileSync(${JSON.stringify(marker)}, "done"); process.exit(5); }, 1500)`;
  const { done } = start([
    "/bin/sh",
    "-c",
    'ulimit -f 16; exec "$@"',
    "sh",
    NODE,
    CLI,
    "track",
    "--interval",
    "0.05",
    "--intensity",
    "100",
    "--log",
    log,
    "--csv",
    csv,
    "--",
    NODE,
    "-e",
    script,
  ]);
  const result = await done;
  assert.equal(result.code, 5, result.stderr);
  assert.equal(readFileSync(marker, "utf8"), "done");
  assert.equal(result.stderr.match(/^mlco2: --log: cannot write/gm)?.length, 1, result.stderr);
  assert.match(result.stderr, /exited with code 5/);
  assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
  const text = readFileSync(log, "utf8");
  assert.ok(text.length > 0 && text.length <= 8192 && text.endsWith("\n"), `log of ${text.length} bytes`);
  for (const line of text.trim().split("\n")) JSON.parse(line);
  // The CSV row is small enough for the limit: it is there.
  assert.equal(readFileSync(csv, "utf8").split("\n")[0], CODECARBON_COLUMNS.join(","));
});

test("a disk full from the start leaves no empty log and no empty CSV; the command's exit code is kept", {
  skip,
}, async () => {
  const dir = tempDir();
  const log = join(dir, "run.jsonl");
  const csv = join(dir, "run.csv");
  // 512 bytes: smaller than the log's first line and than the CSV's header.
  const { done } = start([
    "/bin/sh",
    "-c",
    'ulimit -f 1; exec "$@"',
    "sh",
    NODE,
    CLI,
    "track",
    "--quiet",
    "--intensity",
    "100",
    "--log",
    log,
    "--csv",
    csv,
    "--",
    NODE,
    "-e",
    "process.exit(6)",
  ]);
  const result = await done;
  assert.equal(result.code, 6, result.stderr);
  assert.match(result.stderr, /^mlco2: --log: cannot write .*run\.jsonl \(EFBIG/m);
  assert.match(result.stderr, /^mlco2: --csv: cannot write .*run\.csv \(EFBIG/m);
  assert.equal(result.stderr.trim().split("\n").length, 2, result.stderr);
  assert.equal(existsSync(log), false);
  assert.equal(existsSync(csv), false);
});

test("--csv onto a CSV with other columns is refused before the command runs, the file untouched", {
  skip,
}, async () => {
  const dir = tempDir();
  const csv = join(dir, "runs.csv");
  writeFileSync(csv, "name,score\nalpha,1\n");
  const marker = join(dir, "ran");
  const result = await track(["--no-log", "--intensity", "100", "--csv", csv, "--", ...touching(marker)]);
  assert.equal(result.code, 2);
  oneLine(result, "other columns");
  assert.match(result.stderr, /--csv: .*runs\.csv has other columns .*"name,score"/);
  assert.equal(readFileSync(csv, "utf8"), "name,score\nalpha,1\n");
  assert.equal(existsSync(marker), false);
});

test("--csv: the header and the row appear together at the end; a killed tracker leaves no empty CSV", {
  skip,
}, async () => {
  const dir = tempDir();
  const csv = join(dir, "run.csv");
  const { child, done } = start([
    NODE,
    CLI,
    "track",
    "--no-log",
    "--intensity",
    "100",
    "--csv",
    csv,
    "--",
    NODE,
    "-e",
    "setTimeout(() => {}, 3000)",
  ]);
  await sleep(600);
  assert.equal(existsSync(csv), false, "no CSV while the command runs");
  child.kill("SIGKILL");
  await done;
  assert.equal(existsSync(csv), false);
  const twice = [1, 2].map(() =>
    track(["--no-log", "--quiet", "--intensity", "100", "--csv", csv, "--", NODE, "-e", "0"]),
  );
  for (const result of await Promise.all(twice)) assert.equal(result.code, 0, result.stderr);
  const lines = readFileSync(csv, "utf8").trim().split("\n");
  assert.equal(lines.length, 3);
  assert.equal(lines[0], CODECARBON_COLUMNS.join(","));
});
