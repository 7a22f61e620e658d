import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dataset } from "../../data/index.ts";
import { CliError } from "../cli-error.ts";
import { expandRegions, jobInputOf, parseTimeFlag, placesOf, sourceOf } from "./plan-flags.ts";

/** The CliError `run` throws, as [code, message]. */
const refusal = (run: () => unknown): [string, string] => {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof CliError, String(error));
    assert.equal(error.exitCode, 2);
    return [error.code, error.message];
  }
  assert.fail("no error thrown");
};

const regionIds = dataset.regions.map((r) => `${r.provider}:${r.id}`);

describe("expandRegions", () => {
  test("* and ? match within provider:region, case-insensitively, in the dataset's order", () => {
    const places = expandRegions(dataset, "AWS:EU-*");
    const expected = regionIds.filter((id) => /^aws:eu-/.test(id));
    assert.ok(expected.length >= 3);
    assert.deepEqual(
      places.map((p) => p.id),
      expected,
    );
    assert.deepEqual(places[0]?.input, { region: expected[0] });
    const one = expandRegions(dataset, "gcp:europe-west?");
    assert.ok(one.every((p) => /^gcp:europe-west.$/.test(p.id)));
  });

  test("a region named twice (or matched by two patterns) is listed once; empty parts are skipped", () => {
    const places = expandRegions(dataset, "gcp:europe-west1, ,gcp:europe-west1,gcp:europe-west1*");
    assert.equal(places.filter((p) => p.id === "gcp:europe-west1").length, 1);
    assert.equal(places[0]?.id, "gcp:europe-west1");
  });

  test("regex characters in a pattern are literal", () => {
    const [, message] = refusal(() => expandRegions(dataset, "aws:eu-(central)-1"));
    assert.match(message, /^--regions: "aws:eu-\(central\)-1" matches no region/);
  });

  test("no pattern, or one that matches nothing: refused with the closest region and the providers", () => {
    assert.deepEqual(
      refusal(() => expandRegions(dataset, " , ")),
      ["usage", '--regions: "" names no region; use e.g. aws:*,gcp:europe-*'],
    );
    const [, message] = refusal(() => expandRegions(dataset, "aws:eu-cental-1"));
    assert.match(
      message,
      /^--regions: "aws:eu-cental-1" matches no region \(did you mean aws:eu-central-1\?\); use provider:region with \* or \?, providers: aws, gcp, /,
    );
  });
});

describe("placesOf", () => {
  test("exactly one of --zone, --region, --regions, trimmed", () => {
    assert.deepEqual(placesOf(dataset, { zone: " DE " }), [{ id: "DE", input: { zone: "DE" } }]);
    assert.deepEqual(placesOf(dataset, { region: "aws:eu-west-1" }), [
      { id: "aws:eu-west-1", input: { region: "aws:eu-west-1" } },
    ]);
    assert.ok(placesOf(dataset, { regions: "aws:*" }).length > 5);
  });

  test("none, or two: refused naming the flags", () => {
    assert.deepEqual(
      refusal(() => placesOf(dataset, {})),
      ["usage", "--zone: required; give --zone, --region or --regions (e.g. --zone DE)"],
    );
    assert.deepEqual(
      refusal(() => placesOf(dataset, { regions: "aws:*", zone: "DE" })),
      ["usage", "--regions: cannot be combined with --zone; give one of --zone, --region or --regions"],
    );
  });
});

