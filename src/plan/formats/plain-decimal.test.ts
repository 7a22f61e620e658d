import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { plainDecimalIn } from "./plain-decimal.ts";

/** Seeded generator (mulberry32), so a failure can be replayed. */
const randomOf = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe("plainDecimalIn", () => {
  it("is Number() on 300,000 random plain decimals of up to 15 digits, inside longer text", () => {
    const r = randomOf(3);
    for (let k = 0; k < 300_000; k++) {
      const digits = Array.from({ length: 1 + Math.floor(r() * 15) }, () => Math.floor(r() * 10)).join("");
      const point = Math.floor(r() * digits.length);
      const text = `${r() < 0.2 ? "-" : ""}${point === 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`}`;
      assert.equal(plainDecimalIn(`9,${text},9`, 2, 2 + text.length), Number(text), text);
    }
  });

  it("leaves every other form to Number() (NaN), never guessing", () => {
    for (const text of [
      "",
      "-",
      ".5",
      "5.",
      "-.5",
      "+3",
      "1e3",
      "0x10",
      "1.2.3",
      " 3",
      "3 ",
      "Infinity",
      "NaN",
      "1234567890123456",
      "1_0",
    ]) {
      assert.ok(Number.isNaN(plainDecimalIn(text, 0, text.length)), text);
    }
    assert.equal(Object.is(plainDecimalIn("-0", 0, 2), -0), true);
    assert.equal(plainDecimalIn("0.1", 0, 3), 0.1);
    assert.equal(plainDecimalIn("123456789012.345", 0, 16), 123456789012.345);
  });
});
