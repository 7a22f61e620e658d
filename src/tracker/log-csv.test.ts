import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { tempDir } from "./fixtures/test-helpers.ts";
import {
  appendCodecarbonRow,
  CODECARBON_COLUMNS,
  type CodecarbonRow,
  codecarbonCsv,
  readCsvHeader,
} from "./log-csv.ts";
import { TrackerError } from "./tracker-error.ts";

const HEADER = CODECARBON_COLUMNS.join(",");
/** The cells of a row line: a row has as many cells as columns, 38. */
const EMPTY_TAIL = ",".repeat(CODECARBON_COLUMNS.length - 3);

const row: CodecarbonRow = { timestamp: "2026-01-15T10:00:00", project_name: "demo", run_id: "r1" };

describe("codecarbonCsv", () => {
  test("CodeCarbon's 38 columns in its order; missing and null cells empty", () => {
    assert.equal(CODECARBON_COLUMNS.length, 38);
    assert.equal(CODECARBON_COLUMNS[0], "timestamp");
    assert.equal(CODECARBON_COLUMNS[5], "emissions");
    assert.equal(CODECARBON_COLUMNS.at(-1), "wue");
    assert.equal(codecarbonCsv([row], false), `2026-01-15T10:00:00,demo,r1${EMPTY_TAIL}\n`);
    assert.equal(
      codecarbonCsv([{ ...row, emissions: null }], false),
      `2026-01-15T10:00:00,demo,r1${EMPTY_TAIL}\n`,
    );
  });

  test("with the header: header line first; several rows, one line each", () => {
    const text = codecarbonCsv([row, { ...row, run_id: "r2", duration: 12.5 }], true);
    const lines = text.split("\n");
    assert.equal(lines[0], HEADER);
    assert.equal(lines.length, 4); // header, two rows, "" after the last newline
    assert.equal(lines[2]?.split(",")[4], "12.5");
  });

  test("cells with commas, quotes or line breaks are quoted, quotes doubled", () => {
    const text = codecarbonCsv(
      [{ project_name: 'a "big", run', cpu_model: "line\nbreak", gpu_model: "2 x NVIDIA A100, 1 x T4" }],
      false,
    );
    assert.ok(text.startsWith(',"a ""big"", run",'));
    assert.ok(text.includes(',"line\nbreak",'));
    assert.ok(text.includes(',"2 x NVIDIA A100, 1 x T4",'));
  });
});

describe("readCsvHeader", () => {
  test("missing, empty or a folder: null", () => {
    const dir = tempDir();
    assert.equal(readCsvHeader(join(dir, "none.csv")), null);
    writeFileSync(join(dir, "empty.csv"), "");
    assert.equal(readCsvHeader(join(dir, "empty.csv")), null);
    assert.equal(readCsvHeader(dir), null);
  });

  test("CodeCarbon's header matches, with a BOM or CRLF line ends too; another does not", () => {
    const dir = tempDir();
    const path = join(dir, "e.csv");
    writeFileSync(path, `\uFEFF${HEADER}\r\nx\r\n`);
    assert.deepEqual(readCsvHeader(path), { line: HEADER, matches: true });
    writeFileSync(path, "a,b\nc,d\n");
    assert.deepEqual(readCsvHeader(path), { line: "a,b", matches: false });
    writeFileSync(path, `${HEADER},extra\n`);
    assert.equal(readCsvHeader(path)?.matches, false);
  });
});

describe("appendCodecarbonRow", () => {
  test("a new file gets the header and the row; the next run appends its row only", () => {
    const path = join(tempDir(), "emissions.csv");
    appendCodecarbonRow(path, row);
    appendCodecarbonRow(path, { ...row, run_id: "r2" });
    assert.equal(
      readFileSync(path, "utf8"),
      `${HEADER}\n2026-01-15T10:00:00,demo,r1${EMPTY_TAIL}\n2026-01-15T10:00:00,demo,r2${EMPTY_TAIL}\n`,
    );
  });

  test("an empty file gets the header; a file without its last newline gets one before the row", () => {
    const dir = tempDir();
    const empty = join(dir, "empty.csv");
    writeFileSync(empty, "");
    appendCodecarbonRow(empty, row);
    assert.ok(readFileSync(empty, "utf8").startsWith(`${HEADER}\n2026`));
    const cut = join(dir, "cut.csv");
    writeFileSync(cut, HEADER);
    appendCodecarbonRow(cut, row);
    assert.equal(readFileSync(cut, "utf8"), `${HEADER}\n2026-01-15T10:00:00,demo,r1${EMPTY_TAIL}\n`);
  });

  test("a file with other columns is refused and left as it was", () => {
    const path = join(tempDir(), "other.csv");
    writeFileSync(path, "name,score\n");
    assert.throws(
      () => appendCodecarbonRow(path, row),
      (error: unknown) =>
        error instanceof TrackerError &&
        error.code === "other-columns" &&
        error.file === "csv" &&
        error.path === path &&
        error.message.includes('its first line is "name,score"'),
    );
    assert.equal(readFileSync(path, "utf8"), "name,score\n");
  });

  test("a very long first line is cut in the message", () => {
    const path = join(tempDir(), "long.csv");
    writeFileSync(path, `${"x".repeat(100)}\n`);
    assert.throws(
      () => appendCodecarbonRow(path, row),
      (error: unknown) => error instanceof TrackerError && error.message.includes(`"${"x".repeat(57)}…"`),
    );
  });

  test("a folder that does not exist: an unwritable TrackerError, and no file left behind", () => {
    const path = join(tempDir(), "missing", "e.csv");
    assert.throws(
      () => appendCodecarbonRow(path, row),
      (error: unknown) =>
        error instanceof TrackerError &&
        error.code === "unwritable" &&
        error.reason.startsWith("ENOENT") &&
        error.message.startsWith(`cannot write ${path} (ENOENT`),
    );
    assert.equal(existsSync(path), false);
  });
});
