import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readSeriesFile, utf8TextOf } from "./series-file.ts";

describe("utf8TextOf", () => {
  it("gives UTF-8's text for ASCII, accented, BOM-led and malformed bytes alike", () => {
    const samples = [
      "datetime,zone,carbon_intensity\n2024-01-01T00:00:00Z,DE,300\n",
      "\uFEFFdatetime,zone,carbon_intensity\r\n2024-01-01T00:00:00Z,ÜX,300\r\n",
      "zone: 東京 €",
      "",
      "\u007F\u0000\t",
    ];
    for (const text of samples) {
      const bytes = Buffer.from(text, "utf8");
      assert.equal(utf8TextOf(bytes), text);
      assert.equal(utf8TextOf(bytes), bytes.toString("utf8"));
    }
    // A lone continuation byte and a Latin-1 é: not ASCII, so decoded as UTF-8 (replacement characters).
    const bad = Buffer.from([0x44, 0x80, 0xe9, 0x45]);
    assert.equal(utf8TextOf(bad), "D\uFFFD\uFFFDE");
  });
});

describe("readSeriesFile", () => {
  it("reads an ASCII file and a non-ASCII one to the same readings", () => {
    const dir = mkdtempSync(join(tmpdir(), "mlco2-series-file-"));
    try {
      const rows = "2024-01-01T00:00:00Z,DE,300\n2024-01-01T01:00:00Z,DE,310.5\n";
      const plain = join(dir, "plain.csv");
      const accented = join(dir, "accented.csv");
      writeFileSync(plain, `datetime,zone,carbon_intensity\n${rows}`);
      writeFileSync(accented, `\uFEFF# Grünstrom\ndatetime,zone,carbon_intensity\n${rows}`);
      const points = (path: string) => {
        const out = readSeriesFile(path);
        assert.ok(out.ok);
        return out.value.series.map((s) => [s.zone, s.points.map((p) => [p.atMs, p.gPerKWh])]);
      };
      const want = [
        [
          "DE",
          [
            [Date.UTC(2024, 0, 1, 0), 300],
            [Date.UTC(2024, 0, 1, 1), 310.5],
          ],
        ],
      ];
      assert.deepEqual(points(plain), want);
      assert.deepEqual(points(accented), want);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
