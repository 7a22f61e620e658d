// The tracker's measured components as a result shows them: GPUs are the "devices", CPU and memory as
// they are; one factor per sensor total (its average power and utilization) and the derivation's terms.
import { formatQuantity } from "../core/format-number.ts";
import type { ComponentEstimate, Factor } from "../core/types.ts";
import { joulesToKWh } from "../core/units.ts";
import type { ComponentTotal } from "./sampler.ts";

const GROUP: Record<ComponentTotal["component"], ComponentEstimate["component"]> = {
  gpu: "devices",
  cpu: "cpu",
  memory: "memory",
};

const NAME: Record<ComponentEstimate["component"], string> = { devices: "GPU", cpu: "CPU", memory: "memory" };

/** The components of a run and the factors behind them. */
export interface MeasuredComponents {
  /** One per group (devices, cpu, memory) in the order first seen; labels joined with " + ". */
  readonly components: ComponentEstimate[];
  /** One average-power factor per sensor total. */
  readonly factors: Factor[];
  /** The GPUs' energy, J (null when there are none). */
  readonly devicesEnergyJ: number | null;
}

/** Average watts of `energyJ` over `hours`. */
const averageWOf = (energyJ: number, hours: number): number => (joulesToKWh(energyJ) * 1000) / hours;

/** A sensor total's factor: its average power, how it was read, its average utilization when known. */
const totalFactorOf = (total: ComponentTotal, hours: number): Factor => {
  const utilization = total.utilizationCoveredS > 0 ? total.utilizationS / total.utilizationCoveredS : null;
  return {
    name: `${NAME[GROUP[total.component]]} power (${total.label})`,
    value: averageWOf(total.energyJ, hours),
    unit: "W",
    kind: total.method,
    source: null,
    year: null,
    note: `average; ${total.via}${utilization === null ? "" : `; utilization ${formatQuantity(utilization * 100)} %`}`,
  };
};

/**
 * Groups the sampler's totals into components (estimated when any total in the group is) over `hours`.
 *
 * @example
 * measuredComponentsOf(totals, 1).components[0] // { component: "devices", label: "GPU 0 + GPU 1", powerW: 500, … }
 */
export const measuredComponentsOf = (totals: Iterable<ComponentTotal>, hours: number): MeasuredComponents => {
  const groups = new Map<
    ComponentEstimate["component"],
    { labels: string[]; energyJ: number; kind: "measured" | "estimated" }
  >();
  const factors: Factor[] = [];
  for (const total of totals) {
    const group = GROUP[total.component];
    const entry = groups.get(group) ?? { labels: [], energyJ: 0, kind: "measured" as const };
    entry.labels.push(total.label);
    entry.energyJ += total.energyJ;
    if (total.method === "estimated") entry.kind = "estimated";
    groups.set(group, entry);
    factors.push(totalFactorOf(total, hours));
  }
  const components = [...groups.entries()].map(([component, g]) => ({
    component,
    label: g.labels.join(" + "),
    powerW: averageWOf(g.energyJ, hours),
    energyKWh: joulesToKWh(g.energyJ),
    kind: g.kind,
  }));
  return { components, factors, devicesEnergyJ: groups.get("devices")?.energyJ ?? null };
};

/** The derivation's power terms, e.g. `GPU 500 W measured + CPU 65 W estimated`. */
export const componentTermsOf = (components: readonly ComponentEstimate[]): string =>
  components.map((c) => `${NAME[c.component]} ${formatQuantity(c.powerW)} W ${c.kind}`).join(" + ");
