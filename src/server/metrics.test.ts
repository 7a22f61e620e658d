// Prometheus text from store totals, and the same figures over OTLP/HTTP to a fake receiver on 127.0.0.1,
// read from each store (PGlite and PostgreSQL).
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { openTestStore, STORE_KINDS } from "./fixtures/test-stores.ts";
import { metricsText } from "./metrics.ts";
import { startOtlpExport } from "./otlp.ts";
import type { MetricRow } from "./store/store.ts";

const ROWS: MetricRow[] = [
  {
    project: 'team "a"\n',
    run: "job-1",
    node: "gpu-01:0",
    component: "gpu",
    method: "measured",
    energyKWh: 2,
    emissionsKg: 0.1,
    powerW: 350,
  },
  {
    project: 'team "a"\n',
    run: "job-1",
    node: "gpu-01:0",
    component: "cpu",
    method: "estimated",
    energyKWh: 0.5,
    emissionsKg: 0.025,
    powerW: null,
  },
];

describe("/metrics text", () => {
  it("has joules and grams as counters and watts as a gauge, labels escaped", async () => {
    const text = await metricsText(ROWS);
    const labels = 'project="team \\"a\\"\\n",run="job-1",node="gpu-01:0",component="gpu",method="measured"';
    assert.ok(text.includes("# TYPE mlco2_energy_joules_total counter"));
    assert.ok(text.includes(`mlco2_energy_joules_total{${labels}} 7200000`), text);
    assert.ok(text.includes(`mlco2_emissions_grams_total{${labels}} 100`));
    assert.ok(text.includes("# TYPE mlco2_power_watts gauge"));
    assert.ok(text.includes(`mlco2_power_watts{${labels}} 350`));
    assert.ok(
      !/mlco2_power_watts\{[^}]*component="cpu"/.test(text),
      "no power for a series no longer reporting",
    );
  });
});

interface OtlpPoint {
  attributes: { key: string; value: { stringValue?: string } }[];
  asDouble?: number;
}
interface OtlpMetric {
  name: string;
  unit: string;
  sum?: { dataPoints: OtlpPoint[]; isMonotonic?: boolean };
  gauge?: { dataPoints: OtlpPoint[] };
}

for (const kind of STORE_KINDS) {
  describe(`OTLP export from ${kind}`, () => {
    it("sends hw.energy, hw.power and mlco2.emissions with hw.type to an OTLP/HTTP receiver", async (t) => {
      const bodies: string[] = [];
      const receiver = createServer((request, response) => {
        let body = "";
        request.on("data", (chunk: Buffer) => {
          body += chunk.toString();
        });
        request.on("end", () => {
          if (request.url === "/v1/metrics") bodies.push(body);
          response.writeHead(200, { "content-type": "application/json" }).end("{}");
        });
      });
      await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/metrics`;
      const opened = await openTestStore(kind, new Date());
      if (!("store" in opened)) {
        receiver.close();
        return t.skip(opened.skipped);
      }
      const { store } = opened;
      const project = await store.ensureProject("otel", new Date());
      await store.ingest({
        node: { projectId: project.id, runKey: "job-9", hostname: "gpu-07", rank: 3, logId: "L" },
        at: new Date(),
        startedAt: null,
        start: null,
        summary: null,
        rows: [
          {
            seq: 0,
            time: new Date().toISOString(),
            intervalS: 1,
            key: "gpu:0",
            component: "gpu",
            label: "GPU 0",
            method: "measured",
            via: "nvidia-smi",
            powerW: 400,
            energyKWh: 400 / 3.6e6,
            emissionsKg: 1e-5,
            facilityKWh: 440 / 3.6e6,
          },
        ],
        contiguous: { first: 0, last: 0 },
      });
      const exporter = startOtlpExport({
        url,
        store,
        now: () => new Date(),
        intervalMs: 60_000,
        log: () => {},
      });
      try {
        await exporter.forceFlush();
        const metrics = bodies.flatMap((b) =>
          (
            JSON.parse(b) as { resourceMetrics: { scopeMetrics: { metrics: OtlpMetric[] }[] }[] }
          ).resourceMetrics.flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics)),
        );
        const byName = new Map(metrics.map((m) => [m.name, m]));
        const energy = byName.get("hw.energy");
        assert.equal(energy?.unit, "J");
        assert.equal(energy?.sum?.isMonotonic, true);
        const point = energy?.sum?.dataPoints[0];
        assert.ok(Math.abs((point?.asDouble ?? 0) - 400) < 1e-9, "400 W for 1 s is 400 J");
        const attributes = Object.fromEntries(
          (point?.attributes ?? []).map((a) => [a.key, a.value.stringValue]),
        );
        assert.equal(attributes["hw.type"], "gpu");
        assert.equal(attributes["mlco2.project"], "otel");
        assert.equal(attributes["host.name"], "gpu-07");
        assert.equal(byName.get("hw.power")?.gauge?.dataPoints[0]?.asDouble, 400);
        assert.equal(byName.get("hw.power")?.unit, "W");
        assert.equal(byName.get("mlco2.emissions")?.unit, "g");
      } finally {
        await exporter.shutdown();
        await opened.release();
        receiver.close();
      }
    });
  });
}
