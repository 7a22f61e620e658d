// One line of `sacct -P` output as fields over its bytes: where each field starts and ends, trimmed as
// String.prototype.trim trims, without making strings. A line with a byte outside ASCII is decoded as
// UTF-8 (a malformed sequence reads as U+FFFD, as a TextDecoder reads it), split and trimmed as text and
// re-encoded: every field is then valid UTF-8, and reads as the text the line's decoding gives. Lines are
// split four bytes at a time (little-endian words, as the CSV number writer also assumes).
import { copyBytes, textAt } from "./byte-text.ts";

const PIPE = 124;
const EMPTY = new Uint8Array(0);

/**
 * A word's bytes that are "|", as the high bit of each such byte (exactly: no false positives from a
 * borrow, unlike the shorter test for a zero byte).
 */
const pipesIn = (word: number): number => {
  const x = word ^ 0x7c7c7c7c;
  return ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f);
};

/** The bytes String.prototype.trim removes among ASCII: TAB, LF, VT, FF, CR and space. */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** A line's fields: `bytes[start(i), end(i))` for field i; fields past the last are empty. */
export class LineFields {
  /** The bytes the fields lie in (the input's, or this object's own). */
  bytes: Uint8Array = EMPTY;
  /** Fields in the line ("|"-separated). */
  count = 0;
  private starts = new Int32Array(32);
  private ends = new Int32Array(32);
  private own: Buffer = Buffer.allocUnsafe(1024);
  private words: Int32Array<ArrayBufferLike> = new Int32Array(0);

  /** Splits the line `b[s, e)` (without its line break). */
  read(b: Uint8Array, s: number, e: number): void {
    if (!this.readAscii(b, s, e)) this.readText(textAt(b, s, e));
  }

  /** Splits an ASCII line; false (with nothing read) when the line holds other bytes. */
  private readAscii(b: Uint8Array, s: number, e: number): boolean {
    this.bytes = b;
    this.count = 0;
    const base = b.byteOffset;
    const words = this.wordsOf(b);
    // Bytes up to a word boundary, then four at a time, then the rest.
    const first = Math.min(e, ((base + s + 3) & ~3) - base);
    let from = this.scan(b, s, first, s);
    if (from < 0) return false;
    const last = (base + e) >> 2;
    let high = 0;
    for (let k = (base + first) >> 2; k < last; k++) {
      const word = words[k] as number;
      high |= word;
      for (let z = pipesIn(word); z !== 0; z &= z - 1) {
        const at = (k << 2) - base + ((31 - Math.clz32(z & -z)) >> 3);
        this.push(from, at);
        from = at + 1;
      }
    }
    if ((high & 0x80808080) !== 0) return false;
    from = this.scan(b, Math.max(first, (last << 2) - base), e, from);
    if (from < 0) return false;
    this.push(from, e);
    return true;
  }

  /** Reads the fields ended in `b[s, e)` (the current one began at `from`); returns where the next begins, or -1 on a byte outside ASCII. */
  private scan(b: Uint8Array, s: number, e: number, from: number): number {
    let next = from;
    for (let i = s; i < e; i++) {
      const c = b[i] as number;
      if (c === PIPE) {
        this.push(next, i);
        next = i + 1;
      } else if (c >= 128) return -1;
    }
    return next;
  }

  /** The line's memory as 32-bit words (little-endian), from its buffer's start. */
  private wordsOf(b: Uint8Array): Int32Array {
    if (this.words.buffer !== b.buffer) this.words = new Int32Array(b.buffer, 0, b.buffer.byteLength >> 2);
    return this.words;
  }

  /** Splits a line of text (decoded). */
  readText(text: string): void {
    const fields = text.split("|");
    this.ensureOwn(text.length * 3 + fields.length);
    const own = this.own;
    this.bytes = own;
    this.count = 0;
    let at = 0;
    for (const field of fields) {
      const end = at + own.write(field.trim(), at, "utf8");
      this.push(at, end);
      at = end + 1;
    }
  }

  /** Takes a copy of `other`'s fields into this object's own memory (a job's line kept for its steps). */
  copyOf(other: LineFields): void {
    const from = other.count > 0 ? (other.starts[0] as number) : 0;
    const to = other.count > 0 ? (other.ends[other.count - 1] as number) : 0;
    this.ensureOwn(to - from);
    copyBytes(other.bytes, from, to, this.own, 0);
    this.bytes = this.own;
    this.count = 0;
    for (let i = 0; i < other.count; i++)
      this.push((other.starts[i] as number) - from, (other.ends[i] as number) - from);
  }

  /** Where field `i` starts (0 for a field past the last, or `i` < 0). */
  start(i: number): number {
    return i >= 0 && i < this.count ? (this.starts[i] as number) : 0;
  }

  /** Where field `i` ends. */
  end(i: number): number {
    return i >= 0 && i < this.count ? (this.ends[i] as number) : 0;
  }

  /** Whether field `i` is empty (or absent). */
  empty(i: number): boolean {
    return this.end(i) === this.start(i);
  }

  /** The text of field `i` ("" when absent). */
  text(i: number): string {
    return textAt(this.bytes, this.start(i), this.end(i));
  }

  /** Adds the field `bytes[s, e)`, trimmed. */
  private push(start: number, end: number): void {
    const b = this.bytes;
    let s = start;
    let e = end;
    while (s < e && isSpace(b[s] as number)) s++;
    while (e > s && isSpace(b[e - 1] as number)) e--;
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.count * 2);
      const ends = new Int32Array(this.count * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.count] = s;
    this.ends[this.count++] = e;
  }

  private ensureOwn(bytes: number): void {
    if (this.own.length < bytes) this.own = Buffer.allocUnsafe(Math.max(bytes, this.own.length * 2));
  }
}
