import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatMassKg, formatQuantity, formatRatio, sig3 } from "./format-number.ts";

describe("number formatting", () => {
  it("formatQuantity keeps what a derivation line needs", () => {
    const cases: [number, string][] = [
      [433196.04, "433,196"],
      [1000, "1,000"],
      [999.96, "1000"],
      [352, "352"],
      [135.52, "135.5"],
      [135.96, "136"],
      [24.695, "24.7"],
      [10.05, "10.05"],
      [1.29048, "1.29"],
      [1.2004, "1.2"],
      [1.0005, "1.001"],
      [0.00595, "0.00595"],
      [0.0059549, "0.00595"],
      [0.1, "0.1"],
      [0.9996, "1"],
      [0.09996, "0.1"],
      [0.35, "0.35"],
      [1.5e-12, "1.5e-12"],
      [0, "0"],
      [-12.5, "-12.5"],
    ];
    for (const [value, text] of cases) assert.equal(formatQuantity(value), text, String(value));
  });
  it("formatRatio has two decimals", () => {
    assert.equal(formatRatio(1), "1.00");
    assert.equal(formatRatio(1.1), "1.10");
    assert.equal(formatRatio(1.125), "1.13");
    assert.equal(formatRatio(1.09), "1.09");
  });
  it("formatMassKg scales g/kg/t with three significant figures", () => {
    assert.equal(formatMassKg(135520), "136 t");
    assert.equal(formatMassKg(24690), "24.7 t");
    assert.equal(formatMassKg(174.7), "175 kg");
    assert.equal(formatMassKg(0.0042), "4.2 g");
    assert.equal(formatMassKg(0), "0 kg");
    assert.equal(sig3(1234567), "1,230,000");
  });
});
