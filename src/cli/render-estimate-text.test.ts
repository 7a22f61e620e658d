import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimateWith } from "../core/estimate.ts";
import { fixtureDataset } from "../core/fixture-dataset.ts";
import type { Dataset, EstimateInput } from "../core/types.ts";
import { renderEstimateText } from "./render-estimate-text.ts";

const render = (input: EstimateInput, data: Dataset = fixtureDataset) =>
  renderEstimateText(estimateWith(data, input));

describe("renderEstimateText", () => {
  it("a cloud job with host parts: every section, hand-checked and wrapped at 80 columns", () => {
    // Devices 4 × (30 + 270 × 0.25) = 390 W; CPU 2 × (40 + 160 × 0.5) = 240 W; memory 64 × 0.5 = 32 W.
    // 662 W × 7 h = 4.634 kWh × PUE 1.1 = 5.0974 kWh × 500 g = 2.5487 kg.
    // Low 597 W (idle −50 %) × 7 h × PUE 1 × 500 g = 2.0895 kg; high 727 W × 7 h × 1.21 × 500 g = 3.0788 kg.
    // clean-1: 4.634 kWh × 1.2 × 10 g = 55.608 g, 97.8 % less.
    const text = render({
      hardware: "gpu-300",
      count: 4,
      hours: 7,
      utilization: 0.25,
      cpu: "cpu-200",
      cpuCount: 2,
      cpuUtilization: 0.5,
      memoryGB: 64,
      region: "gcp:dirty-1",
      year: 2023,
    });
    const expected = [
      "4 × Test GPU 300, 7 h each, in Google Cloud dirty-1 (Dirtytown) (grid year 2023)",
      "",
      "  (4 × 97.5 W + 2 × 120 W CPU + 64 GB × 0.5 W/GB) × 7 h = 4.634 kWh × PUE 1.10 =",
      "    5.097 kWh × 500 g/kWh = 2.549 kg CO2eq",
      "",
      "Emissions  2.55 kg CO2eq, location-based (range 2.09 kg – 3.08 kg)",
      "Energy     4.63 kWh IT; 5.1 kWh with PUE 1.1",
      "Market     0 kg CO2eq after the provider's published renewable matching",
      "           (market-based; shown beside, never subtracted)",
      "",
      "Components",
      "  - 4 × Test GPU 300: 390 W, 2.73 kWh [estimated]",
      "  - 2 × Test CPU 200: 240 W, 1.68 kWh [estimated]",
      "  - 64 GB memory: 32 W, 0.224 kWh [estimated]",
      "",
      "Factors",
      "  - device TDP (Test GPU 300): 300 W [published]",
      "      fixture hw (fixture, 2021) https://example.org/hw",
      "  - device idle power (Test GPU 300): 30 W [estimated] — 0.1 × TDP; no published",
      "      idle power",
      "      fixture model (fixture, 2024) https://example.org/model",
      "  - device utilization: 25 % [user]",
      "      given by the user",
      "  - CPU TDP (Test CPU 200): 200 W [published]",
      "      fixture hw (fixture, 2021) https://example.org/hw",
      "  - CPU idle power (Test CPU 200): 40 W [estimated] — 0.2 × TDP; no published",
      "      idle power",
      "      fixture model (fixture, 2024) https://example.org/model",
      "  - CPU utilization: 50 % [user]",
      "      given by the user",
      "  - memory power per GB: 0.5 W/GB [estimated]",
      "      fixture model (fixture, 2024) https://example.org/model",
      "  - PUE (Google Cloud fleet-wide): 1.1 [published] — fleet value applied to one",
      "      region: range ±10 %",
      "      fixture prov (fixture, 2024) https://example.org/prov",
      "  - grid intensity (Dirty grid, US-DIRTY): 500 g/kWh [published] — yearly",
      "      average, location-based, life-cycle emission factors",
      "      fixture grid-2023 (fixture, 2023) https://example.org/grid-2023",
      "  - Google Cloud renewable matching: 100 % [published] — market-based view only;",
      "      never subtracted from the location-based figure",
      "      fixture prov (fixture, 2024) https://example.org/prov",
      "",
      "Assumptions",
      "  ! No published idle power for Test GPU 300: idle estimated as a share of TDP.",
      "  ! No published idle power for Test CPU 200: idle estimated as a share of TDP.",
      "",
      "Cleanest region of this provider",
      "  gcp:clean-1: 55.6 g CO2eq (-97.8 %) at 10 g/kWh, PUE 1.2",
      "",
      "Equivalent to",
      "  - 10.2 km driven by an average passenger car",
      "  - 1.27 kg of coal burned",
      "  - 0.051 tree seedlings grown for 10 years",
      "  - 0.0051 flights A–B",
      "    Source: fixture model (fixture, 2024) https://example.org/model",
      "",
    ].join("\n");
    assert.equal(text, expected);
    for (const line of text.split("\n")) assert.ok(line.length <= 80, `${line.length} columns: ${line}`);
  });

  it("a private grid with watts: no market, components or cleanest region; the assumptions listed", () => {
    const text = render({ watts: 250, hours: 100, intensity: 570 });
    const lines = text.split("\n");
    assert.equal(lines[0], "1 device(s) at 250 W, 100 h each, in a grid of 570 gCO2eq/kWh");
    assert.equal(lines[2], "  1 × 250 W × 100 h = 25 kWh × PUE 1.00 = 25 kWh × 570 g/kWh = 14.25 kg CO2eq");
    assert.equal(lines[4], "Emissions  14.3 kg CO2eq, location-based (range 14.3 kg – 21.4 kg)");
    assert.equal(lines[5], "Energy     25 kWh IT; 25 kWh with PUE 1");
    assert.equal(lines[6], "");
    assert.equal(lines[7], "Factors");
    for (const absent of ["Market ", "Components", "Cleanest region"])
      assert.ok(!text.includes(absent), absent);
    const assumptions = text.slice(text.indexOf("Assumptions\n"));
    assert.ok(
      assumptions.startsWith(
        "Assumptions\n  ! PUE not given: 1.00 assumed (private or unknown facility), the industry\n    average; the range goes from 1.00 (an efficient facility) to 1.50.\n",
      ),
      assumptions,
    );
  });

  it("a cleaner job than the alternative shows the change with a plus sign", () => {
    // In clean-1 already: the cleanest is itself, 0 % change.
    const text = render({ hardware: "TG400", hours: 10, utilization: 1, region: "gcp:clean-1", year: 2023 });
    assert.ok(text.includes("\n  gcp:clean-1: 48 g CO2eq (0 %) at 10 g/kWh, PUE 1.2\n"), text);
  });

  it("measured watts print as measured; a measured factor's source says so", () => {
    const text = render({ watts: 123.456, wattsKind: "measured", hours: 2, zone: "FR", year: 2021, pue: 1 });
    assert.ok(text.startsWith("1 device(s) at 123 W, 2 h each, in France (FR) (grid year 2021)\n"));
    assert.ok(
      text.includes(
        "  - device power (device): 123 W [measured] — average per device\n      measured on this run (mlco2 track)\n",
      ),
    );
  });

  it("a word longer than the line is kept whole on its own line, never cut", () => {
    const label = "Lab-".repeat(25); // 100 characters without a space
    const data: Dataset = {
      ...fixtureDataset,
      regions: fixtureDataset.regions.map((r) => (r.id === "clean-1" ? { ...r, location: label } : r)),
    };
    const lines = render({ hardware: "TG400", hours: 1, region: "gcp:clean-1" }, data).split("\n");
    assert.equal(lines[0], "1 × Test GPU 400, 1 h each, in Google Cloud clean-1");
    assert.equal(lines[1], `(${label})`);
    assert.equal(lines[2], "(grid year 2023)");
  });

  it("an instance with embodied emissions: what it is made of, the embodied line and the total", () => {
    // 3,712 W × 10 h × PUE 1.1 × 500 g = 20.416 kg; embodied 0.5936 kg (297 g – 970 g); total 21.0 kg.
    const text = render({
      instance: "gcp:tg-8x400",
      hours: 10,
      utilization: 1,
      cpuUtilization: 1,
      region: "gcp:dirty-1",
      year: 2023,
      embodied: true,
    });
    const lines = text.split("\n");
    assert.equal(
      lines[0],
      "1 × gcp:tg-8x400 (8 × Test GPU 400, 64 vCPUs of Test CPU 200, 512 GB memory), 10",
    );
    assert.ok(
      text.includes(
        "\nEmbodied   594 g CO2eq, manufacture of the hardware (range 297 g – 970 g)\nTotal      21 kg CO2eq, operational + embodied (range 18.9 kg – 23.4 kg)\n",
      ),
      text,
    );
    assert.ok(
      text.includes(
        "\nEmbodied emissions (included in the total above, not in Emissions)\n  - 8 × Test GPU 400: 365 g CO2eq\n  - 1 server without accelerators: 228 g CO2eq\n  (8 × 200 kg + 1 × 1,000 kg) × 10 h / (5 years × 8760 h) = 0.594 kg CO2eq\n",
      ),
    );
    assert.ok(text.includes("\nEquivalent to (the operational emissions)\n"));
    // Without embodied emissions, none of it.
    const plain = render({ instance: "gcp:tg-8x400", hours: 10, region: "gcp:dirty-1", year: 2023 });
    assert.ok(!plain.includes("Embodied") && !plain.includes("Total "));
  });
});
