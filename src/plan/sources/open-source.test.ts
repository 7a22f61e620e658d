import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { openIntensitySource } from "./open-source.ts";

const dir = mkdtempSync(join(tmpdir(), "mlco2-open-source-"));
const series = join(dir, "de.csv");
writeFileSync(
  series,
  "datetime,zone,carbon_intensity\n2026-03-02T00:00Z,DE,300\n2026-03-02T01:00Z,DE,200\n2026-03-02T02:00Z,DE,100\n",
);
const window = { earliestMs: Date.parse("2026-03-02T00:00Z"), deadlineMs: Date.parse("2026-03-02T03:00Z") };

/** The opened source, failing the test when it did not open. */
const opened = (setup: Parameters<typeof openIntensitySource>[0]) => {
  const outcome = openIntensitySource(setup);
  assert.ok(outcome.ok, JSON.stringify(outcome));
  return outcome.value;
};

/** [code, path, message] of a refusal to open. */
const refused = (setup: Parameters<typeof openIntensitySource>[0]) => {
  const outcome = openIntensitySource(setup);
  assert.ok(!outcome.ok);
  return outcome.problems.map((p) => [p.code, p.path, p.message]);
};

describe("openIntensitySource", () => {
  test("none: no series for any zone, no zone problems", async () => {
    const source = opened({ source: "none", env: {} }).sourceAt(0);
    assert.equal(source.name, "none");
    const answer = await source.seriesFor({ zone: "DE", ...window });
    assert.deepEqual(answer, { ok: true, value: { series: null, loud: [] } });
  });

  test("file: read when opened; its zones checked without asking; the series served", async () => {
    const open = opened({ source: "file", env: {}, seriesPath: series });
    assert.deepEqual(open.checkZone("DE"), []);
    assert.deepEqual(open.checkZone("de"), []);
    const [problem] = open.checkZone("FR");
    assert.equal(problem?.path, "series");
    assert.match(problem?.message ?? "", /zone FR is not in the file, which has DE/);
    const source = open.sourceAt(0);
    assert.equal(source.name, "file");
    assert.equal(open.sourceAt(1), source, "a file source is the same at every now");
    const answer = await source.seriesFor({ zone: "DE", ...window });
    assert.ok(answer.ok);
    assert.deepEqual(answer.value.loud, []);
    assert.notEqual(answer.value.series, null);
  });

  test("file with --series-zone: that zone is checked instead, under its own path", () => {
    const open = opened({ source: "file", env: {}, seriesPath: series, seriesZone: "NL" });
    const [problem] = open.checkZone("DE");
    assert.equal(problem?.path, "seriesZone");
    assert.deepEqual(
      opened({ source: "file", env: {}, seriesPath: series, seriesZone: "DE" }).checkZone("FR"),
      [],
    );
  });

  test("file that cannot be read: the reader's problem, nothing opened", () => {
    const [problem] = refused({ source: "file", env: {}, seriesPath: join(dir, "none.csv") });
    assert.equal(problem?.[1], "series");
    assert.match(String(problem?.[2]), /cannot read .*none\.csv \(no such file\)/);
  });

  test("electricitymaps: a token is required (missing or empty), never a silent fallback", () => {
    const expected = [
      ["missing-credentials", "source", "electricitymaps needs an API token in ELECTRICITYMAPS_TOKEN"],
    ];
    assert.deepEqual(refused({ source: "electricitymaps", env: {} }), expected);
    assert.deepEqual(refused({ source: "electricitymaps", env: { ELECTRICITYMAPS_TOKEN: "" } }), expected);
    const open = opened({ source: "electricitymaps", env: { ELECTRICITYMAPS_TOKEN: "t" }, cacheDir: dir });
    assert.deepEqual(open.checkZone("DE"), []);
    assert.equal(open.sourceAt(0).name, "electricitymaps");
  });

  test("watttime: user and password required; a location needs its WattTime region id", () => {
    const expected = [
      ["missing-credentials", "source", "watttime needs WATTTIME_USER and WATTTIME_PASSWORD"],
    ];
    assert.deepEqual(refused({ source: "watttime", env: { WATTTIME_USER: "u" } }), expected);
    assert.deepEqual(refused({ source: "watttime", env: { WATTTIME_PASSWORD: "p" } }), expected);
    assert.deepEqual(
      refused({ source: "watttime", env: { WATTTIME_USER: "u", WATTTIME_PASSWORD: "" } }),
      expected,
    );
    const env = { WATTTIME_USER: "u", WATTTIME_PASSWORD: "p" };
    assert.deepEqual(
      opened({ source: "watttime", env, cacheDir: dir })
        .checkZone("US-CAL-CISO")
        .map((p) => [p.code, p.path]),
      [["required", "seriesZone"]],
    );
    const withRegion = opened({ source: "watttime", env, cacheDir: dir, seriesZone: "CAISO_NORTH" });
    assert.deepEqual(withRegion.checkZone("US-CAL-CISO"), []);
    assert.equal(withRegion.sourceAt(0).name, "watttime");
  });
});
