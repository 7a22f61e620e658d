import { FIGURES_MAX_BYTES, writeFigures } from "./csv-output.ts";
import type { JobEntry, JobMemo } from "./job-memo.ts";
import { EMPTY, MIN_NORMAL, NOT_SIMPLE, PLAIN_MAX_DIGITS } from "./number-cell.ts";
import type { OutputBuffer } from "./output-buffer.ts";
import { type PricedRow, priceLean } from "./priced-row.ts";
import { quantitiesValid, type RowLayout } from "./row-layout.ts";
import type { Tally } from "./tally.ts";

/** The longest line the fast path takes (longer ones take the general path). */
export const FAST_LINE_MAX = 4096;
/** Bytes the fast path adds to a line at most: five numbers, the tail's two, commas, line break. */
const FAST_ADDED_MAX = FIGURES_MAX_BYTES + 131;
/** Slots of the direct-mapped cache in front of the job memo (a power of two). */
const CACHE_SLOTS = 1024;
const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);
const COMMA = 44;
const QUOTE = 34;
const NEWLINE = 10;
const CR = 13;

/** A cached combination: the key cells' bytes (with a separator after each) and the entry. */
interface CacheSlot {
  readonly key: Uint8Array;
  readonly entry: JobEntry;
}

/**
 * The byte fast path of CSV output: a line without quotes or non-ASCII bytes, the right number of
 * fields, plain numbers and a combination the lean arithmetic covers is found, priced and written in
 * one pass over its bytes, copied to the output as they are read. Anything else is left to the
 * general path, with nothing written.
 */
export class FastPath {
  /** Positions of the current line's commas (and its end, after the last field). */
  private readonly commas: Int32Array;
  private readonly cache: (CacheSlot | undefined)[] = new Array(CACHE_SLOTS).fill(undefined);

  constructor(
    private readonly layout: RowLayout,
    private readonly memo: JobMemo,
    private readonly row: PricedRow,
    private readonly out: OutputBuffer,
    private readonly tally: Tally,
  ) {
    this.commas = new Int32Array(layout.fieldCount);
  }

  /**
   * Prices the line starting at `s` if it qualifies; returns the position of its line break, or -1
   * (having written nothing) when it does not qualify or has no line break before `limit`.
   */
  line(b: Uint8Array, s: number, limit: number): number {
    const commas = this.commas;
    const maxCommas = commas.length - 1;
    const out = this.out;
    // Room for the longest line taken here and what is added to it; the line is copied as it is read.
    out.room(FAST_LINE_MAX + FAST_ADDED_MAX);
    const o = out.bytes;
    const shift = out.at - s;
    const end = limit - s > FAST_LINE_MAX ? s + FAST_LINE_MAX : limit;
    let n = 0;
    let nl = s;
    for (; nl < end; nl++) {
      const c = b[nl] as number;
      o[shift + nl] = c;
      if (c > COMMA) {
        // Most bytes: letters, digits, points.
        if (c >= 128) return -1;
      } else if (c === COMMA) {
        if (n === maxCommas) return -1;
        commas[n++] = nl;
      } else if (c === NEWLINE) break;
      else if (c === QUOTE) return -1;
    }
    if (nl === end || n !== maxCommas) return -1;
    const e = nl > s && b[nl - 1] === CR ? nl - 1 : nl;
    if (e === s) return -1;
    commas[n] = e;
    const layout = this.layout;
    const count = this.cellNumber(b, s, layout.countCol, layout.countDefaultValue);
    const hours = this.cellNumber(b, s, layout.hoursCol, layout.hoursDefaultValue);
    const deviceHours = this.cellNumber(b, s, layout.deviceHoursCol, layout.deviceHoursDefaultValue);
    if (count === NOT_SIMPLE || hours === NOT_SIMPLE || deviceHours === NOT_SIMPLE) return -1;
    const units = count === EMPTY ? 1 : count;
    const h = hours === EMPTY ? undefined : hours;
    const dh = deviceHours === EMPTY ? undefined : deviceHours;
    if (!quantitiesValid(units, h, dh)) return -1;
    const entry = this.entry(b, s);
    const { factors } = entry;
    if (!(factors.ok && factors.lean)) return -1;
    const row = this.row;
    priceLean(factors, units, h ?? (dh as number) / units, row);
    // Tiny figures (and zero intensity) take the general path, which checks them exactly.
    if (!(row.energyKWh >= MIN_NORMAL && row.emissionsKg >= MIN_NORMAL)) return -1;
    this.tally.add(row);
    const tail = entry.tailBytes;
    let p = writeFigures(row, o, shift + e);
    for (let i = 0; i < tail.length; i++) o[p++] = tail[i] as number;
    o[p++] = NEWLINE;
    out.at = p;
    return nl;
  }

