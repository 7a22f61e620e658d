import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { componentTermsOf, measuredComponentsOf } from "./measured-components.ts";
import type { ComponentTotal } from "./sampler.ts";

const total = (
  over: Partial<ComponentTotal> & Pick<ComponentTotal, "component" | "label">,
): ComponentTotal => ({
  energyJ: 0,
  method: "measured",
  via: "nvidia-smi",
  utilizationS: 0,
  utilizationCoveredS: 0,
  ...over,
});

// One hour: 1.8 MJ = 0.5 kWh = 500 W average; 234 kJ = 0.065 kWh = 65 W.
const totals = [
  total({ component: "gpu", label: "GPU 0", energyJ: 1.8e6, utilizationS: 1800, utilizationCoveredS: 3600 }),
  total({ component: "cpu", label: "CPU", energyJ: 234_000, method: "estimated", via: "load model" }),
  total({ component: "gpu", label: "GPU 1", energyJ: 1.8e6, method: "estimated" }),
];

describe("measuredComponentsOf", () => {
  it("groups GPUs as the devices, in the order first seen, estimated when any part is", () => {
    const { components, devicesEnergyJ } = measuredComponentsOf(totals, 1);
    assert.deepEqual(components, [
      { component: "devices", label: "GPU 0 + GPU 1", powerW: 1000, energyKWh: 1, kind: "estimated" },
      { component: "cpu", label: "CPU", powerW: 65, energyKWh: 0.065, kind: "estimated" },
    ]);
    assert.equal(devicesEnergyJ, 3.6e6);
  });
  it("gives one factor per sensor total with its average power and utilization", () => {
    const { factors } = measuredComponentsOf(totals, 0.5); // half an hour: twice the watts
    assert.deepEqual(
      factors.map((f) => [f.name, f.value, f.kind, f.note]),
      [
        ["GPU power (GPU 0)", 1000, "measured", "average; nvidia-smi; utilization 50 %"],
        ["CPU power (CPU)", 130, "estimated", "average; load model"],
        ["GPU power (GPU 1)", 1000, "estimated", "average; nvidia-smi"],
      ],
    );
  });
  it("has no devices without GPUs, and no terms without components", () => {
    assert.equal(measuredComponentsOf([totals[1] as ComponentTotal], 1).devicesEnergyJ, null);
    assert.equal(componentTermsOf([]), "");
  });
});

describe("componentTermsOf", () => {
  it("names each component's average power and how it was read", () => {
    const { components } = measuredComponentsOf(totals.slice(0, 2), 1);
    assert.equal(componentTermsOf(components), "GPU 500 W measured + CPU 65 W estimated");
  });
});
