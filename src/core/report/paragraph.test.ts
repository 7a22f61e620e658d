import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimateWith } from "../estimate.ts";
import { fixtureDataset } from "../fixture-dataset.ts";
import type { Dataset, EstimateInput, EstimateResult } from "../types.ts";
import { MARKDOWN_STYLE } from "./markdown.ts";
import { type ParagraphStyle, paragraphOf, renewableShareOf } from "./paragraph.ts";

/** A plain style whose marks are easy to read back: every piece of the paragraph shows in the text. */
const PLAIN: ParagraphStyle = {
  text: (t) => t,
  co2: "CO2eq",
  times: "x",
  percent: "%",
  dash: "-",
  cite: (key) => ` [${key}]`,
};
const est = (input: EstimateInput, data: Dataset = fixtureDataset) => estimateWith(data, input);
const sentences = (paragraph: string) => paragraph.split(/(?<=\.) (?=[A-Z])/);
const CITATION =
  "Estimations were conducted using mlco2 [mlco2], following the method of the Machine Learning Emissions Calculator [lacoste2019quantifying].";

describe("paragraphOf: hand-checked text", () => {
  it("a cloud region: zone, TDP, PUE, range and the provider's market-based figure", () => {
    // 8 × 400 W × 100 h = 320 kWh; fleet PUE 1.1 → 352 kWh; × 500 g = 176 kg; range 320 × 1 × 0.5 =
    // 160 kg … 320 × 1.21 × 0.5 = 193.6 kg; Google (fixture) matches 100 % → 0 kg market-based.
    const r = est({
      hardware: "TG400",
      count: 8,
      hours: 100,
      utilization: 1,
      region: "gcp:dirty-1",
      year: 2023,
    });
    assert.deepEqual(sentences(paragraphOf(r, PLAIN)), [
      "The computation ran on Google Cloud dirty-1 (Dirtytown), whose electricity grid (zone US-DIRTY) has a carbon intensity of 500 gCO2eq/kWh (2023 yearly average).",
      "A cumulative 800 device-hours of computation were performed on 8 x Test GPU 400, each counted at its thermal design power of 400 W.",
      "This amounts to 320 kWh of IT energy, or 352 kWh at the facility with a power usage effectiveness (PUE) of 1.10.",
      "Total emissions are estimated at 176 kg CO2eq (location-based; plausible range 160 kg - 194 kg).",
      "Google Cloud reports matching 100% of its electricity with renewable energy purchases; on that market-based view the emissions would be 0 kg CO2eq, a figure stated separately and not subtracted from the location-based total.",
      CITATION,
    ]);
  });

  it("a partial renewable match: the share and what remains", () => {
    const partial: Dataset = {
      ...fixtureDataset,
      providers: fixtureDataset.providers.map((p) =>
        p.id === "gcp" ? { ...p, renewableMatch: { value: 0.6, year: 2024, source: "prov" } } : p,
      ),
    };
    // 400 W × 100 h = 40 kWh × PUE 1 × 500 g = 20 kg; 40 % unmatched → 8 kg.
    const r = est(
      { hardware: "TG400", hours: 100, utilization: 1, region: "gcp:dirty-1", year: 2023, pue: 1 },
      partial,
    );
    const text = paragraphOf(r, PLAIN);
    assert.ok(
      text.includes(
        "Google Cloud reports matching 60% of its electricity with renewable energy purchases; on that market-based view the emissions would be 8 kg CO2eq,",
      ),
      text,
    );
    assert.ok(text.includes("Total emissions are estimated at 20 kg CO2eq (location-based)."));
  });

  it("a country: estimated power at a utilization, host parts, grams, the estimated-idle range, no market view", () => {
    // Devices: idle 30 W, 30 + 270 × 0.5 = 165 W each, × 2 = 330 W; CPU 100 W; memory 32 × 0.5 = 16 W.
    // 446 W × 5 h = 2.23 kWh × 1.2 = 2.676 kWh × 90 g (FR 2022) = 240.84 g.
    // Range: idle ± 50 % → 157.5 / 172.5 W each: 431 W → 232.74 g; 461 W → 248.94 g.
    const r = est({
      hardware: "gpu-300",
      count: 2,
      hours: 5,
      utilization: 0.5,
      cpu: { tdpW: 100 },
      cpuUtilization: 1,
      memoryGB: 32,
      country: "FR",
      year: 2022,
      pue: 1.2,
    });
    assert.deepEqual(sentences(paragraphOf(r, PLAIN)), [
      "The computation ran in France, whose electricity grid has a carbon intensity of 90 gCO2eq/kWh (2022 yearly average).",
      "A cumulative 10 device-hours of computation were performed on 2 x Test GPU 300, drawing an estimated 165 W each (TDP 300 W, utilization 50%).",
      "The host's CPU (100 W) and memory (16 W) are included.",
      "This amounts to 2.23 kWh of IT energy, or 2.68 kWh at the facility with a power usage effectiveness (PUE) of 1.20.",
      "Total emissions are estimated at 241 g CO2eq (location-based; plausible range 233 g - 249 g).",
      CITATION,
    ]);
  });

  it("a country on Ember's figure: its year, one host part", () => {
    const r = est({ watts: 100, hours: 10, memoryGB: 100, country: "DE", pue: 1 });
    const text = paragraphOf(r, PLAIN);
    assert.ok(
      text.startsWith(
        "The computation ran in Germany, whose electricity grid has a carbon intensity of 380 gCO2eq/kWh (2024 yearly average).",
      ),
    );
    assert.ok(text.includes(" The host's memory (50 W) is included. "), text);
  });

  it("a grid zone, with watts given for catalog hardware", () => {
    // 2 × 300 W × 1 h = 0.6 kWh × PUE 1 (assumed) × 50 g (FR 2023) = 30 g; range 0.6 × 1 × 50 = 30 g …
    // 0.6 × 1.5 × 90 = 81 g.
    const r = est({ hardware: "TG400", watts: 300, count: 2, hours: 1, zone: "FR" });
    assert.deepEqual(sentences(paragraphOf(r, PLAIN)), [
      "The computation ran on the France (FR) electricity grid, with a carbon intensity of 50 gCO2eq/kWh (2023 yearly average).",
      "A cumulative 2 device-hours of computation were performed on 2 x Test GPU 400, drawing 300 W each on average (measured or given).",
      "This amounts to 0.6 kWh of IT energy, or 0.6 kWh at the facility with a power usage effectiveness (PUE) of 1.00.",
      "Total emissions are estimated at 30 g CO2eq (location-based; plausible range 30 g - 81 g).",
      CITATION,
    ]);
  });

  it("an explicit intensity: the 2019 calculator's own example, singular device", () => {
    // 250 W × 100 h = 25 kWh × 570 g/kWh = 14.25 kg.
    const r = est({ watts: 250, hours: 100, intensity: 570, pue: 1 });
    assert.deepEqual(sentences(paragraphOf(r, PLAIN)), [
      "The computation ran on private infrastructure whose electricity has a carbon intensity of 570 gCO2eq/kWh, as given by the authors.",
      "A cumulative 100 device-hours of computation were performed on 1 device drawing 250 W each on average.",
      "This amounts to 25 kWh of IT energy, or 25 kWh at the facility with a power usage effectiveness (PUE) of 1.00.",
      "Total emissions are estimated at 14.3 kg CO2eq (location-based).",
      CITATION,
    ]);
  });

  it("one device-hour is singular; several devices without hardware are plural", () => {
    assert.ok(
      paragraphOf(est({ watts: 10, hours: 1, intensity: 1, pue: 1 }), PLAIN).includes(
        "A cumulative 1 device-hour of computation were performed on 1 device drawing",
      ),
    );
    assert.ok(
      paragraphOf(est({ watts: 10, count: 3, hours: 1, intensity: 1, pue: 1 }), PLAIN).includes(
        "3 device-hours of computation were performed on 3 devices drawing 10 W each",
      ),
    );
  });

  it("a run without accelerators (a tracker log of CPU and memory) is described by its components", () => {
    const base = est({ watts: 12, hours: 0.5, intensity: 100, pue: 1 });
    const cpuOnly: EstimateResult = {
      ...base,
      components: [
        { component: "cpu", label: "CPU", powerW: 12, energyKWh: 0.006, kind: "estimated" },
        { component: "memory", label: "memory", powerW: 3.25, energyKWh: 0.001625, kind: "estimated" },
      ],
    };
    assert.equal(
      sentences(paragraphOf(cpuOnly, PLAIN))[1],
      "The job ran for 0.5 hours at an average of 15.3 W: CPU 12 W (estimated), memory 3.25 W (estimated).",
    );
  });

  it("the style spells every piece: Markdown escapes the label and links the calculator", () => {
    const data: Dataset = {
      ...fixtureDataset,
      regions: fixtureDataset.regions.map((r) =>
        r.id === "clean-1" ? { ...r, location: "Lab_1 *north*" } : r,
      ),
    };
    const r = est(
      { hardware: "TG400", count: 2, hours: 10, utilization: 1, region: "gcp:clean-1", year: 2023 },
      data,
    );
    const text = paragraphOf(r, MARKDOWN_STYLE);
    assert.ok(
      text.startsWith(
        "The computation ran on Google Cloud clean-1 (Lab\\_1 \\*north\\*), whose electricity grid (zone SE-SE1) has a carbon intensity of 10 gCO₂eq/kWh (2023 yearly average).",
      ),
      text,
    );
    assert.ok(text.includes("on 2 × Test GPU 400, each counted"));
    assert.ok(text.includes("reports matching 100 % of its electricity"));
    assert.ok(
      text.endsWith(
        "Machine Learning Emissions Calculator ([Lacoste et al., 2019](https://arxiv.org/abs/1910.09700)).",
      ),
    );
  });
});

describe("renewableShareOf", () => {
  const cloud = est({
    hardware: "TG400",
    hours: 100,
    utilization: 1,
    region: "gcp:dirty-1",
    year: 2023,
    pue: 1,
  });

  it("from the matching factor", () => assert.equal(renewableShareOf(cloud), 1));

  it("from the figures when a saved result lacks the factor", () => {
    const bare: EstimateResult = {
      ...cloud,
      marketBasedKg: 8,
      factors: cloud.factors.filter((f) => !f.name.endsWith("renewable matching")),
    };
    assert.equal(renewableShareOf(bare), 0.6); // 1 − 8 / 20
  });

  it("null without a market-based figure, or with nothing to divide by", () => {
    assert.equal(renewableShareOf(est({ watts: 1, hours: 1, intensity: 1 })), null);
    const zero: EstimateResult = { ...cloud, emissionsKg: 0, marketBasedKg: 0, factors: [] };
    assert.equal(renewableShareOf(zero), null);
    assert.ok(!paragraphOf(zero, PLAIN).includes("market-based"), "no market sentence without a share");
  });
});
