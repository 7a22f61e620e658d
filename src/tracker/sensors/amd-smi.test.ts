import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { FIXTURES, sleep, tempDir } from "../fixtures/test-helpers.ts";
import type { Reading } from "../types.ts";
import { openAmdSmi, parseAmdPower } from "./amd-smi.ts";

const AMD = join(FIXTURES, "amd-smi");

describe("parseAmdPower", () => {
  test("amd-smi's list: socket_power by gpu index, as {value, unit} or a plain number", () => {
    const powers = parseAmdPower(readFileSync(join(AMD, "mi250x2-amd-smi.json"), "utf8"));
    assert.deepEqual(
      [...powers],
      [
        ["0", 300],
        ["1", 100],
      ],
    );
    assert.deepEqual(
      [...parseAmdPower('[{"gpu": 3, "power": {"average_socket_power": 42.5}}]')],
      [["3", 42.5]],
    );
  });

  test("rocm-smi's object: card<N> keys, the package power as a string", () => {
    const powers = parseAmdPower(readFileSync(join(AMD, "mi100x2-rocm-smi.json"), "utf8"));
    assert.deepEqual(
      [...powers],
      [
        ["0", 250],
        ["1", 50],
      ],
    );
    // A newer rocm-smi names it "Current Socket Graphics Package Power"; other keys (system) are ignored.
    const newer = parseAmdPower(
      '{"card2": {"Current Socket Graphics Package Power (W)": "61.0"}, "system": {"Driver version": "6.7.0"}}',
    );
    assert.deepEqual([...newer], [["2", 61]]);
  });

  test("an amd-smi entry without gpu is numbered by its place in the list", () => {
    assert.deepEqual(
      [...parseAmdPower('[{"power": {"socket_power": 10}}, {"power": {"socket_power": 20}}]')],
      [
        ["0", 10],
        ["1", 20],
      ],
    );
  });

  test("N/A, empty and non-numeric powers are skipped, not read as 0", () => {
    const powers = parseAmdPower(
      '[{"gpu": 0, "power": {"socket_power": "N/A"}}, {"gpu": 1, "power": {"socket_power": ""}}, {"gpu": 2, "power": {"socket_power": {"value": "12.5", "unit": "W"}}}]',
    );
    assert.deepEqual([...powers], [["2", 12.5]]);
  });

  test("not JSON, or JSON of another shape (null, a number, a list with null): no powers, no throw", () => {
    for (const text of ["", "ERROR: no GPU", "null", "7", '"text"', "[null, 3]", '{"card0": null}'])
      assert.equal(parseAmdPower(text).size, 0, text);
  });
});

/** Runs the sensor with PATH holding the fakes (or nothing) until it has integrated two polls. */
const run = async (env: Record<string, string>, path = AMD) => {
  const calls = join(tempDir("mlco2-amd-"), "calls");
  let polls = 0;
  const sensor = openAmdSmi({
    periodMs: 1000,
    env: { PATH: `${path}:${process.env.PATH ?? ""}`, FAKE_AMD_SMI_CALLS: calls, ...env },
    // Each poll that read powers asks the time: the polls are 1 s apart on this clock.
    now: () => polls++ * 1000,
  });
  let readings: readonly Reading[] = [];
  sensor.sample({ intervalS: 0, nowMs: 0 });
  for (let i = 0; i < 200 && readings.length === 0; i++) {
    await sleep(50);
    readings = sensor.sample({ intervalS: 1, nowMs: 0 });
  }
  sensor.close();
  const lines = existsSync(calls) ? readFileSync(calls, "utf8").trim().split("\n") : [];
  return { readings, calls: lines, warnings: sensor.warnings() };
};

describe("openAmdSmi", () => {
  test("amd-smi: board power integrated between polls, one reading per card, labelled measured", async () => {
    const { readings, calls, warnings } = await run({ FAKE_AMD_SMI_JSON: join(AMD, "mi250x2-amd-smi.json") });
    // 300 W and 100 W held for the 1 s between the two polls.
    assert.deepEqual(
      readings.map((r) => [r.key, r.label, r.energyJ, r.powerW, r.method, r.via]),
      [
        ["gpu:amd:0", "AMD GPU 0", 300, 300, "measured", "amd-smi power integrated"],
        ["gpu:amd:1", "AMD GPU 1", 100, 100, "measured", "amd-smi power integrated"],
      ],
    );
    assert.equal(calls[0], "amd-smi metric --power --json");
    assert.ok(calls.every((c) => c.startsWith("amd-smi")));
    assert.deepEqual(warnings, []);
  });

  test("amd-smi that fails: rocm-smi is asked instead, and named in the readings", async () => {
    const { readings, calls } = await run({
      FAKE_AMD_SMI_FAIL: "1",
      FAKE_ROCM_SMI_JSON: join(AMD, "mi100x2-rocm-smi.json"),
    });
    assert.deepEqual(
      readings.map((r) => [r.key, r.energyJ, r.via]),
      [
        ["gpu:amd:0", 250, "rocm-smi power integrated"],
        ["gpu:amd:1", 50, "rocm-smi power integrated"],
      ],
    );
    assert.deepEqual(calls.slice(0, 2), ["amd-smi metric --power --json", "rocm-smi --showpower --json"]);
    assert.ok(calls.slice(1).every((c) => c.startsWith("rocm-smi")));
  });

  test("neither tool on PATH: no readings, no warnings, nothing started", async () => {
    const empty = tempDir("mlco2-empty-path-");
    let polls = 0;
    const sensor = openAmdSmi({ periodMs: 1000, env: { PATH: empty }, now: () => polls++ });
    sensor.sample({ intervalS: 0, nowMs: 0 });
    await sleep(100);
    assert.deepEqual(sensor.sample({ intervalS: 1, nowMs: 1000 }), []);
    assert.deepEqual(sensor.warnings(), []);
    assert.equal(polls, 0);
    sensor.close();
  });
});
