import type { CpuPowerCurve, FactorKind, HardwareKind } from "../data/types.ts";

/** A power model: idle at utilization 0, maximum (TDP) at 1. Shared by the engine and the tracker. */
export interface PowerModel {
  /** Power at full load (TDP / max board power), watts. */
  readonly maxW: number;
  /** Power at idle, watts. */
  readonly idleW: number;
  /** Whether the idle power is published for this device or estimated (a share of TDP or a fitted curve). */
  readonly idleKind: FactorKind;
  /**
   * Share of the idle-to-max range drawn at utilization 0, 0.1, …, 1 (11 points, read piecewise
   * linearly); absent: linear. CPUs take it from their architecture's load curve.
   */
  readonly shape?: readonly number[];
}

/**
 * The share of the idle-to-max range drawn at a utilization 0–1 along an 11-point shape.
 *
 * @example
 * shapeAtUtilization([0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1], 0.15) // 0.25
 */
export const shapeAtUtilization = (shape: readonly number[], utilization: number): number => {
  const x = Math.min(Math.max(utilization, 0), 1) * 10;
  const i = Math.min(9, Math.floor(x));
  const low = shape[i] ?? 0;
  const high = shape[i + 1] ?? 1;
  return low + (high - low) * (x - i);
};

/**
 * Average power at a utilization 0–1: `idle + (max − idle) × u`, or along the model's shape.
 *
 * @example
 * powerAtUtilization({ maxW: 400, idleW: 46, idleKind: "published" }, 0.5) // 223
 */
export const powerAtUtilization = (model: PowerModel, utilization: number): number =>
  model.idleW +
  (model.maxW - model.idleW) *
    (model.shape === undefined ? utilization : shapeAtUtilization(model.shape, utilization));

/**
 * The power model of a device: its published idle power where there is one; else, for a CPU with a load
 * curve, the curve's idle share of TDP and shape; else TDP × the idle fraction for its kind, linear
 * (documented in docs/methodology.md).
 *
 * @example
 * powerModelOf({ tdpW: 300, kind: "gpu" }, { gpu: 0.11, ... }) // { maxW: 300, idleW: 33, idleKind: "estimated" }
 */
export const powerModelOf = (
  device: {
    readonly tdpW: number;
    readonly idleW?: number;
    readonly kind: HardwareKind;
    readonly powerCurve?: CpuPowerCurve;
  },
  idleFractionByKind: Readonly<Record<HardwareKind, { readonly value: number }>>,
): PowerModel => {
  const curve = device.powerCurve;
  if (device.idleW !== undefined) {
    return curve === undefined
      ? { maxW: device.tdpW, idleW: device.idleW, idleKind: "published" }
      : { maxW: device.tdpW, idleW: device.idleW, idleKind: "published", shape: curve.dynamicShape };
  }
  if (curve !== undefined) {
    return {
      maxW: device.tdpW,
      idleW: device.tdpW * curve.idleFraction,
      idleKind: "estimated",
      shape: curve.dynamicShape,
    };
  }
  return {
    maxW: device.tdpW,
    idleW: device.tdpW * idleFractionByKind[device.kind].value,
    idleKind: "estimated",
  };
};