  /** A plain number in a cell (digits and one point, ≤ 15 digits), `fallback` when empty, or NOT_SIMPLE. */
  private cellNumber(b: Uint8Array, s: number, col: number, fallback: number): number {
    if (col === -1) return fallback;
    const commas = this.commas;
    const from = col === 0 ? s : (commas[col - 1] as number) + 1;
    const to = commas[col] as number;
    if (from === to) return fallback;
    let value = 0;
    let digits = 0;
    let point = -1;
    for (let i = from; i < to; i++) {
      const c = b[i] as number;
      if (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
        digits++;
      } else if (c === 46 && point === -1) point = i;
      else return NOT_SIMPLE;
    }
    if (digits === 0 || digits > PLAIN_MAX_DIGITS) return NOT_SIMPLE;
    // An integer below 2^53 divided by an exact power of ten: correctly rounded, as Number() reads it.
    return point === -1 ? value : value / (POW10[to - point - 1] as number);
  }

  /** The memo entry of the line's key cells, through the direct-mapped cache. */
  private entry(b: Uint8Array, s: number): JobEntry {
    const { keyIndex } = this.layout;
    const commas = this.commas;
    let hash = 0;
    let length = 0;
    for (let k = 0; k < keyIndex.length; k++) {
      const col = keyIndex[k] as number;
      if (col === -1) continue;
      const from = col === 0 ? s : (commas[col - 1] as number) + 1;
      const to = commas[col] as number;
      // Length and a few bytes suffice to spread the slots; sameKey compares every byte.
      if (to > from) {
        hash = (Math.imul(hash, 31) + (b[from] as number)) | 0;
        hash = (Math.imul(hash, 31) + (b[to - 1] as number)) | 0;
        hash = (Math.imul(hash, 31) + (b[(from + to) >> 1] as number)) | 0;
      }
      hash = (Math.imul(hash, 31) + to - from) | 0;
      length += to - from + 1;
    }
    const slot = (hash ^ (hash >>> 15)) & (CACHE_SLOTS - 1);
    const cached = this.cache[slot];
    if (cached !== undefined && cached.key.length === length && this.sameKey(cached.key, b, s))
      return cached.entry;
    const key = new Uint8Array(length);
    const cells: string[] = [];
    let p = 0;
    for (let k = 0; k < keyIndex.length; k++) {
      const col = keyIndex[k] as number;
      if (col === -1) {
        cells.push("");
        continue;
      }
      const from = col === 0 ? s : (commas[col - 1] as number) + 1;
      const to = commas[col] as number;
      let cell = "";
      for (let i = from; i < to; i++) {
        key[p++] = b[i] as number;
        cell += String.fromCharCode(b[i] as number);
      }
      key[p++] = COMMA;
      cells.push(cell);
    }
    const entry = this.memo.entry(cells);
    this.cache[slot] = { key, entry };
    return entry;
  }

  private sameKey(key: Uint8Array, b: Uint8Array, s: number): boolean {
    const { keyIndex } = this.layout;
    const commas = this.commas;
    let p = 0;
    for (let k = 0; k < keyIndex.length; k++) {
      const col = keyIndex[k] as number;
      if (col === -1) continue;
      const from = col === 0 ? s : (commas[col - 1] as number) + 1;
      const to = commas[col] as number;
      for (let i = from; i < to; i++) if (key[p++] !== b[i]) return false;
      if (key[p++] !== COMMA) return false;
    }
    return true;
  }
}
