import type { OUTPUT_COLUMNS } from "./columns.ts";
import type { OutputBuffer } from "./output-buffer.ts";
import type { PricedRow } from "./priced-row.ts";

/**
 * Keys of the input cells in JSON output: each header name, trimmed; a name seen before gets the first
 * free suffix `_2`, `_3`… (one no column of the header has), so no cell is lost.
 */
export const inputKeys = (header: readonly string[]): string[] => {
  const names = header.map((name) => name.trim());
  const taken = new Set(names);
  const seen = new Set<string>();
  return names.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let k = 2;
    while (taken.has(`${name}_${k}`)) k++;
    const unique = `${name}_${k}`;
    taken.add(unique);
    return unique;
  });
};

/**
 * JSON Lines output: one object per priced row,
 * `{"line":N,"input":{<header name>: <cell text>…},"energy_kwh":…,…,"pue":…}`. Input cells sit under
 * `input`, so no column name (`line`, `emissions_kg`…) can clash with the figures; `__proto__` is
 * defined as an own key like any other.
 */
export class JsonRows {
  private readonly keys: readonly string[];
  /** Position of a `__proto__` column (-1 when none). */
  private readonly protoAt: number;

  constructor(header: readonly string[]) {
    this.keys = inputKeys(header);
    this.protoAt = this.keys.indexOf("__proto__");
  }

  /** Writes the row on `line` with its input cells and figures. */
  write(out: OutputBuffer, line: number, fields: readonly string[], row: PricedRow): void {
    const keys = this.keys;
    const input: Record<string, string> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const value = fields[i] ?? "";
      if (i === this.protoAt)
        Object.defineProperty(input, key, { value, enumerable: true, writable: true, configurable: true });
      else input[key] = value;
    }
    const record = {
      line,
      input,
      energy_kwh: row.energyKWh,
      facility_energy_kwh: row.facilityEnergyKWh,
      emissions_kg: row.emissionsKg,
      low_kg: row.lowKg,
      high_kg: row.highKg,
      intensity_g_per_kwh: row.intensityGPerKWh,
      pue: row.pue,
    } satisfies Record<"line" | "input" | (typeof OUTPUT_COLUMNS)[number], unknown>;
    out.text(`${JSON.stringify(record)}\n`);
  }
}
