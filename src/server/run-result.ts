// One result for a whole run: a single node's summary as it is, or the nodes' summaries added up (energy,
// emissions, ranges, market-based view and components summed; factors kept per node). Pure.
import { equivalentsOf } from "../core/equivalents.ts";
import type { ComponentEstimate, Dataset, EstimateResult, Factor } from "../core/types.ts";

/** A node's result with its name. */
export interface NodeResult {
  /** `hostname:rank`. */
  readonly node: string;
  /** Its summary's result. */
  readonly result: EstimateResult;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

const sameFactor = (a: Factor, b: Factor): boolean =>
  a.name === b.name &&
  a.value === b.value &&
  a.unit === b.unit &&
  a.kind === b.kind &&
  a.source?.id === b.source?.id;

const combinedComponents = (results: readonly EstimateResult[]): ComponentEstimate[] => {
  const byGroup = new Map<ComponentEstimate["component"], ComponentEstimate[]>();
  for (const c of results.flatMap((r) => r.components))
    byGroup.set(c.component, [...(byGroup.get(c.component) ?? []), c]);
  return [...byGroup.entries()].map(([component, list]) => ({
    component,
    label: [...new Set(list.map((c) => c.label))].join(" + "),
    powerW: sum(list.map((c) => c.powerW)),
    energyKWh: sum(list.map((c) => c.energyKWh)),
    kind: list.some((c) => c.kind === "estimated") ? "estimated" : (list[0]?.kind ?? "measured"),
  }));
};

const combinedFactors = (nodes: readonly NodeResult[]): Factor[] => {
  const shared: Factor[] = [];
  const own: Factor[] = [];
  for (const { node, result } of nodes) {
    for (const factor of result.factors) {
      const everywhere = nodes.every((n) => n.result.factors.some((f) => sameFactor(f, factor)));
      if (everywhere) {
        if (!shared.some((f) => sameFactor(f, factor))) shared.push(factor);
      } else own.push({ ...factor, name: `${factor.name} [${node}]` });
    }
  }
  return [...own, ...shared];
};

/**
 * The run's result from its nodes' results (at least one). With one node it is that node's result.
 *
 * @example
 * runResultOf(dataset, [{ node: "gpu-01:0", result: a }, { node: "gpu-02:1", result: b }]).energyKWh // a + b
 */
export const runResultOf = (
  dataset: Dataset,
  nodes: readonly [NodeResult, ...NodeResult[]],
): EstimateResult => {
  if (nodes.length === 1) return nodes[0].result;
  const results = nodes.map((n) => n.result);
  const first = nodes[0].result;
  const energyKWh = sum(results.map((r) => r.energyKWh));
  const facilityEnergyKWh = sum(results.map((r) => r.facilityEnergyKWh));
  const emissionsKg = sum(results.map((r) => r.emissionsKg));
  const markets = results.map((r) => r.marketBasedKg);
  const regions = new Set(results.map((r) => r.alternatives.cleanestInProvider?.region ?? null));
  const [region] = [...regions];
  const hardware = new Set(results.map((r) => r.job.hardware?.id ?? null));
  const locations = new Set(results.map((r) => r.job.location.label));
  const deviceEnergy = sum(
    results.flatMap((r) => r.components.filter((c) => c.component === "devices").map((c) => c.energyKWh)),
  );
  const hours = Math.max(...results.map((r) => r.job.hours));
  const count = sum(results.map((r) => r.job.count));
  return {
    energyKWh,
    facilityEnergyKWh,
    emissionsKg,
    intensityGPerKWh:
      facilityEnergyKWh > 0 ? (emissionsKg * 1000) / facilityEnergyKWh : first.intensityGPerKWh,
    pue: energyKWh > 0 ? Math.min(3, Math.max(1, facilityEnergyKWh / energyKWh)) : first.pue,
    range: { lowKg: sum(results.map((r) => r.range.lowKg)), highKg: sum(results.map((r) => r.range.highKg)) },
    marketBasedKg: markets.every((m) => m !== null) ? sum(markets as number[]) : null,
    factors: combinedFactors(nodes),
    warnings: [...new Set(results.flatMap((r) => r.warnings))],
    derivation: `sum of ${nodes.length} nodes: ${nodes.map((n) => `${n.node}: ${n.result.derivation}`).join("; ")}`,
    components: combinedComponents(results),
    alternatives: {
      cleanestInProvider:
        regions.size === 1 &&
        region !== null &&
        region !== undefined &&
        first.alternatives.cleanestInProvider !== null
          ? {
              ...first.alternatives.cleanestInProvider,
              emissionsKg: sum(results.map((r) => r.alternatives.cleanestInProvider?.emissionsKg ?? 0)),
            }
          : null,
    },
    equivalents: equivalentsOf(emissionsKg, dataset.defaults.equivalents),
    job: {
      hardware: hardware.size === 1 ? first.job.hardware : null,
      count,
      hours,
      deviceHours: sum(results.map((r) => r.job.deviceHours)),
      powerPerDeviceW:
        hours > 0 && count > 0 && deviceEnergy > 0
          ? (deviceEnergy * 1000) / hours / count
          : first.job.powerPerDeviceW,
      utilization: null,
      year: first.job.year,
      location:
        locations.size === 1
          ? first.job.location
          : { by: first.job.location.by, label: `${locations.size} locations` },
    },
  };
};
