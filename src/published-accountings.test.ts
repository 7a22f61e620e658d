// Published training-emission accountings, reproduced from their stated inputs (within 0.5 %).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimate } from "./index.ts";

const within = (actual: number, expected: number, share = 0.005) =>
  assert.ok(
    Math.abs(actual - expected) <= share * expected,
    `${actual} is not within ${share * 100} % of ${expected}`,
  );

describe("published accountings", () => {
  it("BLOOM (Luccioni et al. 2022): 1,082,990 A100-h × 400 W, no PUE, 57 g/kWh → 433,196 kWh, 24.69 t", () => {
    const r = estimate({ watts: 400, deviceHours: 1_082_990, intensity: 57, pue: 1 });
    within(r.energyKWh, 433_196);
    within(r.emissionsKg, 24_690);
    // The same from the catalog: the A100 SXM4 80GB's TDP is 400 W.
    const byName = estimate({
      hardware: "NVIDIA A100-SXM4-80GB",
      utilization: 1,
      deviceHours: 1_082_990,
      intensity: 57,
      pue: 1,
    });
    assert.equal(byName.energyKWh, r.energyKWh);
  });

  it("BLOOM's whole accounting (Luccioni et al., Table 2): 24.7 t dynamic + 14.6 t idle + 11.2 t embodied = 50.5 t", () => {
    // The paper's inputs: 1,082,990 A100-hours; 433,196 kWh of dynamic power (400 W each) and 256,646 kWh
    // measured for keeping the nodes, network, storage and cooling on (its Section 4.3), no PUE on top;
    // 57 g/kWh; 384 A100s (150 kg each) on 48 HPE Apollo 6500 nodes (2,500 kg each without GPUs), a
    // 6-year replacement rate and 85 % average use, IDRIS's figures (Section 4.1).
    const idleKWh = 256_646;
    const watts = ((433_196 + idleKWh) * 1000) / 1_082_990; // 636.98 W per GPU, its share of the idle
    const r = estimate({
      hardware: "A100 SXM4 80GB",
      count: 384,
      watts,
      deviceHours: 1_082_990,
      intensity: 57,
      pue: 1,
      embodied: true,
      serviceLifeYears: 6,
      useShare: 0.85,
    });
    within(r.energyKWh, 433_196 + idleKWh);
    within(r.emissionsKg, 24_690 + 14_600); // dynamic + idle, operational
    assert.ok(r.embodied !== undefined);
    within(r.embodied.kg, 11_200);
    // Its parts as the paper gives them: 3.64 t for the GPUs, 7.57 t for the servers.
    within(r.embodied.parts[0]?.kg ?? 0, 3_640);
    within(r.embodied.parts[1]?.kg ?? 0, 7_570);
    assert.equal(r.embodied.parts[1]?.count, 48, "384 GPUs, 8 per server: 48 servers");
    assert.equal(Math.round(r.embodied.totalKg / 100) / 10, 50.5);
    within(r.embodied.totalKg, 50_500);
    // The 0.056 kg per server-hour and 0.003 kg per GPU-hour the paper derives from the same figures.
    assert.equal(Math.round((2500 / r.embodied.amortisedHours) * 1000) / 1000, 0.056);
    assert.equal(Math.round((150 / r.embodied.amortisedHours) * 1000) / 1000, 0.003);
  });

  it("T5-11B (Patterson et al. 2021): 245,760 TPU v3-h × 310 W, PUE 1.12, 545 g/kWh → 85.7 MWh, 46.7 t", () => {
    const r = estimate({ watts: 310, deviceHours: 245_760, pue: 1.12, intensity: 545 });
    within(r.facilityEnergyKWh, 85_700);
    within(r.emissionsKg, 46_700);
  });

  it("Llama 2 70B (model card): 1,720,320 A100-80GB-h × 400 W, PUE 1.1, 385 g/kWh → 291.42 t", () => {
    const r = estimate({
      hardware: "A100 SXM4 80GB",
      utilization: 1,
      deviceHours: 1_720_320,
      pue: 1.1,
      intensity: 385,
    });
    within(r.emissionsKg, 291_420);
    assert.deepEqual(r.range, { lowKg: r.emissionsKg, highKg: r.emissionsKg }, "all inputs exact");
  });

  it("the 2019 calculator's model-card example: TPU v3 283 W × 8 h × 0.57 kg/kWh → 2.26 kWh, 1.29 kg", () => {
    const r = estimate({ watts: 283, hours: 8, intensity: 570, pue: 1 });
    within(r.energyKWh, 2.26);
    within(r.emissionsKg, 1.29);
  });
});
