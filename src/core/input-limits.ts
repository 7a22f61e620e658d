/**
 * Bounds outside which an input is refused as absurd rather than computed. Each bound is generous for
 * real jobs (the largest published training runs use ~10^5 devices for months).
 */
export const INPUT_LIMITS = {
  /** Devices in one job. */
  count: { min: 1, max: 1_000_000, integer: true },
  /** Hours per device: up to 10 years. */
  hours: { min: 0, max: 87_600, integer: false },
  /** Device-hours: 500 million (e.g. 100,000 GPUs for 7 months). */
  deviceHours: { min: 0, max: 500_000_000, integer: false },
  /** Average watts per device. */
  watts: { min: 0, max: 20_000, integer: false },
  /** Utilization share. */
  utilization: { min: 0, max: 1, integer: false },
  /** Grid intensity, gCO2eq/kWh (lignite plants are ~1,100). */
  intensity: { min: 0, max: 2_000, integer: false },
  /** PUE: 1 is a perfect facility; 3 is far beyond any reported data centre. */
  pue: { min: 1, max: 3, integer: false },
  /** CPU packages. */
  cpuCount: { min: 1, max: 1_000_000, integer: true },
  /** CPU TDP per package, watts. */
  cpuTdpW: { min: 1, max: 2_000, integer: false },
  /** Host memory, GB. */
  memoryGB: { min: 0, max: 1_000_000, integer: false },
  /** Service life of hardware, years (embodied emissions). */
  serviceLifeYears: { min: 0, max: 30, integer: false },
  /** Share of the service life in use (embodied emissions). */
  useShare: { min: 0, max: 1, integer: false },
  /** Functional units of a job (tokens, requests…): up to 10^18. */
  units: { min: 0, max: 1e18, integer: false },
} as const;

/** Names of bounded numeric inputs. */
export type LimitedField = keyof typeof INPUT_LIMITS;

/**
 * The smallest non-zero magnitude accepted for any bounded input: below it a figure would underflow to
 * 0 kg (e.g. `--hours 5e-324`) or mean nothing (a millionth of an hour is 3.6 ms).
 */
export const SMALLEST_NONZERO = 0.000001;

/** What a message says of a value below {@link SMALLEST_NONZERO}. */
export const TOO_SMALL_TEXT = "0 or at least 0.000001 (smaller values underflow)";

/** Fields that must be above 0 (a job that ran 0 hours, or a device drawing 0 W, is a mistake). */
const positive = (field: LimitedField): boolean =>
  field === "hours" ||
  field === "deviceHours" ||
  field === "watts" ||
  field === "serviceLifeYears" ||
  field === "useShare" ||
  field === "units";

/** Describes what is allowed for a field, e.g. "a number from 0 to 87600". */
export const allowedText = (field: LimitedField): string => {
  const limit = INPUT_LIMITS[field];
  const what = limit.integer ? "a whole number" : "a number";
  return positive(field)
    ? `${what} above 0 and at most ${limit.max}`
    : `${what} from ${limit.min} to ${limit.max}`;
};

/**
 * True when `value` is a finite number within the field's bounds: hours, device-hours and watts above 0,
 * and no non-zero value smaller than {@link SMALLEST_NONZERO}.
 */
export const withinLimits = (field: LimitedField, value: number): boolean => {
  const limit = INPUT_LIMITS[field];
  if (!Number.isFinite(value) || value < limit.min || value > limit.max) return false;
  if (limit.integer && !Number.isInteger(value)) return false;
  if (value === 0) return !positive(field);
  return Math.abs(value) >= SMALLEST_NONZERO;
};
