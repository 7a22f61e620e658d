// The counterfactual against hand-computed figures on the engine's fixture dataset.
import assert from "node:assert/strict";
import { test } from "node:test";
import { estimateWith } from "../core/estimate.ts";
import { fixtureDataset } from "../core/fixture-dataset.ts";
import type { Dataset, EstimateInput } from "../core/types.ts";
import type { GridZone } from "../data/types.ts";
import { counterfactualOf, NO_SERIES_WINDOW } from "./counterfactual.ts";

/** The engine's result for 1 kWh of IT energy, as the tracker's summary asks it. */
const perKWh = (location: EstimateInput, data: Dataset = fixtureDataset) =>
  estimateWith(data, { watts: 1000, wattsKind: "measured", hours: 1, year: 2023, ...location });

const window = { kg: 0.4, start: "2026-03-02T03:00:00Z", note: "moved by +2 h" };

test("a cloud region: the provider's cleanest region at its own PUE, against the run's region at its yearly figure", () => {
  // gcp:dirty-1: fleet PUE 1.1 × 500 g/kWh = 0.55 kg per kWh; gcp:clean-1: 1.2 × 10 = 0.012 kg per kWh.
  const c = counterfactualOf({
    dataset: fixtureDataset,
    perKWh: perKWh({ region: "gcp:dirty-1" }),
    energyKWh: 10,
    pue: 1.1,
    bestWindow: window,
    locationMissing: false,
  });
  assert.ok(c !== null);
  assert.equal(c.cleanestRegion, "gcp:clean-1");
  assert.equal(c.cleanestRegionScope, "provider");
  assert.ok(Math.abs((c.cleanestRegionKg ?? 0) - 0.12) < 1e-12);
  assert.ok(Math.abs((c.sameRegionYearlyKg ?? 0) - 5.5) < 1e-12);
  assert.equal(c.bestWindowKg, 0.4);
  assert.equal(c.bestWindowStart, "2026-03-02T03:00:00Z");
  assert.match(
    c.cleanestRegionNote,
    /^the cleanest region of Google Cloud \(lowest PUE × intensity\): 10 g\/kWh, 2023 yearly average, at its published PUE 1.2$/,
  );
});

test("a grid zone outside the cloud: the cleanest zone of the same country, at the run's PUE", () => {
  const zones = new Map<string, GridZone>(fixtureDataset.grid.zones);
  zones.set("US-CLEAN", {
    id: "US-CLEAN",
    name: "Clean grid",
    country: "US",
    intensityGPerKWhByYear: new Map([[2023, 100]]),
    sourceByYear: new Map([[2023, "em"]]),
  });
  const data: Dataset = { ...fixtureDataset, grid: { ...fixtureDataset.grid, zones } };
  // 2 kWh × PUE 1.5 × 100 g/kWh = 0.3 kg there; × 500 g/kWh = 1.5 kg where it ran.
  const c = counterfactualOf({
    dataset: data,
    perKWh: perKWh({ zone: "US-DIRTY", pue: 1.5 }, data),
    energyKWh: 2,
    pue: 1.5,
    bestWindow: NO_SERIES_WINDOW,
    locationMissing: false,
  });
  assert.ok(c !== null);
  assert.equal(c.cleanestRegion, "US-CLEAN");
  assert.equal(c.cleanestRegionScope, "country");
  assert.ok(Math.abs((c.cleanestRegionKg ?? 0) - 0.3) < 1e-12);
  assert.ok(Math.abs((c.sameRegionYearlyKg ?? 0) - 1.5) < 1e-12);
  assert.equal(c.bestWindowKg, null);
  assert.match(c.bestWindowNote, /no time-resolved intensity asked for/);
});

test("the only zone of its country is already the cleanest; an explicit intensity has nothing to compare", () => {
  const fr = counterfactualOf({
    dataset: fixtureDataset,
    perKWh: perKWh({ zone: "FR", pue: 1 }),
    energyKWh: 1,
    pue: 1,
    bestWindow: NO_SERIES_WINDOW,
    locationMissing: false,
  });
  assert.equal(fr?.cleanestRegion, "FR");
  assert.match(fr?.cleanestRegionNote ?? "", /^already the cleanest grid zone of FR/);
  assert.equal(fr?.cleanestRegionKg, 0.05);
  const explicit = {
    dataset: fixtureDataset,
    perKWh: estimateWith(fixtureDataset, { watts: 1000, wattsKind: "measured", hours: 1, intensity: 300 }),
    energyKWh: 1,
    pue: 1,
    locationMissing: false,
  };
  assert.equal(counterfactualOf({ ...explicit, bestWindow: NO_SERIES_WINDOW }), null);
  const withWindow = counterfactualOf({ ...explicit, bestWindow: window });
  assert.equal(withWindow?.cleanestRegion, null);
  assert.match(withWindow?.cleanestRegionNote ?? "", /explicit intensity/);
});
