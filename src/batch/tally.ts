import type { PricedRow } from "./priced-row.ts";
import { atLine, type CellProblem } from "./row-problem.ts";
import type { BatchTotals, RowProblem } from "./types.ts";

/** Bad rows listed one by one (per block, and per run); all are counted. */
export const MAX_LISTED_PROBLEMS = 100;

/** Counts, sums and bad rows of one block. Every data record is either priced or skipped. */
export class Tally {
  /** Rows priced. */
  priced = 0;
  /** Rows skipped as bad. */
  skipped = 0;
  /** With `strict`: a row was skipped, so pricing stops. */
  stopped = false;
  /** The first bad rows (at most MAX_LISTED_PROBLEMS + 1), lines counted from the block's start. */
  problems: RowProblem[] = [];
  /** Sums of energy, facility energy, emissions, low, high (typed: no number boxing per row). */
  private readonly sums = new Float64Array(5);

  constructor(private readonly strict: boolean) {}

  /** Starts a block. */
  reset(): void {
    this.priced = 0;
    this.skipped = 0;
    this.stopped = false;
    this.problems = [];
    this.sums.fill(0);
  }

  /** Counts a priced row. */
  add(row: PricedRow): void {
    this.priced++;
    const sums = this.sums;
    sums[0] = (sums[0] as number) + row.energyKWh;
    sums[1] = (sums[1] as number) + row.facilityEnergyKWh;
    sums[2] = (sums[2] as number) + row.emissionsKg;
    sums[3] = (sums[3] as number) + row.lowKg;
    sums[4] = (sums[4] as number) + row.highKg;
  }

  /** Counts a bad row starting on `line` (of the block). */
  skip(line: number, problem: CellProblem): void {
    this.skipped++;
    if (this.problems.length <= MAX_LISTED_PROBLEMS) this.problems.push(atLine(line, problem));
    if (this.strict) this.stopped = true;
  }

  /** The block's totals. */
  totals(): BatchTotals {
    const sums = this.sums;
    return {
      rows: this.priced + this.skipped,
      priced: this.priced,
      skipped: this.skipped,
      energyKWh: sums[0] as number,
      facilityEnergyKWh: sums[1] as number,
      emissionsKg: sums[2] as number,
      lowKg: sums[3] as number,
      highKg: sums[4] as number,
    };
  }
}
