// OpenTelemetry OTLP/HTTP export of the same totals as /metrics, under the hardware semantic conventions
// where they fit: `hw.energy` (J, counter) and `hw.power` (W, gauge) with `hw.type` (cpu, gpu, memory) and
// `hw.id`; emissions as `mlco2.emissions` (g, counter). Figures are read from the store at each export.
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { POWER_RECENT_MS } from "./routes/metrics.ts";
import type { MetricRow, Store } from "./store/store.ts";

/** Attributes of one row: semantic-convention names first, mlco2's own under `mlco2.`. */
export const otlpAttributes = (row: MetricRow): Record<string, string> => ({
  "hw.type": row.component,
  "hw.id": `${row.run}/${row.node}/${row.component}/${row.method}`,
  "host.name": row.node.slice(0, row.node.lastIndexOf(":")),
  "mlco2.project": row.project,
  "mlco2.run": row.run,
  "mlco2.node": row.node,
  "mlco2.method": row.method,
});

/** Options of {@link startOtlpExport}. */
export interface OtlpOptions {
  /** OTLP/HTTP metrics endpoint (…/v1/metrics). */
  readonly url: string;
  /** The store. */
  readonly store: Store;
  /** The clock. */
  readonly now: () => Date;
  /** Export interval, ms. */
  readonly intervalMs: number;
  /** Log lines. */
  readonly log: (line: string) => void;
}

/** A running export. */
export interface OtlpExport {
  /** Exports now. */
  forceFlush(): Promise<void>;
  /** Exports once more and stops. */
  shutdown(): Promise<void>;
}

/** Starts exporting every `intervalMs`. */
export const startOtlpExport = (options: OtlpOptions): OtlpExport => {
  const exporter = new OTLPMetricExporter({ url: options.url, timeoutMillis: 10_000 });
  const reader = new PeriodicExportingMetricReader({
    exporter,
    exportIntervalMillis: options.intervalMs,
    exportTimeoutMillis: Math.min(options.intervalMs, 10_000),
  });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ "service.name": "mlco2-server" }),
    readers: [reader],
  });
  const meter = provider.getMeter("mlco2");
  const energy = meter.createObservableCounter("hw.energy", {
    unit: "J",
    description: "Energy consumed by the component (IT energy before PUE, as tracked by mlco2)",
  });
  const power = meter.createObservableGauge("hw.power", {
    unit: "W",
    description: "Instantaneous power consumed by the component (average of the last interval)",
  });
  const emissions = meter.createObservableCounter("mlco2.emissions", {
    unit: "g",
    description: "Location-based emissions of the component's energy (x PUE x grid intensity), grams CO2eq",
  });
  let failed = false;
  meter.addBatchObservableCallback(
    async (result) => {
      try {
        const rows = await options.store.metricRows(
          null,
          new Date(options.now().getTime() - POWER_RECENT_MS),
        );
        for (const row of rows) {
          const attributes = otlpAttributes(row);
          result.observe(energy, row.energyKWh * 3_600_000, attributes);
          result.observe(emissions, row.emissionsKg * 1000, attributes);
          if (row.powerW !== null) result.observe(power, row.powerW, attributes);
        }
        failed = false;
      } catch (error) {
        if (!failed) options.log(`OTLP export: cannot read the totals (${(error as Error).message})`);
        failed = true;
      }
    },
    [energy, power, emissions],
  );
  return { forceFlush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
};
