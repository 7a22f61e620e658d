import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CliError } from "./cli-error.ts";
import {
  EMBODIED_FLAGS,
  estimateInputOf,
  JOB_FLAGS,
  LOCATION_FLAGS,
  UNIT_FLAGS,
} from "./estimate-options.ts";

/** [code, message] of the CliError `run` throws. */
const refusal = (run: () => unknown): [string, string] => {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof CliError, String(error));
    return [error.code, error.message];
  }
  assert.fail("no error thrown");
};

describe("estimateInputOf", () => {
  test("every flag lands in its engine field, numbers parsed", () => {
    assert.deepEqual(
      estimateInputOf({
        hardware: "A100 SXM4 80GB",
        count: "8",
        hours: "1.5",
        deviceHours: "12",
        watts: "300",
        utilization: "0.7",
        pue: "1.1",
        region: "gcp:us-central1",
        country: "FR",
        zone: "SE-SE3",
        intensity: "56",
        year: "2023",
        cpu: "EPYC 7763",
        cpuCount: "2",
        cpuUtilization: "0.5",
        memoryGb: "512",
        instance: "aws:p4d.24xlarge",
        embodied: true,
        serviceLife: "5",
        useShare: "0.85",
        units: "1e6",
        unit: "tokens",
      }),
      {
        hardware: "A100 SXM4 80GB",
        count: 8,
        hours: 1.5,
        deviceHours: 12,
        watts: 300,
        utilization: 0.7,
        pue: 1.1,
        region: "gcp:us-central1",
        country: "FR",
        zone: "SE-SE3",
        intensity: 56,
        year: 2023,
        cpu: "EPYC 7763",
        cpuCount: 2,
        cpuUtilization: 0.5,
        memoryGB: 512,
        instance: "aws:p4d.24xlarge",
        embodied: true,
        serviceLifeYears: 5,
        useShare: 0.85,
        units: 1_000_000,
        unit: "tokens",
      },
    );
  });

  test("no flags: an empty input (the engine says what is missing)", () => {
    assert.deepEqual(estimateInputOf({}), {});
    assert.deepEqual(estimateInputOf({ embodied: false }), {});
  });

  test("--cpu: plain digits are a TDP in watts, anything else a catalog name", () => {
    assert.deepEqual(estimateInputOf({ cpu: "280" }).cpu, { tdpW: 280 });
    assert.deepEqual(estimateInputOf({ cpu: " 95.5 " }).cpu, { tdpW: 95.5 });
    assert.equal(estimateInputOf({ cpu: "Xeon 8480" }).cpu, "Xeon 8480");
    assert.equal(estimateInputOf({ cpu: "1e3" }).cpu, "1e3");
  });

  test("numbers are decimal only; whole-number flags refuse fractions; each names its flag", () => {
    const cases: [Parameters<typeof estimateInputOf>[0], string, string][] = [
      [{ hours: "0x10" }, "not-a-number", '--hours: "0x10" is not a number; use a number of hours above 0'],
      [{ hours: "" }, "not-a-number", '--hours: "" is not a number; use a number of hours above 0'],
      [{ hours: "1_000" }, "not-a-number", '--hours: "1_000" is not a number; use a number of hours above 0'],
      [
        { hours: "Infinity" },
        "not-a-number",
        '--hours: "Infinity" is not a number; use a number of hours above 0',
      ],
      [{ count: "2.5" }, "not-a-number", '--count: "2.5" is not a whole number; use a whole number from 1'],
      [{ cpuCount: "two" }, "not-a-number", '--cpu-count: "two" is not a number; use a whole number from 1'],
      [{ year: "2023.5" }, "not-a-number", '--year: "2023.5" is not a whole number; use a year such as 2024'],
      [{ memoryGb: "lots" }, "not-a-number", '--memory-gb: "lots" is not a number; use GB, 0 or more'],
      [
        { useShare: "85%" },
        "not-a-number",
        '--use-share: "85%" is not a number; use a share above 0 and at most 1',
      ],
      [
        { intensity: "low" },
        "not-a-number",
        '--intensity: "low" is not a number; use gCO2eq/kWh from 0 to 2000',
      ],
    ];
    for (const [flags, code, message] of cases)
      assert.deepEqual(
        refusal(() => estimateInputOf(flags)),
        [code, message],
        JSON.stringify(flags),
      );
  });

  test("out-of-range numbers pass through: the engine checks ranges", () => {
    assert.deepEqual(estimateInputOf({ hours: "-1", pue: "9", utilization: "2" }), {
      hours: -1,
      pue: 9,
      utilization: 2,
    });
  });
});

describe("flag tables", () => {
  test("every flag is listed once across the tables, each with a description", () => {
    const all = [...LOCATION_FLAGS, ...UNIT_FLAGS, ...JOB_FLAGS, ...EMBODIED_FLAGS];
    const names = all.map(([flags]) => flags.split(" ")[0]);
    assert.equal(new Set(names).size, names.length);
    for (const [flags, description] of all) {
      assert.match(flags, /^--[a-z-]+( <[^>]+>)?$/);
      assert.ok(description.length > 10, flags);
    }
  });
});
