import { joulesToKWh } from "../core/units.ts";
import type { AllocationIdleTotals } from "./sampler.ts";
import type { TrackedComponent } from "./types.ts";

/** One component of the allocation's idle energy. */
export interface AllocationIdleComponent {
  /** Which part of the machine. */
  readonly component: TrackedComponent;
  /** Label, e.g. "GPU 7 NVIDIA A100-SXM4-80GB (no process on it)". */
  readonly label: string;
  /** Average power over the run, W. */
  readonly powerW: number;
  /** IT energy, kWh. */
  readonly energyKWh: number;
  /** Measured or estimated. */
  readonly method: "measured" | "estimated";
  /** How. */
  readonly via: string;
}

/**
 * The node's energy that no process owns (idle GPUs of the allocation, the idle share of the CPU
 * package), reported by one tracker per node and kept apart from the job's figures: the job's total
 * plus this is "my allocation".
 */
export interface AllocationIdleSummary {
  /** Whether this tracker reports it (local rank 0, or alone on its node). */
  readonly reported: boolean;
  /** IT energy, kWh. */
  readonly energyKWh: number;
  /** Facility energy (× PUE), kWh. */
  readonly facilityEnergyKWh: number;
  /** Emissions, kg CO2eq. */
  readonly emissionsKg: number;
  /** Per component. */
  readonly components: readonly AllocationIdleComponent[];
}

/** The allocation's idle energy as the summary shows it. */
export const allocationIdleOf = (
  totals: AllocationIdleTotals,
  run: { readonly elapsedS: number; readonly pue: number; readonly reported: boolean },
): AllocationIdleSummary => {
  const hours = Math.max(run.elapsedS, 1e-6) / 3600;
  return {
    reported: run.reported,
    energyKWh: totals.energyKWh,
    facilityEnergyKWh: totals.energyKWh * run.pue,
    emissionsKg: totals.emissionsKg,
    components: [...totals.components.values()].map((c) => ({
      component: c.component,
      label: c.label,
      powerW: (joulesToKWh(c.energyJ) * 1000) / hours,
      energyKWh: joulesToKWh(c.energyJ),
      method: c.method,
      via: c.via,
    })),
  };
};
