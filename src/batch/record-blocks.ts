import { RECORD_MAX_BYTES, recordEnd, TOO_LONG, UNCLOSED } from "./csv-record.ts";
import type { RecordBlock } from "./types.ts";

const NEWLINE = 10;
const CR = 13;
const QUOTE = 34;
const BOM = [0xef, 0xbb, 0xbf];

/** Where a block may end, and where a line too long to keep starts (-1 when none). */
export interface Cut {
  /** Bytes of whole records from the start (0 when none is complete yet). */
  readonly end: number;
  /** Start of a line that reaches past RECORD_MAX_BYTES without a line break, right after `end`; or -1. */
  readonly tooLongAt: number;
}

/**
 * Where a block of `b` (starting at a record boundary) may end: after the last record complete in it,
 * by the rules of csv-record.ts. Stretches without quotes are skipped natively; records with quotes
 * are read with {@link recordEnd}, as the pricer reads them.
 */
export const recordCut = (b: Uint8Array): Cut => {
  const length = b.length;
  let pos = 0;
  for (;;) {
    const q = b.indexOf(QUOTE, pos);
    if (q === -1) {
      const nl = b.lastIndexOf(NEWLINE);
      const end = nl >= pos ? nl + 1 : pos;
      return { end, tooLongAt: length - end > RECORD_MAX_BYTES ? end : -1 };
    }
    const start = Math.max(pos, b.lastIndexOf(NEWLINE, q) + 1);
    const e = recordEnd(b, start, length);
    if (e >= 0) pos = e + 1;
    else if (e === UNCLOSED) pos = b.indexOf(NEWLINE, start) + 1;
    else if (e === TOO_LONG && b.indexOf(NEWLINE, start) !== -1) pos = b.indexOf(NEWLINE, start) + 1;
    else return { end: start, tooLongAt: e === TOO_LONG ? start : -1 };
  }
};

/** Replaces every CR with LF in `b` from `from` to `to`. */
const crToLf = (b: Uint8Array, from: number, to: number): void => {
  for (let i = b.indexOf(CR, from); i !== -1 && i < to; i = b.indexOf(CR, i + 1)) b[i] = NEWLINE;
};

/**
 * Cuts a file's bytes into blocks of whole records of about `blockBytes` each. Drops a leading
 * byte-order mark; reads CR-only line breaks (old Mac files: the first line break decides) as LF;
 * drops a line too long to keep, unread, and gives a `tooLong` block in its place. Memory: about two
 * blocks plus one record, whatever the file holds.
 */
export class BlockCutter {
  private buffer: Buffer;
  private length = 0;
  private bomChecked = false;
  private breaks: "unknown" | "lf" | "cr" = "unknown";
  /** Bytes searched for the first line break so far. */
  private searched = 0;
  private retryAt: number;
  /** Dropping the rest of a line too long to keep, up to its line break. */
  private dropping = false;

  /** `spares`: memory handed back (by workers) to reuse for blocks. */
  constructor(
    private readonly blockBytes: number,
    private readonly spares: ArrayBuffer[] = [],
  ) {
    this.buffer = Buffer.allocUnsafeSlow(blockBytes * 2);
    this.retryAt = blockBytes;
  }

  /** Takes the next bytes of the file; returns the blocks now complete. */
  push(chunk: Uint8Array): RecordBlock[] {
    const blocks: RecordBlock[] = [];
    let bytes = chunk;
    if (this.dropping) {
      const nl = this.breaks === "cr" ? bytes.indexOf(CR) : bytes.indexOf(NEWLINE);
      if (nl === -1) return blocks;
      this.dropping = false;
      bytes = bytes.subarray(nl + 1);
    }
    this.append(bytes);
    while (this.length >= this.retryAt) {
      const { end, tooLongAt } = recordCut(this.buffer.subarray(0, this.length));
      if (tooLongAt !== -1) {
        if (tooLongAt > 0) blocks.push(this.take(tooLongAt));
        blocks.push({ bytes: Buffer.from(new ArrayBuffer(0)), last: false, tooLong: true });
        this.length = 0;
        this.searched = 0;
        this.dropping = true;
        break;
      }
      if (end === 0) {
        this.retryAt = this.length * 2; // one record longer than a block: wait for more
        break;
      }
      blocks.push(this.take(end));
    }
    return blocks;
  }

  /** The last block: whatever is left at the end of the file. */
  end(): RecordBlock {
    return { bytes: this.buffer.subarray(0, this.length), last: true };
  }

  private append(bytes: Uint8Array): void {
    const at = this.length;
    if (at + bytes.length > this.buffer.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, at + bytes.length));
      this.buffer.copy(bigger, 0, 0, at);
      this.buffer = bigger;
    }
    this.buffer.set(bytes, at);
    this.length += bytes.length;
    if (!this.bomChecked && this.length >= BOM.length) {
      this.bomChecked = true;
      if (BOM.every((b, i) => this.buffer[i] === b)) {
        this.buffer.copy(this.buffer, 0, BOM.length, this.length);
        this.length -= BOM.length;
      }
    }
    if (this.breaks === "cr") crToLf(this.buffer, at, this.length);
    else if (this.breaks === "unknown") this.detectBreaks();
  }

  /** The first line break decides: CR not followed by LF means a CR-only file. */
  private detectBreaks(): void {
    const b = this.buffer;
    for (let i = this.searched; i < this.length; i++) {
      const c = b[i];
      if (c === NEWLINE) this.breaks = "lf";
      else if (c === CR && i + 1 < this.length) this.breaks = b[i + 1] === NEWLINE ? "lf" : "cr";
      else continue;
      if (this.breaks === "cr") crToLf(b, 0, this.length);
      return;
    }
    // A CR at the very end waits for the next byte.
    this.searched = Math.max(0, this.length - 1);
  }

  /** Hands out the first `end` bytes as a block; the rest moves to fresh (or handed-back) memory. */
  private take(end: number): RecordBlock {
    const rest = this.length - end;
    const size = Math.max(this.blockBytes * 2, rest);
    // Memory handed back (by workers) is reused: fresh memory is slow to touch the first time.
    const spare = this.spares.pop();
    const next =
      spare !== undefined && spare.byteLength >= size ? Buffer.from(spare) : Buffer.allocUnsafeSlow(size);
    this.buffer.copy(next, 0, end, this.length);
    const block = { bytes: this.buffer.subarray(0, end), last: false };
    this.buffer = next;
    this.length = rest;
    this.retryAt = this.blockBytes;
    return block;
  }
}

/**
 * Cuts a file's text (chunks of bytes or strings, any size) into blocks of whole records (see
 * {@link BlockCutter}); takes memory for blocks from `spares` first.
 */
export async function* recordBlocks(
  chunks: AsyncIterable<string | Uint8Array>,
  blockBytes: number,
  spares: ArrayBuffer[] = [],
): AsyncGenerator<RecordBlock> {
  const cutter = new BlockCutter(blockBytes, spares);
  for await (const chunk of chunks) {
    yield* cutter.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk);
  }
  yield cutter.end();
}
