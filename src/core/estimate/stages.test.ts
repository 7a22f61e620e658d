// The later stages alone (PUE, energy and range, market-based, alternatives, derivation), each fed by
// the real earlier stages over the fixture dataset, with hand-computed vectors.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Problem } from "../errors.ts";
import { tryEstimateWith } from "../estimate.ts";
import { fixtureDataset as data } from "../fixture-dataset.ts";
import { formatRatio } from "../format-number.ts";
import { type LocationFactors, resolveLocation } from "../resolve-location.ts";
import type { Dataset, EstimateInput } from "../types.ts";
import { cleanestAlternativeOf } from "./alternatives.ts";
import { cpuPart, cpuSpecOf } from "./cpu-power.ts";
import { derivationOf } from "./derivation.ts";
import { durationOf } from "./duration.ts";
import { energyOf } from "./energy.ts";
import { hardwareOf } from "./hardware.ts";
import { marketViewOf } from "./market.ts";
import { devicePart, memoryPart, type PowerBand } from "./power.ts";
import { pueOf } from "./pue.ts";

const near = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);

const located = (input: EstimateInput, dataset: Dataset = data): LocationFactors => {
  const outcome = resolveLocation(dataset, input);
  assert.ok(outcome.ok, JSON.stringify(outcome));
  return outcome.value;
};

/** A hand-made band: only the watts matter to the energy stage. */
const band = (powerW: number, lowW: number, highW: number): PowerBand => ({
  label: "x",
  component: "devices",
  powerW,
  lowW,
  highW,
  kind: "estimated",
  term: "x",
});

describe("pueOf", () => {
  const dirty = located({ region: "gcp:dirty-1", year: 2023 });

  it("the user's PUE is exact, user-given, with no warning", () => {
    assert.deepEqual(pueOf({ pue: 1.25 }, dirty, formatRatio), {
      value: 1.25,
      low: 1.25,
      high: 1.25,
      factor: { name: "PUE", value: 1.25, unit: "", kind: "user", source: null, year: null },
      warning: null,
      text: "1.25",
    });
  });

  it("uses the given formatter for the derivation text", () => {
    assert.equal(pueOf({ pue: 1.5 }, dirty, (v) => `<${v}>`).text, "<1.5>");
  });

  it("no PUE: the location's own facility PUE object, not a copy", () => {
    const pue = pueOf({}, dirty, formatRatio);
    assert.equal(pue, dirty.facilityPue);
    assert.equal(pue.value, 1.1);
    assert.equal(pue.low, 1); // 1.1 × 0.9 = 0.99, floored at 1
    near(pue.high, 1.21);
  });
});

describe("energyOf: energy, emissions and the range corners", () => {
  // Zone US-DIRTY, no year: 500 g/kWh (2023), band 500–600 over 2021–2023.
  const zone = located({ zone: "US-DIRTY" });
  // Google's fleet PUE 1.1 ± 10 %, floored at 1: 1 – 1.21.
  const fleetPue = located({ region: "gcp:dirty-1" }).facilityPue;
  const bands = [band(400, 220, 400), band(240, 220, 260)];

  it("sums the bands, then power × hours × PUE × intensity", () => {
    const e = energyOf(bands, 10, fleetPue, zone);
    near(e.energyKWh, 6.4); // 640 W × 10 h
    near(e.facilityEnergyKWh, 7.04); // × 1.1
    near(e.emissionsKg, 3.52); // × 500 g/kWh
  });

  it("the low corner takes every low end together, the high corner every high end", () => {
    const e = energyOf(bands, 10, fleetPue, zone);
    near(e.lowKg, 2.2); // 440 W × 10 h = 4.4 kWh × PUE 1 × 500 g/kWh
    near(e.highKg, 4.7916); // 660 W × 10 h = 6.6 kWh × PUE 1.21 × 600 g/kWh
  });

  it("exact inputs collapse the range onto the figure", () => {
    const exact = located({ zone: "US-DIRTY", year: 2022 }); // 550 g/kWh, no band
    const e = energyOf([band(300, 300, 300)], 2, pueOf({ pue: 1.5 }, exact, formatRatio), exact);
    near(e.energyKWh, 0.6); // 300 W × 2 h
    near(e.facilityEnergyKWh, 0.9); // × 1.5
    near(e.emissionsKg, 0.495); // × 550 g/kWh
    assert.equal(e.lowKg, e.emissionsKg);
    assert.equal(e.highKg, e.emissionsKg);
  });

  it("no bands: zero", () => {
    assert.deepEqual(energyOf([], 10, fleetPue, zone), {
      energyKWh: 0,
      facilityEnergyKWh: 0,
      emissionsKg: 0,
      lowKg: 0,
      highKg: 0,
    });
  });
});

