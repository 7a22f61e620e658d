import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { closestNames, editDistance } from "./suggest.ts";

describe("suggestions", () => {
  it("edit distance counts a swap of neighbours as one edit", () => {
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("4900", "4090"), 1);
    assert.equal(editDistance("", "abc"), 3);
  });
  it("ranks names containing the query, forgiving vendor words and spacing", () => {
    assert.deepEqual(closestNames("rtx 4900", ["NVIDIA GeForce RTX 4060", "NVIDIA GeForce RTX 4090"], 1), [
      "NVIDIA GeForce RTX 4090",
    ]);
    assert.deepEqual(closestNames("SE-SE7", ["ES", "SE", "SE-SE1", "FR"]), ["SE-SE1"]);
    assert.deepEqual(closestNames("zzzzzz", ["FR", "DE"]), []);
  });
});

describe("suggestions stay cheap for absurd input (speed in bench/inputs.bench.ts)", () => {
  it("compares only the first 64 characters", () => {
    const names = ["alpha beta", "gamma"];
    assert.deepEqual(closestNames(`gamma${"z".repeat(5)}`, names), closestNames("gammazzzzz", names));
    assert.deepEqual(
      closestNames(`${"a".repeat(64)}tail-one`, ["x"]),
      closestNames(`${"a".repeat(64)}tail-two`, ["x"]),
    );
  });
});
