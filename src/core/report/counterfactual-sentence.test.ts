// The counterfactual sentence of a tracker result, hand-checked in the plain, Markdown and LaTeX styles.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimateWith } from "../estimate.ts";
import { fixtureDataset } from "../fixture-dataset.ts";
import type { Counterfactual, EstimateResult } from "../types.ts";
import { renderLatex } from "./latex.ts";
import { renderMarkdown } from "./markdown.ts";
import { counterfactualSentence, type ParagraphStyle, paragraphOf } from "./paragraph.ts";

const PLAIN: ParagraphStyle = {
  text: (t) => t,
  co2: "CO2eq",
  times: "x",
  percent: "%",
  dash: "-",
  cite: (key) => ` [${key}]`,
};

// 10 kWh at 1 kW in US-DIRTY, PUE 1, 2023: 10 × 500 g = 5 kg.
const base = estimateWith(fixtureDataset, {
  watts: 1000,
  wattsKind: "measured",
  hours: 10,
  zone: "US-DIRTY",
  year: 2023,
  pue: 1,
});
const counterfactual: Counterfactual = {
  bestWindowKg: 3,
  bestWindowStart: "2026-03-02T03:00:00Z",
  bestWindowNote: "moved by +2 h",
  cleanestRegionKg: 1,
  cleanestRegion: "US-CLEAN",
  cleanestRegionScope: "country",
  sameRegionYearlyKg: 5,
  cleanestRegionNote: "the cleanest grid zone of US",
};
const tracked = (c: Counterfactual | null): EstimateResult => ({ ...base, counterfactual: c });

describe("the counterfactual sentence", () => {
  it("both halves: the best start within 12 h (3 of 5 kg: 40 % less) and the country's cleanest zone (1 of 5 kg: 80 % less)", () => {
    assert.equal(
      counterfactualSentence(tracked(counterfactual), PLAIN),
      "Started at the cleanest time within 12 hours of its actual start (2026-03-02 03:00 UTC), the same energy would have emitted 3 kg CO2eq (40% less); in US-CLEAN, the cleanest grid zone of the same country, it would have emitted 1 kg CO2eq (80% less than where it ran, both at yearly average intensities).",
    );
  });

  it("only the region, in a cloud: the provider's cleanest region", () => {
    const c = {
      ...counterfactual,
      bestWindowKg: null,
      bestWindowStart: null,
      cleanestRegion: "gcp:clean-1",
      cleanestRegionScope: "provider" as const,
      cleanestRegionKg: 0.06,
    };
    assert.equal(
      counterfactualSentence(tracked(c), PLAIN),
      "In gcp:clean-1, the cleanest region of the same provider, the same energy would have emitted 60 g CO2eq (98.8% less than where it ran, both at yearly average intensities).",
    );
  });

  it("no better time, and already the cleanest zone", () => {
    const c = { ...counterfactual, bestWindowKg: 5, cleanestRegion: "US-DIRTY", cleanestRegionKg: 5 };
    assert.equal(
      counterfactualSentence(tracked(c), PLAIN),
      "Started at any other time within 12 hours of its start, the same energy would not have emitted less than the 5 kg CO2eq it did; it already ran in the cleanest grid zone of its country.",
    );
  });

  it("absent from estimates and from tracker results without one: the paragraph is unchanged", () => {
    assert.equal(counterfactualSentence(base, PLAIN), "");
    assert.equal(counterfactualSentence(tracked(null), PLAIN), "");
    assert.equal(paragraphOf(tracked(null), PLAIN), paragraphOf(base, PLAIN));
  });

  it("in the Markdown and LaTeX reports, before the citation", () => {
    assert.match(
      renderMarkdown(tracked(counterfactual)),
      /\(2026-03-02 03:00 UTC\), the same energy would have emitted 3 kg CO₂eq \(40 % less\); in US-CLEAN, the cleanest grid zone of the same country, it would have emitted 1 kg CO₂eq \(80 % less than where it ran, both at yearly average intensities\)\. Estimations were conducted/,
    );
    assert.match(
      renderLatex(tracked(counterfactual)),
      /would have emitted 3 kg CO\$_2\$eq \(40\\% less\); in US-CLEAN, the cleanest grid zone of the same country, it would have emitted 1 kg CO\$_2\$eq \(80\\% less than where it ran, both at yearly average intensities\)\. Estimations/,
    );
  });
});
