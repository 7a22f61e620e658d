import type { CpuPowerCurve, HardwareEntry } from "../types.ts";
import { cpuPowerCurves } from "./cpu-power-curves.generated.ts";

const byId = new Map(cpuPowerCurves.map((curve) => [curve.id, curve]));
const generic = byId.get("generic") as CpuPowerCurve;

/**
 * The load curve of a CPU architecture (docs/methodology.md, "CPUs: a load curve per architecture"); the
 * generic curve when the architecture is unknown or has none.
 *
 * @example
 * cpuPowerCurveOf("intel-haswell").idleFraction // 0.094
 */
export const cpuPowerCurveOf = (architecture: string | undefined): CpuPowerCurve =>
  (architecture === undefined ? undefined : byId.get(architecture)) ?? generic;

/** The entry with its architecture's load curve attached (CPUs only; other kinds as they are). */
export const withPowerCurve = (entry: HardwareEntry): HardwareEntry =>
  entry.kind === "cpu" ? { ...entry, powerCurve: cpuPowerCurveOf(entry.architecture) } : entry;
