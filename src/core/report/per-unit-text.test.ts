import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { energyText, perUnitPhrase, perUnitScaleOf, perUnitText } from "./per-unit-text.ts";

describe("per-unit text", () => {
  it("picks the scale at which the figure reaches 0.1 g", () => {
    // 0.32 g per 1,000 tokens = 3.2e-7 kg per token
    const tokens = { unit: "tokens", units: 1_200_000, energyKWh: 9.1e-7, emissionsKg: 3.2e-7 };
    assert.equal(perUnitScaleOf(tokens), 1000);
    assert.equal(perUnitText(tokens), "0.32 g CO2eq and 0.91 Wh per 1,000 tokens (1,200,000 tokens)");
    // 4.3 g per request: per request
    const requests = { unit: "requests", units: 50, energyKWh: 0.0125, emissionsKg: 0.0043 };
    assert.equal(perUnitText(requests), "4.3 g CO2eq and 12.5 Wh per request (50 requests)");
    assert.equal(perUnitScaleOf({ unit: "units", units: 1, energyKWh: 1e-15, emissionsKg: 1e-16 }), 1e9);
  });
  it("energy without emissions (intensity 0) still picks a scale", () => {
    assert.equal(perUnitScaleOf({ unit: "images", units: 10, energyKWh: 2e-7, emissionsKg: 0 }), 1000);
  });
  it("unit names and energies read naturally", () => {
    assert.equal(perUnitPhrase("queries", 1), "per query");
    assert.equal(perUnitPhrase("tokens", 1e6), "per 1 M tokens");
    assert.equal(perUnitPhrase("kWh", 1), "per kWh");
    assert.equal(energyText(2.5), "2.5 kWh");
    assert.equal(energyText(0.0025), "2.5 Wh");
    assert.equal(energyText(1e-7), "0.36 J");
  });
});
