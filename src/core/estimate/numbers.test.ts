import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LimitedField } from "../input-limits.ts";
import type { EstimateInput } from "../types.ts";
import { numberProblem, numberProblems } from "./numbers.ts";

/** The one problem `numberProblems` finds for an input, as [code, path, message]. */
const onlyProblem = (input: EstimateInput): [string, string, string] => {
  const problems = numberProblems(input);
  assert.equal(problems.length, 1, JSON.stringify(problems));
  const [p] = problems;
  return [p?.code ?? "", p?.path ?? "", p?.message ?? ""];
};

const UNDERFLOW = "0 or at least 0.000001 (smaller values underflow)";

describe("numberProblems: each bound, exactly at and just past it", () => {
  const accepted: [string, EstimateInput][] = [
    ["count 1", { count: 1 }],
    ["count 1,000,000", { count: 1_000_000 }],
    ["hours 0.000001 (the smallest non-zero)", { hours: 0.000001 }],
    ["hours 87,600", { hours: 87_600 }],
    ["deviceHours 500,000,000", { deviceHours: 500_000_000 }],
    ["watts 20,000", { watts: 20_000 }],
    ["utilization 0", { utilization: 0 }],
    ["utilization 1", { utilization: 1 }],
    ["pue 1", { pue: 1 }],
    ["pue 3", { pue: 3 }],
    ["cpuCount 1,000,000", { cpuCount: 1_000_000 }],
    ["cpuUtilization 0", { cpuUtilization: 0 }],
    ["memoryGB 0", { memoryGB: 0 }],
    ["memoryGB 1,000,000", { memoryGB: 1_000_000 }],
    ["cpu TDP 1 W", { cpu: { tdpW: 1 } }],
    ["cpu TDP 2000 W", { cpu: { tdpW: 2000 } }],
    ["a catalog cpu name (not a number)", { cpu: "anything" }],
    ["year 2024", { year: 2024 }],
    ["a year outside the data (the location stage decides)", { year: 1850 }],
    ["nothing at all", {}],
  ];
  for (const [name, input] of accepted) {
    it(`accepts ${name}`, () => assert.deepEqual(numberProblems(input), []));
  }

  const refused: [string, EstimateInput, string, string, string][] = [
    [
      "count 0",
      { count: 0 },
      "out-of-range",
      "count",
      "0 is not allowed; use a whole number from 1 to 1000000",
    ],
    [
      "count 1,000,001",
      { count: 1_000_001 },
      "out-of-range",
      "count",
      "1000001 is not allowed; use a whole number from 1 to 1000000",
    ],
    [
      "count 1.5",
      { count: 1.5 },
      "out-of-range",
      "count",
      "1.5 is not allowed; use a whole number from 1 to 1000000",
    ],
    [
      "hours 0",
      { hours: 0 },
      "out-of-range",
      "hours",
      "0 is not allowed; use a number above 0 and at most 87600",
    ],
    [
      "hours -0",
      { hours: -0 },
      "out-of-range",
      "hours",
      "0 is not allowed; use a number above 0 and at most 87600",
    ],
    [
      "hours 87,600.5",
      { hours: 87_600.5 },
      "out-of-range",
      "hours",
      "87600.5 is not allowed; use a number above 0 and at most 87600",
    ],
    ["hours 5e-324", { hours: 5e-324 }, "out-of-range", "hours", `5e-324 is not allowed; use ${UNDERFLOW}`],
    [
      "hours 9.99e-7",
      { hours: 9.99e-7 },
      "out-of-range",
      "hours",
      `9.99e-7 is not allowed; use ${UNDERFLOW}`,
    ],
    [
      "hours -5e-324 (negative: the bound, not the underflow, is what is wrong)",
      { hours: -5e-324 },
      "out-of-range",
      "hours",
      "-5e-324 is not allowed; use a number above 0 and at most 87600",
    ],
    [
      "hours Infinity",
      { hours: Number.POSITIVE_INFINITY },
      "out-of-range",
      "hours",
      "Infinity is not allowed; use a number above 0 and at most 87600",
    ],
    [
      "hours NaN",
      { hours: Number.NaN },
      "not-a-number",
      "hours",
      "NaN is not a number; use a number above 0 and at most 87600",
    ],
    [
      "deviceHours 500,000,001",
      { deviceHours: 500_000_001 },
      "out-of-range",
      "deviceHours",
      "500000001 is not allowed; use a number above 0 and at most 500000000",
    ],
    [
      "watts 0",
      { watts: 0 },
      "out-of-range",
      "watts",
      "0 is not allowed; use a number above 0 and at most 20000",
    ],
    [
      "watts 20,001",
      { watts: 20_001 },
      "out-of-range",
      "watts",
      "20001 is not allowed; use a number above 0 and at most 20000",
    ],
    [
      "utilization -0.1",
      { utilization: -0.1 },
      "out-of-range",
      "utilization",
      "-0.1 is not allowed; use a number from 0 to 1",
    ],
    [
      "utilization 1.0001",
      { utilization: 1.0001 },
      "out-of-range",
      "utilization",
      "1.0001 is not allowed; use a number from 0 to 1",
    ],
    [
      "utilization 1e-7 (non-zero but below the smallest)",
      { utilization: 1e-7 },
      "out-of-range",
      "utilization",
      `1e-7 is not allowed; use ${UNDERFLOW}`,
    ],
    ["pue 0.99", { pue: 0.99 }, "out-of-range", "pue", "0.99 is not allowed; use a number from 1 to 3"],
    ["pue 3.01", { pue: 3.01 }, "out-of-range", "pue", "3.01 is not allowed; use a number from 1 to 3"],
    [
      "cpuCount 0",
      { cpu: "x", cpuCount: 0 },
      "out-of-range",
      "cpuCount",
      "0 is not allowed; use a whole number from 1 to 1000000",
    ],
    [
      "cpuCount 2.5",
      { cpu: "x", cpuCount: 2.5 },
      "out-of-range",
      "cpuCount",
      "2.5 is not allowed; use a whole number from 1 to 1000000",
    ],
    [
      "cpuUtilization 2 (checked with utilization's bounds, named as itself)",
      { cpu: "x", cpuUtilization: 2 },
      "out-of-range",
      "cpuUtilization",
      "2 is not allowed; use a number from 0 to 1",
    ],
    [
      "memoryGB -1",
      { memoryGB: -1 },
      "out-of-range",
      "memoryGB",
      "-1 is not allowed; use a number from 0 to 1000000",
    ],
    [
      "memoryGB 1e-9",
      { memoryGB: 1e-9 },
      "out-of-range",
      "memoryGB",
      `1e-9 is not allowed; use ${UNDERFLOW}`,
    ],
    [
      "cpu TDP 0.5 W (reported on cpu, with its unit)",
      { cpu: { tdpW: 0.5 } },
      "out-of-range",
      "cpu",
      "0.5 is not allowed; use a number from 1 to 2000 (W)",
    ],
    [
      "cpu TDP 2001 W",
      { cpu: { tdpW: 2001 } },
      "out-of-range",
      "cpu",
      "2001 is not allowed; use a number from 1 to 2000 (W)",
    ],
    [
      "cpu TDP NaN",
      { cpu: { tdpW: Number.NaN } },
      "not-a-number",
      "cpu",
      "NaN is not a number; use a number from 1 to 2000 (W)",
    ],
    [
      "year 2022.5",
      { year: 2022.5 },
      "not-a-number",
      "year",
      "2022.5 is not a year; use a year such as 2024",
    ],
    ["year NaN", { year: Number.NaN }, "not-a-number", "year", "NaN is not a year; use a year such as 2024"],
  ];
  for (const [name, input, code, path, message] of refused) {
    it(`refuses ${name}`, () => assert.deepEqual(onlyProblem(input), [code, path, message]));
  }

  it("refuses values of the wrong type from untyped callers (JSON, the page) as not numbers, quoted", () => {
    const untyped = { hours: "10", count: null, year: "2022" } as unknown as EstimateInput;
    assert.deepEqual(
      numberProblems(untyped).map((p) => [p.code, p.path, p.message]),
      [
        ["not-a-number", "count", "null is not a number; use a whole number from 1 to 1000000"],
        ["not-a-number", "hours", '"10" is not a number; use a number above 0 and at most 87600'],
        ["not-a-number", "year", '"2022" is not a year; use a year such as 2024'],
      ],
    );
  });
});

