import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readTimeInput } from "./time-input.ts";

const at = Date.UTC(2024, 5, 1, 8);
const context = { path: "deadline", nowMs: at, relativeToMs: at + 3_600_000 };

describe("readTimeInput", () => {
  it("reads ISO 8601 with a zone, now and +Nh", () => {
    assert.deepEqual(readTimeInput("2024-06-01T10:00+02:00", context), { ok: true, value: at });
    assert.deepEqual(readTimeInput(" NOW ", context), { ok: true, value: at });
    assert.deepEqual(readTimeInput("+1.5h", context), { ok: true, value: at + 2.5 * 3_600_000 });
  });

  it("refuses a time without a zone, saying how to add one", () => {
    const out = readTimeInput("2024-06-01 08:00", context);
    assert.equal(out.ok, false);
    if (out.ok) return;
    assert.equal(out.problems[0].code, "bad-time");
    assert.equal(out.problems[0].path, "deadline");
    assert.match(out.problems[0].message, /^"2024-06-01 08:00" is not a time \(add Z or an offset/);
    const junk = readTimeInput("tomorrow", context);
    assert.match(junk.ok ? "" : junk.problems[0].message, /^"tomorrow" is not a time; use ISO 8601/);
  });
});
