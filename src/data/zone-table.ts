// The grid zones of a compact table (grid-zones.generated.ts) as a read-only Map that builds a zone when it
// is first looked up: an estimate in one region builds one zone, not all ~350. Iterating builds every zone
// (once), in the table's order.
import type { GridZone } from "./types.ts";

/**
 * Grid zones keyed by upper-case id, read from lines of `id`, `name`, `country` and one intensity per
 * year (tab-separated, "" for none).
 *
 * @example
 * const zones = new ZoneTable("FR\tFrance\tFR\t\t56", [2024, 2025], ["em-2024", "em-2025"]);
 * zones.get("FR")?.intensityGPerKWhByYear.get(2025) // 56
 */
export class ZoneTable implements ReadonlyMap<string, GridZone> {
  readonly #lines: readonly string[];
  readonly #years: readonly number[];
  readonly #sources: readonly string[];
  readonly #built: (GridZone | undefined)[] = [];
  #rowByKey: Map<string, number> | undefined;
  #all: Map<string, GridZone> | undefined;

  /**
   * @param table one zone per line (blank lines ignored)
   * @param years the year of each intensity column
   * @param sources the source id of each intensity column
   */
  constructor(table: string, years: readonly number[], sources: readonly string[]) {
    this.#lines = table.split("\n").filter((line) => line !== "");
    this.#years = years;
    this.#sources = sources;
  }

  #index(): Map<string, number> {
    if (this.#rowByKey === undefined) {
      this.#rowByKey = new Map();
      for (let i = 0; i < this.#lines.length; i++) {
        const line = this.#lines[i] ?? "";
        this.#rowByKey.set(line.slice(0, line.indexOf("\t")).toUpperCase(), i);
      }
    }
    return this.#rowByKey;
  }

  #zone(row: number): GridZone {
    let zone = this.#built[row];
    if (zone === undefined) {
      const [id = "", name = "", country = "", ...values] = (this.#lines[row] ?? "").split("\t");
      const byYear = new Map<number, number>();
      const sourceByYear = new Map<number, string>();
      for (let i = 0; i < this.#years.length; i++) {
        const text = values[i] ?? "";
        if (text === "") continue;
        const year = this.#years[i] as number;
        byYear.set(year, Number(text));
        sourceByYear.set(year, this.#sources[i] ?? "");
      }
      zone = {
        id,
        name,
        ...(country === "" ? {} : { country }),
        intensityGPerKWhByYear: byYear,
        sourceByYear,
      };
      this.#built[row] = zone;
    }
    return zone;
  }

  /** Every zone, built once, in table order: what iteration reads. */
  #every(): Map<string, GridZone> {
    if (this.#all === undefined) {
      this.#all = new Map();
      for (const [key, row] of this.#index()) this.#all.set(key, this.#zone(row));
    }
    return this.#all;
  }

  get size(): number {
    return this.#index().size;
  }

  get(key: string): GridZone | undefined {
    const row = this.#index().get(key);
    return row === undefined ? undefined : this.#zone(row);
  }

  has(key: string): boolean {
    return this.#index().has(key);
  }

  keys(): MapIterator<string> {
    return this.#index().keys();
  }

  values(): MapIterator<GridZone> {
    return this.#every().values();
  }

  entries(): MapIterator<[string, GridZone]> {
    return this.#every().entries();
  }

  [Symbol.iterator](): MapIterator<[string, GridZone]> {
    return this.#every()[Symbol.iterator]();
  }

  forEach(
    callback: (value: GridZone, key: string, map: ReadonlyMap<string, GridZone>) => void,
    thisArg?: unknown,
  ): void {
    for (const [key, zone] of this.#every()) callback.call(thisArg, zone, key, this);
  }
}
