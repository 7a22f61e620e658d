import { writeCsvNumber } from "../core/format-csv-number.ts";
import type { PricedRow } from "./priced-row.ts";

const COMMA = 44;

/** Bytes {@link writeFigures} writes at most: five commas and five numbers of at most 24 bytes. */
export const FIGURES_MAX_BYTES = 5 * 25;

/** Writes `,energy,facility,emissions,low,high` of `row` at `p` of `o`; returns the end. */
export const writeFigures = (row: PricedRow, o: Uint8Array, p: number): number => {
  o[p] = COMMA;
  let q = writeCsvNumber(row.energyKWh, o, p + 1);
  o[q] = COMMA;
  q = writeCsvNumber(row.facilityEnergyKWh, o, q + 1);
  o[q] = COMMA;
  q = writeCsvNumber(row.emissionsKg, o, q + 1);
  o[q] = COMMA;
  q = writeCsvNumber(row.lowKg, o, q + 1);
  o[q] = COMMA;
  return writeCsvNumber(row.highKg, o, q + 1);
};
