import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseSeriesText } from "./formats/series-text.ts";
import { zoneSeriesOf, zonesOf } from "./zone-series.ts";

const parsed = (text: string) => {
  const out = parseSeriesText(text);
  if (!out.ok) return assert.fail(out.problems[0].message);
  return out.value;
};

const TWO_ZONES = [
  "datetime,zone,carbon_intensity",
  "2024-01-01T00:00Z,DE,300",
  "2024-01-01T00:00Z,FR,40",
  "2024-01-01T01:00Z,DE,310",
  "2024-01-01T01:00Z,FR,45",
].join("\n");

describe("zoneSeriesOf", () => {
  it("picks one zone of a file, case-insensitively, and notes the others", () => {
    const file = parsed(TWO_ZONES);
    assert.deepEqual(zonesOf(file), ["DE", "FR"]);
    const fr = zoneSeriesOf(file, "fr");
    assert.ok(fr.ok);
    assert.equal(fr.value.zone, "FR");
    assert.deepEqual([...fr.value.values], [40, 45]);
    assert.match(fr.value.warnings.join(" "), /also holds DE/);
    const quiet = zoneSeriesOf(file, "DE", { mentionOthers: false });
    assert.ok(quiet.ok);
    assert.doesNotMatch(quiet.value.warnings.join(" "), /also holds/);
  });

  it("refuses a zone the file lacks, listing those it has and the closest", () => {
    const out = zoneSeriesOf(parsed(TWO_ZONES), "DK", { path: "seriesZone" });
    assert.equal(out.ok, false);
    if (out.ok) return;
    assert.equal(out.problems[0].code, "unknown-zone");
    assert.equal(out.problems[0].path, "seriesZone");
    assert.match(out.problems[0].message, /^zone DK is not in the file, which has DE, FR/);
  });

  it("serves any zone from a file that names none, and says so", () => {
    const file = parsed("datetime,carbon_intensity\n2024-01-01T00:00Z,300\n2024-01-01T01:00Z,200\n");
    assert.deepEqual(zonesOf(file), [""]);
    const out = zoneSeriesOf(file, "PL");
    assert.ok(out.ok);
    assert.equal(out.value.zone, "PL");
    assert.match(out.value.warnings.join(" "), /names no zone; its readings are used for PL/);
  });

  it("passes on the normaliser's problems (two values for one hour)", () => {
    const file = parsed(
      "datetime,zone,carbon_intensity\n2024-01-01T00:00Z,DE,300\n2024-01-01T00:00Z,DE,301\n",
    );
    const out = zoneSeriesOf(file, "DE");
    assert.equal(out.ok ? "" : out.problems[0].code, "duplicate-point");
  });
});

describe("parseSeriesText", () => {
  it("reads JSON after a byte-order mark and blanks, CSV otherwise, with the note asked for", () => {
    const json = parseSeriesText(
      '\uFEFF  [{"datetime":"2024-01-01T00:00Z","zone":"DE","carbon_intensity":300}]',
      { fileNote: "from upload.json" },
    );
    assert.ok(json.ok);
    assert.equal(json.value.format, "json");
    assert.equal(json.value.series[0]?.factors[0]?.note?.endsWith("from upload.json"), true);
    const csv = parseSeriesText(TWO_ZONES);
    assert.ok(csv.ok);
    assert.equal(csv.value.format, "csv");
    assert.match(csv.value.series[0]?.factors[0]?.note ?? "", /from the file given with --series$/);
  });
});
