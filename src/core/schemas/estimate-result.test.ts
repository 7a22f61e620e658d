import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as v from "valibot";
import { dataset } from "../../data/index.ts";
import type { Problem } from "../errors.ts";
import { estimateWith } from "../estimate.ts";
import { fixtureDataset } from "../fixture-dataset.ts";
import type { EstimateInput } from "../types.ts";
import { EstimateResultSchema, FactorSchema } from "./estimate-result.ts";
import { issuePath, issuesToProblems } from "./issues.ts";

/** A result as saved: through JSON, like `mlco2 estimate --format json` writes it. */
const saved = (input: EstimateInput, data = fixtureDataset): Record<string, unknown> =>
  JSON.parse(JSON.stringify(estimateWith(data, input)));

// Cloud job: fleet PUE, range, market-based 0 kg, a cleanest alternative, CPU and memory parts.
const cloud = () =>
  saved({
    hardware: "gpu-300",
    count: 4,
    hours: 10,
    utilization: 0.4,
    cpu: "cpu-200",
    memoryGB: 64,
    region: "gcp:dirty-1",
  });

const problemsOf = (value: unknown): Problem[] => {
  const parsed = v.safeParse(EstimateResultSchema, value);
  return parsed.success ? [] : issuesToProblems(parsed.issues);
};

