import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatCsvNumber } from "./format-csv-number.ts";

const reference = (x: number): string => String(Number(x.toPrecision(15)));

describe("formatCsvNumber", () => {
  it("drops binary noise and keeps 15 significant digits", () => {
    assert.equal(formatCsvNumber(0.43600000000000005), "0.436");
    assert.equal(formatCsvNumber(433196), "433196");
    assert.equal(formatCsvNumber(24685.143), "24685.143");
    assert.equal(formatCsvNumber(1 / 3), "0.333333333333333");
    assert.equal(formatCsvNumber(2 / 3), "0.666666666666667");
    assert.equal(formatCsvNumber(0), "0");
    assert.equal(formatCsvNumber(-1.5), "-1.5");
    assert.equal(formatCsvNumber(1e21), "1e+21");
    assert.equal(formatCsvNumber(1.5e-9), "1.5e-9");
    assert.equal(formatCsvNumber(100), "100");
    assert.equal(formatCsvNumber(123456789012345.6), "123456789012346");
  });

  it("equals String(Number(x.toPrecision(15))) on 1,000,000 values across magnitudes", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 1_000_000; i++) {
      const magnitude = 10 ** (Math.floor(random() * 24) - 8);
      const x =
        i % 3 === 0
          ? magnitude * random()
          : ((1 + Math.floor(random() * 8)) * (1 + Math.floor(random() * 100000) / 100) * 400 * 1.09) / 1000;
      const got = formatCsvNumber(x);
      if (got !== reference(x)) assert.equal(got, reference(x), `x = ${x}`);
    }
  });

  it("decides exact ties the way toPrecision does", () => {
    for (const x of [
      0.5,
      2.5e-7,
      1.0000000000000004,
      0.1 + 0.2,
      1234567.8901234567,
      9.999999999999995,
      999999999999999.5,
    ]) {
      assert.equal(formatCsvNumber(x), reference(x), `x = ${x}`);
    }
  });
});
