import assert from "node:assert/strict";
import { test } from "node:test";
import { embodiedKgOf } from "../core/embodied.ts";
import { embodied } from "./embodied.ts";
import { dataset } from "./index.ts";

test("every embodied factor has a source, a year and a range around its value", () => {
  const factors = [
    embodied.accelerator,
    embodied.cpu,
    embodied.memoryPerGB,
    embodied.server,
    embodied.serviceLifeYears,
    ...Object.values(embodied.byHardware),
  ];
  for (const f of factors) {
    assert.ok(dataset.sources.has(f.source), f.source);
    assert.ok(
      f.range.low <= f.value && f.value <= f.range.high,
      `${f.source}: ${f.range.low}–${f.value}–${f.range.high}`,
    );
    assert.ok(f.year >= 2021, f.source);
  }
  for (const id of Object.keys(embodied.byHardware)) {
    assert.ok(
      dataset.hardware.some((h) => h.id === id),
      id,
    );
  }
});

test("BLOOM's 11.2 t embodied from the bundled factors: 384 A100s and 48 servers, 6-year life used 85 %", () => {
  const a100 = embodied.byHardware["nvidia-a100-sxm4-80gb"];
  assert.ok(a100);
  const r = embodiedKgOf({
    parts: [
      { label: "384 × A100", count: 384, factor: a100 },
      { label: "48 servers", count: 48, factor: embodied.server },
    ],
    hours: 1_082_990 / 384,
    lifeYears: embodied.serviceLifeYears.value,
    useShare: 0.85,
  });
  assert.equal(Math.round(r.kg / 100) / 10, 11.2);
});
