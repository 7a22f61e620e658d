import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimateWith, tryEstimateWith } from "../estimate.ts";
import { fixtureDataset } from "../fixture-dataset.ts";
import { renderJson } from "../report/json.ts";
import { renderLatex } from "../report/latex.ts";
import { renderMarkdown } from "../report/markdown.ts";
import { parseSavedResult } from "../report/saved-result.ts";
import { unitProblems } from "./per-unit.ts";

describe("figures per functional unit", () => {
  // 1,000 W for 2 h at 500 g/kWh, PUE 1: 2 kWh, 1 kg; 4 million tokens.
  const input = { watts: 1000, hours: 2, intensity: 500, pue: 1, units: 4_000_000, unit: "tokens" };

  it("energy and emissions divided by the units, by hand", () => {
    const result = estimateWith(fixtureDataset, input);
    assert.equal(result.energyKWh, 2);
    assert.equal(result.emissionsKg, 1);
    assert.deepEqual(result.perUnit, {
      unit: "tokens",
      units: 4_000_000,
      energyKWh: 2 / 4_000_000,
      emissionsKg: 1 / 4_000_000,
    });
  });

  it("absent without units: earlier results and outputs are unchanged", () => {
    const result = estimateWith(fixtureDataset, { watts: 1000, hours: 2, intensity: 500 });
    assert.equal("perUnit" in result, false);
    assert.doesNotMatch(renderJson(result), /perUnit/);
  });

  it("the unit defaults to units; reports say it per 1,000 where one is too small to read", () => {
    const result = estimateWith(fixtureDataset, { ...input, unit: undefined } as never);
    assert.equal(result.perUnit?.unit, "units");
    const tokens = estimateWith(fixtureDataset, input);
    // 1 kg / 4 M = 0.25 g per 1,000 tokens; 2 kWh / 4 M = 0.5 Wh per 1,000 tokens.
    assert.match(
      renderMarkdown(tokens),
      /\*\*Per unit:\*\* 0\.25 g CO₂eq and 0\.5 Wh per 1,000 tokens \(4,000,000 tokens\)/,
    );
    assert.match(
      renderLatex(tokens),
      /Per functional unit, that is 0\.25 g CO\$_2\$eq and 0\.5 Wh per 1,000 tokens/,
    );
  });

  it("a saved result with perUnit reads back; a bad perUnit is refused with its path", () => {
    const result = estimateWith(fixtureDataset, input);
    const saved = parseSavedResult(renderJson(result));
    assert.ok(saved.ok);
    assert.deepEqual(saved.value.result.perUnit, result.perUnit);
    const bad = parseSavedResult(JSON.stringify({ ...result, perUnit: { ...result.perUnit, units: -1 } }));
    assert.ok(!bad.ok);
    assert.equal(bad.problems[0].path, "perUnit.units");
  });

  it("bad units: a number above 0; a unit needs units; a unit name is short and printable", () => {
    const codes = (extra: object) => {
      const outcome = tryEstimateWith(fixtureDataset, { watts: 1, hours: 1, intensity: 1, ...extra });
      return outcome.ok ? [] : outcome.problems.map((p) => `${p.path} ${p.code}`);
    };
    assert.deepEqual(codes({ units: 0 }), ["units out-of-range"]);
    assert.deepEqual(codes({ units: -5 }), ["units out-of-range"]);
    assert.deepEqual(codes({ units: Number.NaN }), ["units not-a-number"]);
    assert.deepEqual(codes({ unit: "tokens" }), ["units required"]);
    assert.deepEqual(codes({ units: 1, unit: "" }), ["unit invalid"]);
    assert.deepEqual(codes({ units: 1, unit: "a\nb" }), ["unit invalid"]);
    assert.deepEqual(codes({ units: 1, unit: "x".repeat(41) }), ["unit invalid"]);
    assert.match(unitProblems({ unit: "tokens" })[0]?.message ?? "", /^is required with a unit \("tokens"\)/);
  });
});