describe("parseTimeFlag", () => {
  const at = Date.parse("2026-03-02T08:00:00Z");
  test("ISO 8601 with a zone, now, and +Nh after the given time", () => {
    assert.equal(parseTimeFlag("--earliest", "2026-03-02T09:30:00+01:00", 0, 0), at + 30 * 60_000);
    assert.equal(parseTimeFlag("--earliest", "now", 123, 0), 123);
    assert.equal(parseTimeFlag("--deadline", "+2h", 0, at), at + 2 * 3_600_000);
  });

  test("a time without a zone or not a time: refused with the flag and its code", () => {
    assert.deepEqual(
      refusal(() => parseTimeFlag("--earliest", "2026-03-02T08:00", 0, 0)),
      [
        "bad-time",
        '--earliest: "2026-03-02T08:00" is not a time (add Z or an offset such as +01:00); use ISO 8601 with a zone (2026-03-01T08:00:00Z), now, or +Nh',
      ],
    );
    const [code, message] = refusal(() => parseTimeFlag("--deadline", "+xh", 0, 0));
    assert.equal(code, "bad-time");
    assert.match(message, /^--deadline: "\+xh" is not a time/);
  });
});

describe("sourceOf", () => {
  test("--source as given; file when only --series; none by default", () => {
    assert.equal(sourceOf({}), "none");
    assert.equal(sourceOf({ series: "de.csv" }), "file");
    assert.equal(sourceOf({ source: "watttime" }), "watttime");
    assert.equal(sourceOf({ source: "file", series: "de.csv" }), "file");
  });

  test("file without --series, --series with another source, an unknown source: refused", () => {
    assert.deepEqual(
      refusal(() => sourceOf({ source: "file" })),
      ["usage", "--series: required with --source file; give a CSV or JSON time series"],
    );
    assert.deepEqual(
      refusal(() => sourceOf({ source: "none", series: "de.csv" })),
      ["usage", "--series: applies to --source file only; drop it or drop --source none"],
    );
    const [code, message] = refusal(() => sourceOf({ source: "electricitymap" }));
    assert.equal(code, "not-allowed");
    assert.match(message, /^--source: "electricitymap" is not allowed \(did you mean electricitymaps\?\)/);
  });
});

describe("jobInputOf", () => {
  test("numbers parsed strictly into the engine input", () => {
    assert.deepEqual(
      jobInputOf({
        hours: "6.5",
        hardware: "H100 SXM",
        count: "8",
        utilization: "0.8",
        pue: "1.2",
        year: "2024",
      }),
      { hours: 6.5, hardware: "H100 SXM", count: 8, utilization: 0.8, pue: 1.2, year: 2024 },
    );
    assert.deepEqual(jobInputOf({ hours: "1e1", watts: "350" }), { hours: 10, watts: 350 });
  });

  test("each bad number names its flag and value", () => {
    const cases: [Parameters<typeof jobInputOf>[0], string, string][] = [
      [{}, "usage", "--hours: required; give the job length in hours, e.g. --hours 6.5"],
      [
        { hours: "0", watts: "1" },
        "out-of-range",
        "--hours: 0 is not allowed; use a number of hours above 0",
      ],
      [
        { hours: "-2", watts: "1" },
        "out-of-range",
        "--hours: -2 is not allowed; use a number of hours above 0",
      ],
      [
        { hours: "six", watts: "1" },
        "not-a-number",
        '--hours: "six" is not a number; use a number of hours above 0',
      ],
      [{ hours: "1", watts: "0x10" }, "not-a-number", '--watts: "0x10" is not a number; use watts above 0'],
      [
        { hours: "1", hardware: "T4", count: "1.5" },
        "not-a-number",
        '--count: "1.5" is not a whole number; use a whole number from 1',
      ],
      [
        { hours: "1", watts: "1", year: "2024.5" },
        "not-a-number",
        '--year: "2024.5" is not a whole number; use a year such as 2024',
      ],
      [
        { hours: "1", watts: "1", pue: "high" },
        "not-a-number",
        '--pue: "high" is not a number; use a number from 1 to 3',
      ],
      [{ hours: "1" }, "usage", '--hardware: required (or --watts); e.g. --hardware "H100 SXM" --count 8'],
    ];
    for (const [flags, code, message] of cases)
      assert.deepEqual(
        refusal(() => jobInputOf(flags)),
        [code, message],
        JSON.stringify(flags),
      );
  });
});
