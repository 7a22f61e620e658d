/** A block of whole CSV records, as bytes; `last` marks the end of the file. */
export interface RecordBlock {
  /** The bytes; the block owns its memory (it may be transferred to a worker). */
  readonly bytes: Buffer;
  /** The file ends with this block (it may end without a line break, or inside a quoted field). */
  readonly last: boolean;
}

const NEWLINE = 10;
const QUOTE = 34;

/**
 * Where a block may end: after the last line break outside a quoted field (an even number of quotes
 * before it, the block starting at a record boundary); -1 when there is none.
 */
export const recordCut = (bytes: Uint8Array): number => {
  let cut = bytes.lastIndexOf(NEWLINE);
  if (cut === -1 || bytes.indexOf(QUOTE) === -1) return cut + 1;
  const quotes: number[] = [];
  for (let q = bytes.indexOf(QUOTE); q !== -1 && q < cut; q = bytes.indexOf(QUOTE, q + 1)) quotes.push(q);
  let n = quotes.length; // quotes before `cut`
  while (cut !== -1) {
    while (n > 0 && (quotes[n - 1] as number) > cut) n--;
    if (n % 2 === 0) return cut + 1;
    // Inside a quoted field from the last quote on: look before it.
    cut = bytes.lastIndexOf(NEWLINE, quotes[n - 1] as number);
  }
  return 0;
};

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Cuts a file's text (chunks of bytes or strings, any size) into blocks of whole records of about
 * `blockBytes` each, dropping a leading byte-order mark; takes memory for blocks from `spares` first. A block longer than that only when one record
 * is (or a quote is never closed, as a streaming reader would also hold it).
 */
export async function* recordBlocks(
  chunks: AsyncIterable<string | Uint8Array>,
  blockBytes: number,
  spares: ArrayBuffer[] = [],
): AsyncGenerator<RecordBlock> {
  let buffer = Buffer.allocUnsafeSlow(blockBytes * 2);
  let length = 0;
  let bomChecked = false;
  let retryAt = blockBytes;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    if (length + bytes.length > buffer.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(buffer.length * 2, length + bytes.length));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    buffer.set(bytes, length);
    length += bytes.length;
    if (!bomChecked && length >= BOM.length) {
      bomChecked = true;
      if (BOM.every((b, i) => buffer[i] === b)) {
        buffer.copy(buffer, 0, BOM.length, length);
        length -= BOM.length;
      }
    }
    while (length >= retryAt) {
      const cut = recordCut(buffer.subarray(0, length));
      if (cut <= 0) {
        retryAt = length * 2; // one record longer than a block: wait for more
        break;
      }
      const size = Math.max(blockBytes * 2, length - cut);
      // Memory handed back (by workers) is reused: fresh memory is slow to touch the first time.
      const spare = spares.pop();
      const next =
        spare !== undefined && spare.byteLength >= size ? Buffer.from(spare) : Buffer.allocUnsafeSlow(size);
      buffer.copy(next, 0, cut, length);
      yield { bytes: buffer.subarray(0, cut), last: false };
      buffer = next;
      length -= cut;
      retryAt = blockBytes;
    }
  }
  yield { bytes: buffer.subarray(0, length), last: true };
}
