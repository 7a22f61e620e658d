// Predicts a whole job's energy and emissions from its progress (pure): after the first units of work,
// the energy per unit seen so far × the units left, with a range from the spread of the per-unit rates.

/** Where the job stood when its output showed progress. */
export interface ProgressPoint {
  /** Units done (epochs, steps, batches…). */
  readonly done: number;
  /** Units in the whole job. */
  readonly total: number;
  /** IT energy so far, kWh. */
  readonly energyKWh: number;
  /** Emissions so far, kg CO2eq. */
  readonly emissionsKg: number;
  /** Seconds since the start. */
  readonly elapsedS: number;
}

/** The whole job's predicted figures. */
export interface Prediction {
  /** Units done when predicted. */
  readonly done: number;
  /** Units in the whole job. */
  readonly total: number;
  /** Predicted IT energy of the whole job, kWh, with its range. */
  readonly energyKWh: number;
  readonly lowKWh: number;
  readonly highKWh: number;
  /** Predicted emissions of the whole job, kg CO2eq, with its range. */
  readonly emissionsKg: number;
  readonly lowKg: number;
  readonly highKg: number;
  /** Predicted duration of the whole job, s. */
  readonly durationS: number;
}

/** The smallest half-width of the range, as a share of the predicted remainder. */
export const MIN_RANGE_SHARE = 0.1;

/** Per-unit rates of the steps between points, at most this many of the latest. */
const RECENT_STEPS = 20;

/**
 * The prediction from the progress points of one counter (oldest first). The first point is the
 * baseline, so start-up work before it (loading data, compiling) is not multiplied: the rate is the
 * energy per unit from the first point to the last, applied to the units left after the last. The
 * range takes the lowest and highest per-unit rates of the latest steps, widened to at least ±10 % of
 * the remainder. With one point, the rate is its energy over its units (start-up included). Null
 * before any unit is done.
 *
 * @example
 * predictionOf([{ done: 1, total: 10, energyKWh: 0.2, emissionsKg: 0.1, elapsedS: 60 },
 *               { done: 2, total: 10, energyKWh: 0.3, emissionsKg: 0.15, elapsedS: 110 }])
 * // energyKWh 0.3 + 0.1 × 8 = 1.1
 */
export const predictionOf = (points: readonly ProgressPoint[]): Prediction | null => {
  const last = points.at(-1);
  const first = points[0];
  if (last === undefined || first === undefined || last.done <= 0 || last.total <= 0) return null;
  const base = last.done > first.done ? first : { done: 0, energyKWh: 0, emissionsKg: 0, elapsedS: 0 };
  const units = last.done - base.done;
  const rate = (last.energyKWh - base.energyKWh) / units;
  const carbonRate = (last.emissionsKg - base.emissionsKg) / units;
  const secondsRate = (last.elapsedS - base.elapsedS) / units;
  const rates: number[] = [];
  const steps = points.slice(-RECENT_STEPS - 1);
  for (let i = 1; i < steps.length; i++) {
    const [a, b] = [steps[i - 1] as ProgressPoint, steps[i] as ProgressPoint];
    if (b.done > a.done) rates.push((b.energyKWh - a.energyKWh) / (b.done - a.done));
  }
  const left = Math.max(0, last.total - last.done);
  const lowRate = Math.min(rate * (1 - MIN_RANGE_SHARE), ...rates);
  const highRate = Math.max(rate * (1 + MIN_RANGE_SHARE), ...rates);
  // Emissions follow the energy's range (the intensity of the rest is taken to be the run's so far).
  const scale = (r: number) => (rate > 0 ? r / rate : 1);
  return {
    done: last.done,
    total: last.total,
    energyKWh: last.energyKWh + rate * left,
    lowKWh: last.energyKWh + Math.max(0, lowRate) * left,
    highKWh: last.energyKWh + highRate * left,
    emissionsKg: last.emissionsKg + carbonRate * left,
    lowKg: last.emissionsKg + carbonRate * Math.max(0, scale(lowRate)) * left,
    highKg: last.emissionsKg + carbonRate * scale(highRate) * left,
    durationS: last.elapsedS + secondsRate * left,
  };
};

/** Progress points of one counter, as the job's output shows them. */
export class ProgressLog {
  #points: ProgressPoint[] = [];

  /**
   * Records progress; returns true when it moved. A counter that goes back (a new bar starting at 0)
   * starts a new series; a repeated figure is ignored.
   */
  observe(point: ProgressPoint): boolean {
    const last = this.#points.at(-1);
    if (last !== undefined && point.done === last.done && point.total === last.total) return false;
    if (last !== undefined && (point.done < last.done || point.total !== last.total)) this.#points = [];
    this.#points.push(point);
    if (this.#points.length > 4 * RECENT_STEPS)
      this.#points.splice(1, this.#points.length - 2 * RECENT_STEPS);
    return true;
  }

  /** The prediction now (null before the first unit). */
  prediction(): Prediction | null {
    return predictionOf(this.#points);
  }
}
