import type { Problem } from "../errors.ts";
import { INPUT_LIMITS } from "../input-limits.ts";
import { conflict, outOfRange, required } from "../problems.ts";
import type { EstimateInput } from "../types.ts";

/** How long: hours per device and device-hours, both known. */
export interface Duration {
  /** Devices. */
  readonly count: number;
  /** Hours per device. */
  readonly hours: number;
  /** Devices × hours. */
  readonly deviceHours: number;
  /** Whether the input gave device-hours (the derivation then prints device-h). */
  readonly byDeviceHours: boolean;
}

/**
 * Stage 3: hours and device-hours from either one, or null with the problems pushed onto `problems`
 * (with `numbersOk` false only the choice between hours and device-hours is checked).
 *
 * @example
 * durationOf({ count: 8, deviceHours: 800 }, []) // { count: 8, hours: 100, deviceHours: 800, byDeviceHours: true }
 */
export const durationOf = (input: EstimateInput, problems: Problem[], numbersOk = true): Duration | null => {
  const count = input.count ?? 1;
  if (input.hours !== undefined && input.deviceHours !== undefined) {
    problems.push(conflict("deviceHours", ["hours"], "; give one of the two"));
    return null;
  }
  if (input.hours === undefined && input.deviceHours === undefined) {
    problems.push(required("hours", ["hours", "deviceHours"], " (a number above 0)"));
    return null;
  }
  if (!numbersOk) return null; // the bad numbers are reported already; nothing to compute with
  const hours = input.hours ?? (input.deviceHours as number) / count;
  const deviceHours = input.deviceHours ?? hours * count;
  const max = INPUT_LIMITS.deviceHours.max;
  if (deviceHours > max) {
    problems.push(
      outOfRange(
        "hours",
        hours,
        `fewer hours: ${count} device${count === 1 ? "" : "s"} × ${hours} h = ${deviceHours} device-hours is beyond ${max}`,
      ),
    );
    return null;
  }
  return {
    count,
    hours,
    deviceHours,
    byDeviceHours: input.deviceHours !== undefined && input.hours === undefined,
  };
};
