// Reports of a tracker result (no accelerators; measured and derived factors without a source).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimateWith } from "../estimate.ts";
import { fixtureDataset } from "../fixture-dataset.ts";
import type { EstimateResult } from "../types.ts";
import { renderMarkdown } from "./markdown.ts";

const base = estimateWith(fixtureDataset, {
  watts: 30,
  wattsKind: "measured",
  hours: 2,
  zone: "FR",
  year: 2022,
});
const tracked: EstimateResult = {
  ...base,
  components: [
    { component: "cpu", label: "Test CPU", powerW: 25, energyKWh: 0.05, kind: "measured" },
    { component: "memory", label: "memory", powerW: 5, energyKWh: 0.01, kind: "estimated" },
  ],
  factors: [
    { name: "CPU power (RAPL)", value: 25, unit: "W", kind: "measured", source: null, year: null },
    { name: "memory power", value: 5, unit: "W", kind: "estimated", source: null, year: null },
    ...base.factors.slice(1),
  ],
};

describe("reports of a tracker result", () => {
  it("describe the run by its components and label unsourced factors by kind", () => {
    const md = renderMarkdown(tracked);
    assert.match(
      md,
      /The job ran for 2 hours at an average of 30 W: CPU 25 W \(measured\), memory 5 W \(estimated\)\./,
    );
    assert.match(md, /\| CPU power \(RAPL\) \| 25 W \| measured \| measured on this run \(mlco2 track\) \|/);
    assert.match(md, /\| memory power \| 5 W \| estimated \| derived by mlco2 from the sourced factors/);
    assert.doesNotMatch(md, /given by the user/);
  });
});