describe("marketViewOf", () => {
  it("a provider matching 100 %: 0 kg market-based, with the provider's published factor", () => {
    const view = marketViewOf(data, 20, located({ region: "gcp:dirty-1" }));
    assert.deepEqual(view, {
      marketBasedKg: 0,
      factor: {
        name: "Google Cloud renewable matching",
        value: 1,
        unit: "share",
        kind: "published",
        source: data.sources.get("prov") ?? null,
        year: 2024,
        note: "market-based view only; never subtracted from the location-based figure",
      },
    });
  });

  it("a partial match scales the figure; a region's own match wins over its provider's", () => {
    const partial: Dataset = {
      ...data,
      providers: data.providers.map((p) =>
        p.id === "gcp" ? { ...p, renewableMatch: { value: 0.25, year: 2023, source: "prov" } } : p,
      ),
      regions: data.regions.map((r) =>
        r.id === "clean-1" ? { ...r, renewableMatch: { value: 0.9, year: 2022, source: "prov" } } : r,
      ),
    };
    const dirty = marketViewOf(partial, 100, located({ region: "gcp:dirty-1" }, partial));
    assert.equal(dirty?.marketBasedKg, 75); // 100 × (1 − 0.25)
    assert.equal(dirty?.factor.year, 2023);
    const clean = marketViewOf(partial, 100, located({ region: "gcp:clean-1" }, partial));
    near(clean?.marketBasedKg ?? Number.NaN, 10); // 100 × (1 − 0.9)
    assert.equal(clean?.factor.value, 0.9);
    assert.equal(clean?.factor.year, 2022);
  });

  it("null where nothing is published: a provider without matching, a zone, a country, an intensity", () => {
    for (const input of [{ region: "aws:east-1" }, { zone: "FR" }, { country: "DE" }, { intensity: 300 }]) {
      assert.equal(marketViewOf(data, 10, located(input)), null, JSON.stringify(input));
    }
  });
});

describe("cleanestAlternativeOf", () => {
  it("the provider's lowest PUE × intensity region, priced with its own PUE and intensity", () => {
    // gcp 2023: dirty-1 1.1 × 500 = 550, clean-1 1.2 × 10 = 12 → clean-1; 40 kWh × 1.2 × 10 g = 0.48 kg.
    assert.deepEqual(cleanestAlternativeOf(data, 40, located({ region: "gcp:dirty-1", year: 2023 })), {
      region: "gcp:clean-1",
      emissionsKg: 0.48,
      intensityGPerKWh: 10,
      pue: 1.2,
    });
  });

  it("uses the job's grid year", () => {
    // 2021: clean-1 at 20 g/kWh → 40 kWh × 1.2 × 20 g = 0.96 kg.
    const alt = cleanestAlternativeOf(data, 40, located({ region: "gcp:dirty-1", year: 2021 }));
    assert.equal(alt?.intensityGPerKWh, 20);
    near(alt?.emissionsKg ?? Number.NaN, 0.96);
  });

  it("a provider with one region and no PUE: that region, at the default PUE 1", () => {
    assert.deepEqual(cleanestAlternativeOf(data, 40, located({ region: "aws:east-1", year: 2023 })), {
      region: "aws:east-1",
      emissionsKg: 20, // 40 kWh × 1 × 500 g
      intensityGPerKWh: 500,
      pue: 1,
    });
  });

  it("null outside the cloud", () => {
    for (const input of [{ zone: "FR" }, { country: "FR" }, { country: "DE" }, { intensity: 300 }]) {
      assert.equal(cleanestAlternativeOf(data, 40, located(input)), null, JSON.stringify(input));
    }
  });
});

/** Runs every stage by hand, the way tryEstimateWith does, and returns the derivation line. */
const derivationBy = (input: EstimateInput): string => {
  const problems: Problem[] = [];
  const { entry, cpuEntry } = hardwareOf(data, input, problems);
  const duration = durationOf(input, problems);
  const where = located(input);
  assert.deepEqual(problems, []);
  assert.ok(duration !== null);
  const devices = devicePart(data, input, entry, duration.count);
  const bands = [devices.band];
  const cpu = cpuSpecOf(data, input, cpuEntry, null);
  for (const part of [cpuPart(data, cpu, input.cpuUtilization), memoryPart(data, input.memoryGB)])
    if (part !== null) bands.push(part.band);
  const pue = pueOf(input, where, formatRatio);
  const energy = energyOf(bands, duration.hours, pue, where);
  const line = derivationOf(bands, devices, duration, pue, where, energy);
  const whole = tryEstimateWith(data, input);
  assert.equal(whole.ok && whole.value.derivation, line, "the engine prints what the stages print");
  return line;
};

