// Text of bytes of sacct output, and values made from short texts that repeat (states, partitions,
// users, GPU types), found again by their bytes without making a string.

/** UTF-8 without dropping a leading byte-order mark (only the input's first bytes lose theirs). */
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** The text of `b[s, e)` (UTF-8). */
export const textAt = (b: Uint8Array, s: number, e: number): string => decoder.decode(b.subarray(s, e));

/** Slots of a memo: a power of two. */
const SLOTS = 512;

/**
 * A direct-mapped cache in front of `make`: the value of a text is made once and found again by the
 * text's bytes while it keeps its slot. Memory is bounded (SLOTS entries).
 */
export class ByteMemo<T> {
  private readonly keys: (Uint8Array | undefined)[] = new Array(SLOTS).fill(undefined);
  private readonly values: (T | undefined)[] = new Array(SLOTS).fill(undefined);

  constructor(private readonly make: (text: string) => T) {}

  /** The value of the text of `b[s, e)`. */
  get(b: Uint8Array, s: number, e: number): T {
    let hash = e - s;
    for (let i = s; i < e; i++) hash = (Math.imul(hash, 31) + (b[i] as number)) | 0;
    const slot = (hash ^ (hash >>> 13)) & (SLOTS - 1);
    const key = this.keys[slot];
    if (key !== undefined && sameBytes(key, b, s, e)) return this.values[slot] as T;
    const value = this.make(textAt(b, s, e));
    this.keys[slot] = copyOf(b, s, e);
    this.values[slot] = value;
    return value;
  }
}

/** A copy of `b[s, e)` in memory of its own. */
const copyOf = (b: Uint8Array, s: number, e: number): Uint8Array => {
  const copy = new Uint8Array(e - s);
  copyBytes(b, s, e, copy, 0);
  return copy;
};

/** Copies `b[s, e)` to `o` at `p`; returns the end (byte by byte: faster than set() for short runs). */
export const copyBytes = (b: Uint8Array, s: number, e: number, o: Uint8Array, p: number): number => {
  for (let i = s; i < e; i++) o[p + i - s] = b[i] as number;
  return p + e - s;
};

/** Whether `key` holds the bytes of `b[s, e)`. */
export const sameBytes = (key: Uint8Array, b: Uint8Array, s: number, e: number): boolean => {
  if (key.length !== e - s) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== b[s + i]) return false;
  return true;
};
