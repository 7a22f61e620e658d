import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatInstant, formatInstantShort, parseInstant } from "./time.ts";

describe("parseInstant", () => {
  it("reads UTC, offsets and fractions; refuses a time without a zone unless told it is UTC", () => {
    const t = Date.UTC(2024, 0, 1, 0, 0, 0);
    assert.equal(parseInstant("2024-01-01T00:00:00Z"), t);
    assert.equal(parseInstant("2024-01-01T00:00Z"), t);
    assert.equal(parseInstant("2024-01-01T00:00:00.000Z"), t);
    assert.equal(parseInstant("2024-01-01T01:00:00+01:00"), t);
    assert.equal(parseInstant("2023-12-31T19:00:00-0500"), t);
    assert.equal(parseInstant("2024-01-01T00:00:00.250Z"), t + 250);
    assert.ok(Number.isNaN(parseInstant("2024-01-01 00:00:00")));
    assert.equal(parseInstant("2024-01-01 00:00:00", true), t);
  });
  it("refuses impossible dates and junk", () => {
    for (const bad of [
      "2023-02-29T00:00Z",
      "2024-13-01T00:00Z",
      "2024-01-01T24:00Z",
      "yesterday",
      "2024-01-01",
      "2024-01-01T00:00:00+25:00",
    ]) {
      assert.ok(Number.isNaN(parseInstant(bad)), bad);
    }
    assert.equal(parseInstant("2024-02-29T00:00Z"), Date.UTC(2024, 1, 29));
  });
});

describe("formatInstant", () => {
  it("agrees with Date for instants across centuries and leap days", () => {
    for (const ms of [
      0,
      Date.UTC(2024, 1, 29, 13, 5, 7),
      Date.UTC(1999, 11, 31, 23, 59, 59),
      Date.UTC(2100, 2, 1),
      -86_400_000,
    ]) {
      assert.equal(formatInstant(ms), new Date(ms).toISOString().replace(".000Z", "Z"));
    }
    assert.equal(formatInstant(Date.UTC(2024, 0, 1) + 250), "2024-01-01T00:00:00.250Z");
    assert.equal(formatInstantShort(Date.UTC(2024, 5, 12, 10)), "2024-06-12 10:00Z");
  });
});