describe("derivationOf: the exact line", () => {
  it("devices × hours", () => {
    // 4 × 97.5 W = 390 W × 10 h = 3.9 kWh × 1.25 = 4.875 kWh × 90 g/kWh (FR 2022) = 0.43875 kg.
    assert.equal(
      derivationBy({
        hardware: "gpu-300",
        count: 4,
        hours: 10,
        utilization: 0.25,
        zone: "FR",
        year: 2022,
        pue: 1.25,
      }),
      "4 × 97.5 W × 10 h = 3.9 kWh × PUE 1.25 = 4.875 kWh × 90 g/kWh = 0.439 kg CO2eq",
    );
  });

  it("device-hours over several devices: one device's power × device-hours", () => {
    assert.equal(
      derivationBy({
        hardware: "gpu-300",
        count: 4,
        deviceHours: 40,
        utilization: 0.25,
        zone: "FR",
        year: 2022,
        pue: 1.25,
      }),
      "97.5 W × 40 device-h = 3.9 kWh × PUE 1.25 = 4.875 kWh × 90 g/kWh = 0.439 kg CO2eq",
    );
  });

  it("device-hours of one device read as hours", () => {
    assert.equal(
      derivationBy({ watts: 250, deviceHours: 100, intensity: 570, pue: 1 }),
      "1 × 250 W × 100 h = 25 kWh × PUE 1.00 = 25 kWh × 570 g/kWh = 14.25 kg CO2eq",
    );
  });

  it("host parts: the sum of the terms in brackets", () => {
    // 3 × 220 W + 1 × 150 W CPU + 64 GB × 0.5 W/GB = 660 + 150 + 32 = 842 W × 12 h = 10.104 kWh;
    // fleet PUE 1.1 → 11.1144 kWh; clean-1 region PUE 1.2 instead → 12.1248 kWh × 10 g = 0.121248 kg.
    assert.equal(
      derivationBy({
        hardware: "TG400",
        count: 3,
        hours: 12,
        utilization: 0.5,
        cpu: { tdpW: 150 },
        cpuUtilization: 1,
        memoryGB: 64,
        region: "gcp:clean-1",
        year: 2023,
      }),
      "(3 × 220 W + 1 × 150 W CPU + 64 GB × 0.5 W/GB) × 12 h = 10.1 kWh × PUE 1.20 = 12.12 kWh × 10 g/kWh = 0.121 kg CO2eq",
    );
  });

  it("host parts with device-hours: the whole machine's power × hours, never × device-hours", () => {
    // (8 × 400 + 200) W = 3400 W × 100 h = 340 kWh. (Printing "× 800 device-h" would read as 2,720 kWh.)
    assert.equal(
      derivationBy({
        hardware: "TG400",
        count: 8,
        deviceHours: 800,
        utilization: 1,
        cpu: { tdpW: 200 },
        cpuUtilization: 1,
        intensity: 500,
        pue: 1,
      }),
      "(8 × 400 W + 1 × 200 W CPU) × 100 h = 340 kWh × PUE 1.00 = 340 kWh × 500 g/kWh = 170 kg CO2eq",
    );
  });

  it("large and small figures keep their grouping and significant digits", () => {
    // 1000 × 400 W × 1000 h = 400,000 kWh × 0.001234 g/kWh = 0.4936 kg; an intensity below 1 prints 3 s.f.
    assert.equal(
      derivationBy({
        hardware: "TG400",
        count: 1000,
        hours: 1000,
        utilization: 1,
        intensity: 0.001234,
        pue: 1,
      }),
      "1000 × 400 W × 1,000 h = 400,000 kWh × PUE 1.00 = 400,000 kWh × 0.00123 g/kWh = 0.494 kg CO2eq",
    );
  });
});

describe("tryEstimateWith joins the stages' problems", () => {
  it("one problem per field: a year the numbers stage refused is not refused again by the location stage", () => {
    const outcome = tryEstimateWith(data, { hardware: "TG400", hours: 1, zone: "FR", year: 2022.5 });
    assert.deepEqual(outcome.ok ? [] : outcome.problems, [
      { code: "not-a-number", path: "year", message: "2022.5 is not a year; use a year such as 2024" },
    ]);
  });

  it("every stage's problems, in stage order: numbers, hardware, duration, location", () => {
    const outcome = tryEstimateWith(data, { watts: -1, utilization: 0.5, cpuCount: 2, region: "gcp:x" });
    assert.deepEqual(outcome.ok ? [] : outcome.problems.map((p) => `${p.code} ${p.path}`), [
      "out-of-range watts",
      "conflict utilization",
      "required cpu",
      "required hours",
      "unknown-region region",
    ]);
  });
});