describe("numberProblems lists every problem, in a fixed field order", () => {
  it("one problem per bad field, none for the good ones", () => {
    const problems = numberProblems({
      year: 2.5,
      memoryGB: -1,
      cpu: { tdpW: 0 },
      cpuUtilization: 9,
      cpuCount: 0,
      pue: 0.5,
      utilization: 2,
      watts: -1,
      deviceHours: 0,
      hours: 5e-324,
      count: 0,
      intensity: 99_999, // not this stage's: the location stage checks intensity
    });
    assert.deepEqual(
      problems.map((p) => p.path),
      [
        "count",
        "hours",
        "deviceHours",
        "watts",
        "utilization",
        "pue",
        "cpuCount",
        "cpuUtilization",
        "memoryGB",
        "cpu",
        "year",
      ],
    );
    assert.ok(problems.every((p) => p.fields === undefined && p.suggestions === undefined));
  });
});

describe("numberProblem agrees with numberProblems' inlined checks", () => {
  const fields: [LimitedField, keyof EstimateInput][] = [
    ["count", "count"],
    ["hours", "hours"],
    ["deviceHours", "deviceHours"],
    ["watts", "watts"],
    ["utilization", "utilization"],
    ["pue", "pue"],
    ["cpuCount", "cpuCount"],
    ["memoryGB", "memoryGB"],
  ];
  const values = [
    -1,
    -0,
    0,
    5e-324,
    1e-7,
    0.000001,
    0.5,
    1,
    1.5,
    2,
    3,
    3.5,
    87_600,
    87_601,
    20_000,
    20_001,
    1_000_000,
    1_000_001,
    500_000_000,
    500_000_001,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const [field, key] of fields) {
    it(`${field}: a problem exactly when the estimate stage finds one`, () => {
      for (const value of values) {
        const alone = numberProblem(field, value);
        const staged = numberProblems({ [key]: value } as EstimateInput);
        assert.equal(staged.length, alone === null ? 0 : 1, `${field} = ${value}`);
        if (alone !== null) assert.deepEqual(staged[0], alone);
      }
    });
  }

  it("is null for an absent value", () => assert.equal(numberProblem("hours", undefined), null));
});
