// sacct output as it streams in (chunks of bytes or text, cut anywhere) handed on line by line as bytes:
// no text is decoded here. A line cut between chunks is put together in memory of its own; nothing else
// is copied. The input's first bytes lose a byte-order mark, as a TextDecoder drops it.

const NEWLINE = 10;
const CR = 13;

/** What takes the lines: `line` gets each one (without its line break, nor a CR before it). */
export interface LineTaker {
  /** Line `n` (counted from 1, blank lines included) is `b[s, e)`. */
  readonly line: (b: Uint8Array, s: number, e: number, n: number) => void;
  /** Whether to stop reading. */
  readonly stopped: () => boolean;
  /** Called after each chunk's lines (e.g. to hand on the output they made). */
  readonly flush: () => Promise<void>;
}

/** A line cut between chunks, put together. */
class Carry {
  bytes: Buffer = Buffer.allocUnsafe(1 << 16);
  length = 0;

  add(b: Uint8Array, s: number, e: number): void {
    if (this.length + e - s > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + e - s));
      this.bytes.copy(bigger, 0, 0, this.length);
      this.bytes = bigger;
    }
    this.bytes.set(b.subarray(s, e), this.length);
    this.length += e - s;
  }
}

/** Reads the input's lines into `taker`, in order, until the input ends or the taker stops. */
export const readLines = async (
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  taker: LineTaker,
): Promise<void> => {
  const carry = new Carry();
  let n = 0;
  let bom: boolean | null = null; // whether the input is bytes (whose first line may start with a BOM)
  const take = (b: Uint8Array, s: number, e: number): void => {
    n++;
    let from = s;
    if (n === 1 && bom === true && e - s >= 3 && b[s] === 0xef && b[s + 1] === 0xbb && b[s + 2] === 0xbf)
      from += 3;
    taker.line(b, from, e > from && b[e - 1] === CR ? e - 1 : e, n);
  };
  for await (const chunk of chunks) {
    const b = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    bom ??= typeof chunk !== "string";
    let start = 0;
    let nl = b.indexOf(NEWLINE);
    if (carry.length > 0 && nl !== -1) {
      carry.add(b, 0, nl);
      take(carry.bytes, 0, carry.length);
      carry.length = 0;
      start = nl + 1;
      nl = b.indexOf(NEWLINE, start);
    }
    while (nl !== -1 && !taker.stopped()) {
      take(b, start, nl);
      start = nl + 1;
      nl = b.indexOf(NEWLINE, start);
    }
    if (taker.stopped()) return;
    carry.add(b, start, b.length);
    await taker.flush();
  }
  if (carry.length > 0 && !taker.stopped()) take(carry.bytes, 0, carry.length);
};
