// The column sets of CodeCarbon's releases against headers recorded from its release tags (the fixtures'
// first lines are the EmissionsData fields of 0.0.9, 1.2.0, 2.0.0, 2.2.3, 2.7.0, 3.0.8 and 3.2.9).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { CODECARBON_COLUMN_SETS, headerNote, namesHardware, readHeader } from "./codecarbon-versions.ts";

const headerOf = (file: string): string[] =>
  (
    readFileSync(fileURLToPath(new URL(`fixtures/${file}`, import.meta.url)), "utf8").split("\n")[0] ?? ""
  ).split(",");

describe("CodeCarbon emissions.csv headers", () => {
  for (const [file, versions, hardware] of [
    ["emissions-0.0.9.csv", "0.0.9–1.2.0", false],
    ["emissions-1.2.0.csv", "0.0.9–1.2.0", false],
    ["emissions-2.0.0.csv", "2.0.0–2.1.4", true],
    ["emissions-v2.csv", "2.2.3–2.6.0", true],
    ["emissions-2.7.0.csv", "2.7.0–3.0.7", true],
    ["emissions-3.0.8.csv", "3.0.8–3.1.2", true],
    ["emissions-3.2.9-append.csv", "3.2.1 and later", true],
    ["emissions-v3.csv", "3.2.1 and later", true],
  ] as const)
    it(`${file}: exactly CodeCarbon ${versions}, read by name`, () => {
      const header = headerOf(file);
      const reading = readHeader(header);
      assert.deepEqual(reading, { ok: true, versions, exact: true, missing: [], extra: [], unknown: [] });
      assert.ok(reading.ok);
      assert.equal(headerNote(reading), null);
      assert.equal(namesHardware(header), hardware);
    });

  it("0.x and 1.x differ only in column order, which does not matter", () => {
    const [a, b] = [headerOf("emissions-0.0.9.csv"), headerOf("emissions-1.2.0.csv")];
    assert.notDeepEqual(a, b);
    assert.deepEqual([...a].sort(), [...b].sort());
  });

  it("each release adds columns to the one before; none is renamed but 1.x's experiment_id", () => {
    const sets = [...CODECARBON_COLUMN_SETS].reverse().map((s) => new Set(s.columns));
    for (let i = 2; i < sets.length; i++)
      assert.ok([...(sets[i - 1] as Set<string>)].every((c) => (sets[i] as Set<string>).has(c)));
    assert.ok(!sets[1]?.has("experiment_id") && sets[0]?.has("experiment_id"));
    assert.deepEqual(
      CODECARBON_COLUMN_SETS.map((s) => s.columns.length),
      [38, 34, 32, 31, 30, 29, 12],
    );
  });

  it("2.2.0–2.2.2: codecarbon_version without pue", () => {
    const header = headerOf("emissions-v2.csv").filter((c) => c !== "pue");
    assert.equal((readHeader(header) as { versions: string }).versions, "2.2.0–2.2.2");
  });

  it("a newer header with a column no release writes is read, the column named as ignored", () => {
    const reading = readHeader([...headerOf("emissions-v3.csv"), "gpu_memory_used_gb"]);
    assert.ok(reading.ok);
    assert.equal(
      headerNote(reading),
      "columns closest to CodeCarbon 3.2.1 and later, with gpu_memory_used_gb (no release writes them; ignored)",
    );
  });

  it("an in-between header: what it lacks and what it has of other releases", () => {
    const reading = readHeader(headerOf("emissions-no-release.csv"));
    assert.ok(reading.ok && !reading.exact);
    assert.deepEqual(reading.missing, ["experiment_id"]);
    assert.match(headerNote(reading) ?? "", /with run_id, emissions_rate, cpu_power, .* and 2 more of other/);
  });

  it("refused: without the run's figures or id, or with a column twice", () => {
    const v3 = headerOf("emissions-v3.csv");
    assert.deepEqual(readHeader(v3.filter((c) => c !== "energy_consumed")), {
      ok: false,
      reason:
        "is not a CodeCarbon emissions.csv header: it lacks energy_consumed (every release since 0.0.9 writes them)",
    });
    assert.match(
      (readHeader(v3.filter((c) => c !== "run_id" && c !== "experiment_id")) as { reason: string }).reason,
      /lacks run_id/,
    );
    assert.deepEqual(readHeader([...v3, "duration"]), {
      ok: false,
      reason: 'column "duration" appears twice',
    });
  });
});
