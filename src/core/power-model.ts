import type { FactorKind, HardwareKind } from "../data/types.ts";

/** A linear power model: idle at utilization 0, maximum (TDP) at 1. Shared by the engine and the tracker. */
export interface PowerModel {
  /** Power at full load (TDP / max board power), watts. */
  readonly maxW: number;
  /** Power at idle, watts. */
  readonly idleW: number;
  /** Whether the idle power is published for this device or estimated from a fraction of TDP. */
  readonly idleKind: FactorKind;
}

/**
 * Average power at a utilization 0–1: `idle + (max − idle) × u`.
 *
 * @example
 * powerAtUtilization({ maxW: 400, idleW: 46, idleKind: "published" }, 0.5) // 223
 */
export const powerAtUtilization = (model: PowerModel, utilization: number): number =>
  model.idleW + (model.maxW - model.idleW) * utilization;

/**
 * The power model of a device: its published idle power where there is one, else TDP × the idle
 * fraction for its kind (documented in docs/methodology.md).
 *
 * @example
 * powerModelOf({ tdpW: 300, kind: "gpu" }, { gpu: 0.11, ... }) // { maxW: 300, idleW: 33, idleKind: "estimated" }
 */
export const powerModelOf = (
  device: { readonly tdpW: number; readonly idleW?: number; readonly kind: HardwareKind },
  idleFractionByKind: Readonly<Record<HardwareKind, { readonly value: number }>>,
): PowerModel =>
  device.idleW === undefined
    ? { maxW: device.tdpW, idleW: device.tdpW * idleFractionByKind[device.kind].value, idleKind: "estimated" }
    : { maxW: device.tdpW, idleW: device.idleW, idleKind: "published" };
