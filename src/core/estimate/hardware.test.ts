import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Problem } from "../errors.ts";
import { fixtureDataset as data } from "../fixture-dataset.ts";
import type { EstimateInput } from "../types.ts";
import { hardwareOf, namesNoModel, unknownHardware } from "./hardware.ts";

const run = (input: EstimateInput) => {
  const problems: Problem[] = [];
  const resolved = hardwareOf(data, input, problems);
  return { ...resolved, problems };
};

describe("hardwareOf: what ran", () => {
  it("finds the device by alias, the host CPU by id, and reports nothing", () => {
    const r = run({ hardware: "TG400", cpu: "cpu-200" });
    assert.equal(r.entry?.id, "gpu-400");
    assert.equal(r.cpuEntry?.id, "cpu-200");
    assert.deepEqual(r.problems, []);
  });

  it("forgives the vendor word, case and punctuation", () => {
    for (const name of ["nvidia tg400", "NVIDIA TG400-SXM4-80GB", "test-gpu-400", "GPU_400"]) {
      assert.equal(run({ hardware: name }).entry?.id, "gpu-400", name);
    }
  });

  it("watts alone need no catalog entry", () => {
    const r = run({ watts: 250 });
    assert.equal(r.entry, undefined);
    assert.equal(r.cpuEntry, null);
    assert.deepEqual(r.problems, []);
  });

  it("a CPU given by TDP has no catalog entry and no problem", () => {
    const r = run({ watts: 250, cpu: { tdpW: 150 }, cpuCount: 2, cpuUtilization: 0.5 });
    assert.equal(r.cpuEntry, null);
    assert.deepEqual(r.problems, []);
  });
});

describe("hardwareOf: problems", () => {
  it("neither hardware, watts, cpu nor instance: required, offering all four", () => {
    assert.deepEqual(run({ hours: 1 }).problems, [
      {
        code: "required",
        path: "hardware",
        message:
          "give one of hardware, watts, cpu or instance (a catalog name, the average watts per device, the CPU of a CPU-only job, or a cloud instance type)",
        fields: ["hardware", "watts", "cpu", "instance"],
      },
    ]);
  });

  it("an unknown name, with no close match, points to the catalog", () => {
    assert.deepEqual(run({ hardware: "nope" }).problems, [
      {
        code: "unknown-hardware",
        path: "hardware",
        message: 'unknown hardware "nope" (list the catalog with mlco2 hardware)',
        suggestions: [],
      },
    ]);
  });

  it("an unknown name offers the three closest display names, the contained one first", () => {
    const [problem] = run({ hardware: "Test GPU 40" }).problems;
    assert.deepEqual(problem?.suggestions, ["Test GPU 400", "Test GPU 300", "Test CPU 200"]);
    assert.equal(
      problem?.message,
      'unknown hardware "Test GPU 40"; did you mean "Test GPU 400", "Test GPU 300", "Test CPU 200"? (list the catalog with mlco2 hardware)',
    );
  });

  it("suggestions name each entry once, by display name, even when an alias matched", () => {
    // "TG40" is closest to the alias "TG400": shown as its entry's name, not as the alias.
    const problem = unknownHardware(data, "hardware", "TG40");
    assert.equal(problem.suggestions?.[0], "Test GPU 400");
    assert.equal(new Set(problem.suggestions).size, problem.suggestions?.length);
  });

  it("watts with a utilization: conflict, on utilization", () => {
    assert.deepEqual(run({ watts: 100, utilization: 0.5 }).problems, [
      {
        code: "conflict",
        path: "utilization",
        message: "cannot be combined with watts (watts is the average power already)",
        fields: ["watts"],
      },
    ]);
  });

  it("a GPU named as the CPU: wrong kind", () => {
    const r = run({ hardware: "TG400", cpu: "TG400" });
    assert.equal(r.cpuEntry, null);
    assert.deepEqual(r.problems, [
      {
        code: "wrong-kind",
        path: "cpu",
        message: '"TG400" is a gpu, not a CPU; allowed: a CPU from the catalog or a TDP in watts',
      },
    ]);
  });

  it("an unknown CPU name is reported on cpu, with suggestions", () => {
    const [problem] = run({ hardware: "TG400", cpu: "Test CPU 20" }).problems;
    assert.equal(problem?.code, "unknown-hardware");
    assert.equal(problem?.path, "cpu");
    assert.equal(problem?.suggestions?.[0], "Test CPU 200");
  });

  for (const [name, input] of [
    ["a CPU count", { hardware: "TG400", cpuCount: 2 }],
    ["a CPU utilization", { hardware: "TG400", cpuUtilization: 0.5 }],
  ] as const) {
    it(`${name} without a CPU: cpu required`, () => {
      assert.deepEqual(run(input).problems, [
        {
          code: "required",
          path: "cpu",
          message: "give cpu (a catalog name or a TDP in watts): the CPU count and utilization need one",
          fields: ["cpu"],
        },
      ]);
    });
  }

  it("reports every problem it finds, after those already found", () => {
    const earlier: Problem = { code: "out-of-range", path: "hours", message: "earlier" };
    const problems: Problem[] = [earlier];
    hardwareOf(data, { hardware: "nope", watts: 100, utilization: 0.5, cpu: "TG400" }, problems);
    assert.deepEqual(
      problems.map((p) => [p.code, p.path]),
      [
        ["out-of-range", "hours"],
        ["unknown-hardware", "hardware"],
        ["conflict", "utilization"],
        ["wrong-kind", "cpu"],
      ],
    );
  });
});

describe("namesNoModel: /proc/cpuinfo strings that name a family or hypervisor only", () => {
  it("family, hypervisor and codename-only strings; real models are not", () => {
    for (const text of [
      "AMD EPYC",
      " AMD EPYC",
      "Intel(R) Xeon(R) CPU @ 2.20GHz",
      "Intel Xeon Processor (Icelake)",
      "QEMU Virtual CPU version 2.5+",
      "Common KVM processor",
    ])
      assert.equal(namesNoModel(text), true, text);
    for (const text of [
      "AMD EPYC 7B13",
      "Intel(R) Xeon(R) CPU E5-2650 0 @ 2.00GHz",
      "Xeon 6980P",
      "TG400",
      "",
    ])
      assert.equal(namesNoModel(text), false, text);
  });

  it("such a string is an unknown-hardware problem that says what to give instead, without guesses", () => {
    assert.deepEqual(run({ cpu: "AMD EPYC" }).problems, [
      {
        code: "unknown-hardware",
        path: "cpu",
        message:
          "\"AMD EPYC\" is not a CPU model: it names a family or a hypervisor only (virtual machines often hide the model); give the model (from the provider's documentation), the cloud instance type, or the CPU's TDP in watts",
        suggestions: [],
      },
    ]);
  });
});
