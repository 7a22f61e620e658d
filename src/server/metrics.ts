// Prometheus text from the store's totals, through prom-client: energy (J) and location-based emissions
// (g) as counters, last-interval power (W) as a gauge, labelled project, run, node, component, method.
// The counters are the stored totals, so a server restart does not reset them. Pure: rows in, text out.
import { Counter, Gauge, Registry } from "prom-client";
import type { MetricRow } from "./store/store.ts";

/** The labels of every series. */
export const METRIC_LABELS = ["project", "run", "node", "component", "method"] as const;

/** The content type of the text format. */
export const PROMETHEUS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/**
 * The exposition text of `rows`.
 *
 * @example
 * await metricsText([{ project: "p", run: "r", node: "h:0", component: "gpu", method: "measured", energyKWh: 1, emissionsKg: 0.1, powerW: 300 }])
 * // mlco2_energy_joules_total{project="p",…} 3600000 …
 */
export const metricsText = async (rows: readonly MetricRow[]): Promise<string> => {
  const registry = new Registry();
  const energy = new Counter({
    name: "mlco2_energy_joules_total",
    help: "IT energy of tracked runs (before PUE), joules, as stored by the mlco2 server",
    labelNames: METRIC_LABELS,
    registers: [registry],
  });
  const emissions = new Counter({
    name: "mlco2_emissions_grams_total",
    help: "Location-based emissions of tracked runs (IT energy x PUE x grid intensity), grams CO2eq",
    labelNames: METRIC_LABELS,
    registers: [registry],
  });
  const power = new Gauge({
    name: "mlco2_power_watts",
    help: "Average power over the last interval of runs still reporting, watts",
    labelNames: METRIC_LABELS,
    registers: [registry],
  });
  for (const row of rows) {
    const labels = {
      project: row.project,
      run: row.run,
      node: row.node,
      component: row.component,
      method: row.method,
    };
    energy.inc(labels, row.energyKWh * 3_600_000);
    emissions.inc(labels, row.emissionsKg * 1000);
    if (row.powerW !== null) power.set(labels, row.powerW);
  }
  return registry.metrics();
};
