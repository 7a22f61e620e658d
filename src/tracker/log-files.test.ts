import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { checkFiles, checkPlainOptions, needsDataset } from "./check-options.ts";
import { tempDir } from "./fixtures/test-helpers.ts";
import { appendCodecarbonRow, CODECARBON_COLUMNS, readCsvHeader } from "./log-csv.ts";
import { type LogFile, openJsonlLog, parseJsonlLog } from "./log-jsonl.ts";
import type { TrackerError } from "./tracker-error.ts";

/** A disk with room for `capacity` bytes: writes past it are cut short, then fail with ENOSPC. */
const fillingDisk = (capacity: number) => {
  let bytes = Buffer.alloc(0);
  let closedWith: boolean | null = null;
  const file: LogFile = {
    write(data) {
      const room = capacity - bytes.length;
      if (room <= 0)
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      const part = data.subarray(0, room);
      bytes = Buffer.concat([bytes, part]);
      return part.length;
    },
    truncate(length) {
      bytes = bytes.subarray(0, length);
    },
    close(discard) {
      closedWith = discard;
    },
  };
  return { file, text: () => bytes.toString(), closedWith: () => closedWith };
};

test("a disk that fills mid-run: the cut line is removed, one error reported, later lines dropped, nothing thrown", () => {
  const disk = fillingDisk(250);
  const errors: TrackerError[] = [];
  const log = openJsonlLog("run.jsonl", { open: () => disk.file, onError: (e) => errors.push(e) });
  for (let i = 0; i < 20; i++) log.write({ type: "sample", i, pad: "x".repeat(40) });
  log.close();
  assert.equal(errors.length, 1);
  assert.equal(errors[0]?.message, "cannot write run.jsonl (ENOSPC: no space left on device)");
  assert.equal(errors[0]?.file, "log");
  assert.equal(log.error(), errors[0]);
  const text = disk.text();
  assert.ok(text.endsWith("\n"));
  const lines = text.trim().split("\n");
  assert.equal(lines.length, 3); // 3 lines of 73 bytes fit in 250; the 4th was cut and removed
  assert.deepEqual(
    lines.map((l) => (JSON.parse(l) as { i: number }).i),
    [0, 1, 2],
  );
  assert.equal(disk.closedWith(), false, "a log with lines is kept");
});

test("a log that never got a line is removed when the tracker created it; a pre-existing file is kept", () => {
  const full = fillingDisk(0);
  const log = openJsonlLog("run.jsonl", { open: () => full.file });
  log.write({ type: "start" });
  log.close();
  assert.equal(full.closedWith(), true);
  const dir = tempDir();
  const created = join(dir, "new.jsonl");
  openJsonlLog(created).close();
  assert.equal(existsSync(created), false, "an empty log the tracker created is removed");
  const existing = join(dir, "old.jsonl");
  writeFileSync(existing, "old\n");
  openJsonlLog(existing).close();
  assert.equal(existsSync(existing), true);
  const written = join(dir, "run.jsonl");
  const ok = openJsonlLog(written);
  ok.write({ type: "start" });
  ok.close();
  assert.deepEqual(parseJsonlLog(readFileSync(written, "utf8")), [{ type: "start" }]);
});

test("CSV: the header with the first row, rows after; another header is refused, the file untouched", () => {
  const dir = tempDir();
  const csv = join(dir, "emissions.csv");
  appendCodecarbonRow(csv, { project_name: "a", duration: 1 });
  appendCodecarbonRow(csv, { project_name: "b", duration: 2 });
  const lines = readFileSync(csv, "utf8").trim().split("\n");
  assert.equal(lines.length, 3);
  assert.equal(lines[0], CODECARBON_COLUMNS.join(","));
  assert.deepEqual(readCsvHeader(csv), { line: CODECARBON_COLUMNS.join(","), matches: true });
  // A file whose last row lacks its newline gets one before the new row.
  const cut = join(dir, "cut.csv");
  writeFileSync(cut, `${CODECARBON_COLUMNS.join(",")}\n${",".repeat(CODECARBON_COLUMNS.length - 1)}`);
  appendCodecarbonRow(cut, { project_name: "c" });
  assert.equal(readFileSync(cut, "utf8").trim().split("\n").length, 3);
  const other = join(dir, "other.csv");
  writeFileSync(other, "name,score\r\nalpha,1\r\n");
  assert.throws(
    () => appendCodecarbonRow(other, { project_name: "x" }),
    (e: TrackerError) => e.code === "other-columns" && /"name,score"/.test(e.message),
  );
  assert.equal(readFileSync(other, "utf8"), "name,score\r\nalpha,1\r\n");
  assert.equal(readCsvHeader(join(dir, "missing.csv")), null);
});

test("CSV on a full device: a TrackerError naming the file", { skip: !existsSync("/dev/full") }, () => {
  assert.throws(
    () => appendCodecarbonRow("/dev/full", { project_name: "x" }),
    (e: TrackerError) =>
      e.code === "unwritable" && e.message === "cannot write /dev/full (ENOSPC: no space left on device)",
  );
});

test("file checks create nothing and name the problem", () => {
  const dir = tempDir();
  const log = join(dir, "run.jsonl");
  const csv = join(dir, "run.csv");
  assert.equal(checkFiles({ logPath: log, csvPath: csv }), null);
  assert.equal(existsSync(log) || existsSync(csv), false);
  assert.match(checkFiles({ logPath: join(dir, "no", "x.jsonl") })?.message ?? "", /ENOENT/);
  assert.match(checkFiles({ logPath: dir })?.message ?? "", /EISDIR/);
  assert.equal(checkFiles({ logPath: log, csvPath: log })?.file, "csv");
  writeFileSync(csv, "a,b\n1,2\n");
  assert.equal(checkFiles({ csvPath: csv })?.code, "other-columns");
});

test("plain checks: interval, PUE, intensity, a CPU TDP, a year without a named location", () => {
  const paths = (options: Parameters<typeof checkPlainOptions>[0]) =>
    checkPlainOptions(options).map((p) => p.path);
  assert.deepEqual(paths({ intervalS: 1, pue: 1.2, intensity: 100, cpu: { tdpW: 150 } }), []);
  assert.deepEqual(paths({ intervalS: 0.01 }), ["interval"]);
  assert.deepEqual(paths({ cpu: { tdpW: 0 } }), ["cpu"]);
  assert.deepEqual(paths({ cpu: { tdpW: 2001 } }), ["cpu"]);
  assert.deepEqual(paths({ year: 2022 }), ["year"]);
  assert.deepEqual(paths({ year: 2022, intensity: 100 }), ["year"]);
  assert.deepEqual(paths({ year: 2022, country: "FR" }), []);
  assert.equal(needsDataset({ cpu: "EPYC 7601" }), true);
  assert.equal(needsDataset({ cpu: { tdpW: 100 }, intensity: 100 }), false);
  assert.equal(needsDataset({ zone: "FR" }), true);
});
