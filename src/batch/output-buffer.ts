/**
 * The output of one block: a growable byte buffer written from the front. Memory of an output already
 * written can be handed back ({@link recycle}) and is reused: fresh memory is slow to touch the first time.
 */
export class OutputBuffer {
  /** The bytes; the fast path writes into them directly, after {@link room}. */
  bytes: Buffer = Buffer.allocUnsafeSlow(0);
  /** Bytes written so far. */
  at = 0;
  private readonly spares: ArrayBuffer[] = [];

  /** Starts a block's output, with room for about `size` bytes. */
  start(size: number): void {
    const spare = this.spares.pop();
    this.bytes =
      spare !== undefined && spare.byteLength >= size ? Buffer.from(spare) : Buffer.allocUnsafeSlow(size);
    this.at = 0;
  }

  /** Makes room for `bytes` more bytes (`bytes` may be moved). */
  room(bytes: number): void {
    if (this.at + bytes <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.at + bytes, 1 << 16));
    this.bytes.copy(bigger, 0, 0, this.at);
    this.bytes = bigger;
  }

  /** Appends text as UTF-8. */
  text(text: string): void {
    this.room(text.length * 3);
    this.at += this.bytes.write(text, this.at, "utf8");
  }

  /** Appends bytes. */
  copy(from: Uint8Array, start: number, end: number): void {
    this.room(end - start);
    this.bytes.set(from.subarray(start, end), this.at);
    this.at += end - start;
  }

  /** The block's output so far (a view of {@link bytes}). */
  written(): Uint8Array {
    return this.bytes.subarray(0, this.at);
  }

  /** Hands back the memory of an output already written, for reuse. */
  recycle(buffer: ArrayBuffer): void {
    if (this.spares.length < 4) this.spares.push(buffer);
  }
}