/** The result with the field at `path` set to `value` (a path such as "factors[1].value"). */
const withField = (
  result: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> => {
  const copy = structuredClone(result);
  const keys = path.split(/\.|\[|\]\.?/).filter((k) => k !== "");
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = keys.at(-1) as string;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
};

describe("real engine results pass", () => {
  const inputs: [string, EstimateInput][] = [
    [
      "a cloud job with host parts",
      { hardware: "gpu-300", count: 4, hours: 10, cpu: "cpu-200", memoryGB: 64, region: "gcp:dirty-1" },
    ],
    ["watts and an intensity", { watts: 250, hours: 100, intensity: 570, pue: 1 }],
    ["an Ember-only country", { hardware: "TG400", deviceHours: 7, country: "DE" }],
    ["a zone and a year", { hardware: "TG400", hours: 1, utilization: 0, zone: "FR", year: 2021 }],
    ["a CPU by TDP", { watts: 1, hours: 0.000001, cpu: { tdpW: 1 }, intensity: 0 }],
    [
      "an instance with embodied emissions",
      { instance: "gcp:tg-8x400", hours: 3, zone: "FR", embodied: true },
    ],
    [
      "a CPU-only job with embodied emissions",
      { cpu: "cpu-curve", memoryGB: 8, hours: 3, intensity: 9, embodied: true },
    ],
  ];
  for (const [name, input] of inputs) {
    it(`${name} (fixture data)`, () => assert.deepEqual(problemsOf(saved(input)), []));
  }

  it("a result over the bundled dataset (real sources, with licences)", () => {
    const result = saved(
      { hardware: "A100 SXM4 80GB", count: 8, hours: 100, region: "gcp:us-central1", cpu: { tdpW: 280 } },
      dataset,
    );
    assert.deepEqual(problemsOf(result), []);
  });

  it("the engine's object itself, before JSON, passes too", () => {
    const parsed = v.safeParse(
      EstimateResultSchema,
      estimateWith(fixtureDataset, { watts: 5, hours: 2, zone: "FR" }),
    );
    assert.equal(parsed.success, true);
  });

  it("extra fields a newer version may add are dropped, not refused", () => {
    const parsed = v.safeParse(EstimateResultSchema, { ...cloud(), embodiedKg: 3 });
    assert.ok(parsed.success);
    assert.equal("embodiedKg" in parsed.output, false);
  });
});

describe("each field's type and bound, refused with its path", () => {
  const cases: [string, unknown, string][] = [
    ["energyKWh", -1, "-1 is not allowed; expected a number ≥ 0"],
    ["energyKWh", Number.NaN, "NaN is not allowed; expected a number ≥ 0"],
    ["energyKWh", Number.POSITIVE_INFINITY, "Infinity is not allowed; expected a number ≥ 0"],
    ["facilityEnergyKWh", "1", '"1" is not allowed; expected a number ≥ 0'],
    ["emissionsKg", null, "null is not allowed; expected a number ≥ 0"],
    ["emissionsKg", undefined, "is missing; it is required"],
    ["intensityGPerKWh", -0.5, "-0.5 is not allowed; expected a number ≥ 0"],
    ["pue", 0.99, "0.99 is not allowed; expected a number from 1 to 3"],
    ["pue", 3.01, "3.01 is not allowed; expected a number from 1 to 3"],
    ["range", "0–1 kg", '"0–1 kg" is not allowed; expected a range object'],
    ["range.highKg", "x", '"x" is not allowed; expected a number ≥ 0'],
    ["marketBasedKg", -1, "-1 is not allowed; expected a number ≥ 0"],
    ["factors", {}, "{} is not allowed; expected an array of factors"],
    ["factors[0]", "PUE", '"PUE" is not allowed; expected a factor object'],
    ["factors[1].name", 7, "7 is not allowed; expected a string"],
    ["factors[1].value", Number.NaN, "NaN is not allowed; expected a number"],
    ["factors[1].value", Number.NEGATIVE_INFINITY, "-Infinity is not allowed; expected a finite number"],
    [
      "factors[1].kind",
      "guessed",
      '"guessed" is not allowed; expected one of measured, published, estimated, default, user',
    ],
    ["factors[0].source", "hw", '"hw" is not allowed; expected a source object'],
    ["factors[0].source.year", 1899, "1899 is not allowed; expected a whole number from 1900 to 2200"],
    ["factors[0].source.year", 2021.5, "2021.5 is not allowed; expected a whole number from 1900 to 2200"],
    ["factors[0].source.url", undefined, "is missing; it is required"],
    ["factors[0].year", 2201, "2201 is not allowed; expected a whole number from 1900 to 2200"],
    ["factors[0].note", 1, "1 is not allowed; expected a string"],
    ["warnings", "none", '"none" is not allowed; expected an array of strings'],
    ["warnings[0]", false, "false is not allowed; expected a string"],
    ["derivation", undefined, "is missing; it is required"],
    ["components[0].component", "gpu", '"gpu" is not allowed; expected one of devices, cpu, memory'],
    ["components[2].powerW", -3, "-3 is not allowed; expected a number ≥ 0"],
    [
      "components[1].kind",
      "",
      '"" is not allowed; expected one of measured, published, estimated, default, user',
    ],
    ["alternatives", null, "null is not allowed; expected an alternatives object"],
    ["alternatives.cleanestInProvider.pue", 0.5, "0.5 is not allowed; expected a number from 1 to 3"],
    ["alternatives.cleanestInProvider.region", null, "null is not allowed; expected a string"],
    ["equivalents.carKm", -1, "-1 is not allowed; expected a number ≥ 0"],
    ["equivalents.flights", 2, "2 is not allowed; expected a flights object"],
    ["equivalents.flights.count", -1, "-1 is not allowed; expected a number ≥ 0"],
    ["job", "8 GPUs", '"8 GPUs" is not allowed; expected a job object'],
    ["job.hardware", "gpu-300", '"gpu-300" is not allowed; expected a hardware object or null'],
    ["job.hardware.tdpW", -300, "-300 is not allowed; expected a number ≥ 0"],
    ["job.count", 0, "0 is not allowed; expected a whole number from 1 to 1000000"],
    ["job.count", 2.5, "2.5 is not allowed; expected a whole number from 1 to 1000000"],
    ["job.count", 1_000_001, "1000001 is not allowed; expected a whole number from 1 to 1000000"],
    ["job.hours", "ten", '"ten" is not allowed; expected a number ≥ 0'],
    ["job.utilization", 1.5, "1.5 is not allowed; expected a number from 0 to 1"],
    ["job.year", 1899, "1899 is not allowed; expected a whole number from 1900 to 2200"],
    [
      "job.location.by",
      "planet",
      '"planet" is not allowed; expected one of region, country, zone, intensity',
    ],
    ["job.location.zone", 5, "5 is not allowed; expected a string"],
    ["job.location", undefined, "is missing; it is required"],
  ];
  for (const [path, value, message] of cases) {
    it(`${path} = ${typeof value === "string" ? JSON.stringify(value) : String(value)}`, () => {
      assert.deepEqual(problemsOf(withField(cloud(), path, value)), [{ code: "invalid", path, message }]);
    });
  }

  const embodied = () =>
    saved({ instance: "gcp:tg-8x400", count: 2, hours: 10, region: "gcp:dirty-1", embodied: true });
  const embodiedCases: [string, unknown, string][] = [
    ["embodied", 3, "3 is not allowed; expected an embodied object"],
    ["embodied.kg", -1, "-1 is not allowed; expected a number ≥ 0"],
    ["embodied.totalKg", Number.NaN, "NaN is not allowed; expected a number ≥ 0"],
    ["embodied.parts[1].part", "rack", '"rack" is not allowed; expected one of devices, cpu, memory, server'],
    ["embodied.parts[0].count", -2, "-2 is not allowed; expected a number ≥ 0"],
    [
      "embodied.factors[0].kind",
      "guessed",
      '"guessed" is not allowed; expected one of measured, published, estimated, default, user',
    ],
    ["embodied.totalRange", undefined, "is missing; it is required"],
    ["job.instance", "p4d", '"p4d" is not allowed; expected an instance object'],
    ["job.instance.count", 1.5, "1.5 is not allowed; expected a whole number from 1 to 1000000"],
  ];
  for (const [path, value, message] of embodiedCases) {
    it(`${path} = ${typeof value === "string" ? JSON.stringify(value) : String(value)}`, () => {
      assert.deepEqual(problemsOf(withField(embodied(), path, value)), [{ code: "invalid", path, message }]);
    });
  }

  it("embodied and the instance may be absent (older results and the tracker's have neither), not null", () => {
    assert.deepEqual(
      problemsOf(withField(withField(embodied(), "embodied", undefined), "job.instance", undefined)),
      [],
    );
    assert.deepEqual(
      problemsOf(withField(embodied(), "embodied", null)).map((p) => p.path),
      ["embodied"],
    );
  });

  it("an upside-down embodied range: on embodied.lowKg", () => {
    const result = withField(embodied(), "embodied.lowKg", 1e12);
    assert.deepEqual(
      problemsOf(result).map((p) => p.path),
      ["embodied.lowKg"],
    );
  });

  it("an array where an object belongs is read as an object without its keys", () => {
    assert.deepEqual(
      problemsOf(withField(cloud(), "range", [1, 2])).map((p) => `${p.path}: ${p.message}`),
      ["range.lowKg: is missing; it is required", "range.highKg: is missing; it is required"],
    );
  });

  it("nullable fields take null: market-based, the alternative, the hardware, utilization, year", () => {
    let result = cloud();
    for (const path of [
      "marketBasedKg",
      "alternatives.cleanestInProvider",
      "job.hardware",
      "job.utilization",
      "job.year",
      "factors[0].source",
      "factors[0].year",
    ])
      result = withField(result, path, null);
    assert.deepEqual(problemsOf(result), []);
  });

  it("an upside-down range: on range.lowKg, naming both ends in one short line", () => {
    const result = withField(cloud(), "range.lowKg", 1e12);
    assert.deepEqual(problemsOf(result), [
      {
        code: "invalid",
        path: "range.lowKg",
        message: `lowKg is above highKg (1000000000000 > ${(result.range as { highKg: number }).highKg}); a range runs from low to high`,
      },
    ]);
  });

  it("every bad field is reported, in document order", () => {
    let result = cloud();
    result = withField(result, "job.count", 0);
    result = withField(result, "energyKWh", -1);
    result = withField(result, "factors[2].kind", "x");
    assert.deepEqual(
      problemsOf(result).map((p) => p.path),
      ["energyKWh", "factors[2].kind", "job.count"],
    );
  });

  it("not an object at all: one problem on the whole value", () => {
    assert.deepEqual(problemsOf("x"), [
      { code: "invalid", path: "", message: '"x" is not allowed; expected a saved estimate object' },
    ]);
    assert.equal(problemsOf(null)[0]?.message, "null is not allowed; expected a saved estimate object");
  });

  it("an empty object: every required field missing", () => {
    assert.deepEqual(
      problemsOf({}).map((p) => `${p.path}: ${p.message}`),
      [
        "energyKWh",
        "facilityEnergyKWh",
        "emissionsKg",
        "intensityGPerKWh",
        "pue",
        "range",
        "marketBasedKg",
        "factors",
        "warnings",
        "derivation",
        "components",
        "alternatives",
        "equivalents",
        "job",
      ].map((key) => `${key}: is missing; it is required`),
    );
  });

  it("a hostile 100 KB string is echoed in one short line", () => {
    const [problem] = problemsOf(withField(cloud(), "pue", "9".repeat(100_000)));
    assert.equal(
      problem?.message,
      `"${"9".repeat(64)}…" (100,000 characters) is not allowed; expected a number from 1 to 3`,
    );
  });
});

describe("issuesToProblems and issuePath", () => {
  it("a prefix puts the problems under a parent field (a summary line's result)", () => {
    const parsed = v.safeParse(EstimateResultSchema, withField(cloud(), "factors[3].value", "x"));
    assert.ok(!parsed.success);
    assert.deepEqual(
      issuesToProblems(parsed.issues, "result").map((p) => p.path),
      ["result.factors[3].value"],
    );
    const whole = v.safeParse(EstimateResultSchema, 5);
    assert.ok(!whole.success);
    assert.equal(issuesToProblems(whole.issues, "result")[0].path, "result");
  });

  it("array indices in brackets, keys dotted", () => {
    const parsed = v.safeParse(v.object({ a: v.array(v.object({ b: v.number() })) }), {
      a: [{ b: 1 }, { b: "x" }],
    });
    assert.ok(!parsed.success);
    assert.equal(issuePath(parsed.issues[0]), "a[1].b");
  });

  it("FactorSchema alone accepts a user-given factor without source or note", () => {
    const factor = { name: "PUE", value: 1.2, unit: "", kind: "user", source: null, year: null };
    assert.equal(v.safeParse(FactorSchema, factor).success, true);
  });
});

describe("a tracker result's counterfactual", () => {
  const counterfactual = {
    bestWindowKg: 3,
    bestWindowStart: "2026-03-02T03:00:00Z",
    bestWindowNote: "moved by +2 h",
    cleanestRegionKg: null,
    cleanestRegion: null,
    cleanestRegionScope: null,
    sameRegionYearlyKg: null,
    cleanestRegionNote: "no region to compare",
  };
  it("passes as an object, as null, and when absent (estimates)", () => {
    assert.deepEqual(problemsOf({ ...cloud(), counterfactual }), []);
    assert.deepEqual(problemsOf({ ...cloud(), counterfactual: null }), []);
    assert.deepEqual(problemsOf(cloud()), []);
  });
  it("a negative figure, a start that is no time, an unknown scope: the path of each", () => {
    const bad = (field: string, value: unknown) =>
      problemsOf({ ...cloud(), counterfactual: { ...counterfactual, [field]: value } }).map((p) => p.path);
    assert.deepEqual(bad("bestWindowKg", -1), ["counterfactual.bestWindowKg"]);
    assert.deepEqual(bad("bestWindowStart", "tomorrow"), ["counterfactual.bestWindowStart"]);
    assert.deepEqual(bad("cleanestRegionScope", "planet"), ["counterfactual.cleanestRegionScope"]);
    assert.deepEqual(bad("cleanestRegionNote", undefined), ["counterfactual.cleanestRegionNote"]);
  });
});
