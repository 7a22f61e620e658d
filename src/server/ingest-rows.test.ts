import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as v from "valibot";
import { batchRowsOf } from "./ingest-rows.ts";
import { type IngestBody, IngestBodySchema } from "./schemas.ts";

const NOW = Date.parse("2026-03-10T12:00:00Z");

const line = (
  components: { key: string; energyKWh: number }[],
  emissionsKg: number,
  cumulative = { energyKWh: 2, facilityEnergyKWh: 2.4, emissionsKg: 1 },
) => ({
  type: "sample",
  time: "2026-03-10T11:00:00Z",
  elapsedS: 10,
  intervalS: 10,
  components: components.map((c) => ({
    ...c,
    component: "gpu",
    label: c.key,
    powerW: (c.energyKWh * 3.6e6) / 10,
    method: "measured",
    via: "test",
  })),
  powerW: 0,
  energyKWh: components.reduce((s, c) => s + c.energyKWh, 0),
  intensityGPerKWh: 100,
  emissionsKg,
  cumulative,
});

const body = (samples: { seq: number; line: unknown }[]): IngestBody =>
  v.parse(IngestBodySchema, { runKey: "r", node: { hostname: "h", rank: 0 }, logId: "l", samples });

describe("batch rows", () => {
  it("share a line's emissions by energy and take the PUE from the running totals", () => {
    const out = batchRowsOf(
      body([
        {
          seq: 4,
          line: line(
            [
              { key: "gpu:0", energyKWh: 0.003 },
              { key: "gpu:1", energyKWh: 0.001 },
            ],
            0.00048,
          ),
        },
      ]),
      NOW,
    );
    assert.ok(out.ok);
    const [a, b] = out.value.rows;
    // 0.00048 kg × 3/4 and × 1/4; facility = energy × 2.4/2 = × 1.2.
    assert.ok(Math.abs((a?.emissionsKg ?? 0) - 0.00036) < 1e-15);
    assert.ok(Math.abs((b?.emissionsKg ?? 0) - 0.00012) < 1e-15);
    assert.ok(Math.abs((a?.facilityKWh ?? 0) - 0.0036) < 1e-15);
    assert.deepEqual(out.value.contiguous, { first: 4, last: 4 });
  });

  it("say whether seqs run without a gap", () => {
    const l = line([{ key: "gpu:0", energyKWh: 0.001 }], 0);
    const gap = batchRowsOf(
      body([
        { seq: 0, line: l },
        { seq: 2, line: l },
      ]),
      NOW,
    );
    assert.ok(gap.ok);
    assert.equal(gap.value.contiguous, null);
  });

  it("refuse a repeated component key, emissions the energy cannot have, and a PUE outside 1–3", () => {
    const out = batchRowsOf(
      body([
        {
          seq: 0,
          line: line(
            [
              { key: "gpu:0", energyKWh: 0.001 },
              { key: "gpu:0", energyKWh: 0.001 },
            ],
            0,
          ),
        },
        { seq: 1, line: line([{ key: "gpu:0", energyKWh: 0.001 }], 0.01) },
        {
          seq: 2,
          line: line([{ key: "gpu:0", energyKWh: 0.001 }], 0, {
            energyKWh: 1,
            facilityEnergyKWh: 5,
            emissionsKg: 0,
          }),
        },
      ]),
      NOW,
    );
    assert.ok(!out.ok);
    assert.deepEqual(
      out.problems.map((p) => `${p.code} ${p.path}`),
      [
        "invalid samples[0].line.components[1].key",
        "out-of-range samples[1].line.emissionsKg",
        "out-of-range samples[2].line.cumulative.facilityEnergyKWh",
      ],
    );
  });

  it("report at most 20 problems", () => {
    const bad = line([{ key: "gpu:0", energyKWh: 0.001 }], 1);
    const out = batchRowsOf(body(Array.from({ length: 50 }, (_, seq) => ({ seq, line: bad }))), NOW);
    assert.ok(!out.ok);
    assert.equal(out.problems.length, 20);
  });
});
