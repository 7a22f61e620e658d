import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RECORD_MAX_BYTES, recordEnd, UNTERMINATED } from "./csv-record.ts";
import { BlockCutter, recordCut } from "./record-blocks.ts";
import type { RecordBlock } from "./types.ts";

/** Feeds `text` to a cutter in chunks of `size` bytes; returns the blocks. */
const cut = (text: string | Buffer, size: number, blockBytes: number): RecordBlock[] => {
  const bytes = typeof text === "string" ? Buffer.from(text, "latin1") : text;
  const cutter = new BlockCutter(blockBytes);
  const blocks: RecordBlock[] = [];
  for (let i = 0; i < bytes.length; i += size) blocks.push(...cutter.push(bytes.subarray(i, i + size)));
  blocks.push(cutter.end());
  return blocks.map((b) => ({ ...b, bytes: Buffer.from(b.bytes) }));
};

/** Record starts of `b` read from 0 as the pricer reads them (refused records resume on the next line). */
const recordStarts = (b: Uint8Array): Set<number> => {
  const starts = new Set<number>([0]);
  let s = 0;
  while (s < b.length) {
    const e = recordEnd(b, s, b.length);
    if (e === UNTERMINATED) break;
    s = e >= 0 ? e + 1 : b.indexOf(10, s) + 1 || b.length;
    starts.add(s);
  }
  return starts;
};

describe("recordCut", () => {
  it("ends after the last complete record", () => {
    const at = (text: string) => recordCut(Buffer.from(text, "latin1"));
    assert.deepEqual(at("a,b\nc,d\ne"), { end: 8, tooLongAt: -1 });
    assert.deepEqual(at('a,"b\nc"\nd,"e\nf'), { end: 8, tooLongAt: -1 });
    assert.deepEqual(at('a,24" x\nb,"c'), { end: 8, tooLongAt: -1 });
    assert.deepEqual(at("abc"), { end: 0, tooLongAt: -1 });
  });

  it("resumes after the first line of a record whose quote never closes within bounds", () => {
    const text = `h\na,"open\n${"x\n".repeat(200)}y`;
    assert.equal(recordCut(Buffer.from(text, "latin1")).end, text.length - 1);
  });

  it("points at a line too long to keep", () => {
    const text = `a\n${"z".repeat(RECORD_MAX_BYTES + 1)}`;
    assert.deepEqual(recordCut(Buffer.from(text, "latin1")), { end: 2, tooLongAt: 2 });
  });
});

describe("BlockCutter", () => {
  const samples = [
    'h,note\r\nr1,"a\r\nb"\r\nr2,24" screen\r\nr3,"x"\r\n\r\nr4,"open\r\n',
    `h,note\n${Array.from({ length: 400 }, (_, i) => (i === 37 ? 'r,"stray' : i % 9 === 0 ? 'r,"q\nq"' : `r${i},x`)).join("\n")}\n`,
    `h,note\n${"r,y\n".repeat(300)}r,"never closed\n${"r,z\n".repeat(300)}`,
  ];

  it("cuts only where records start, whatever the chunk and block sizes; no byte lost", () => {
    for (const text of samples) {
      const whole = Buffer.from(text, "latin1");
      const starts = recordStarts(whole);
      for (const [size, blockBytes] of [
        [1, 16],
        [7, 64],
        [100, 256],
        [1 << 16, 1 << 20],
      ] as const) {
        const blocks = cut(text, size, blockBytes);
        let offset = 0;
        for (const block of blocks) {
          assert.ok(starts.has(offset), `a block starts at ${offset}, inside a record`);
          offset += block.bytes.length;
        }
        assert.equal(offset, whole.length);
        assert.equal(blocks.at(-1)?.last, true);
        assert.deepEqual(Buffer.concat(blocks.map((b) => b.bytes)), whole);
      }
    }
  });

  it("reads CR-only line breaks as LF, decided by the first line break (even split across chunks)", () => {
    const text = 'h,v\rr,"a\rb"\rr,2\r';
    for (const size of [1, 2, 3, 100]) {
      const out = Buffer.concat(cut(text, size, 4).map((b) => b.bytes)).toString("latin1");
      assert.equal(out, 'h,v\nr,"a\nb"\nr,2\n');
    }
    // CRLF files keep their CRs (the pricer drops the one before each record's LF).
    assert.equal(Buffer.concat(cut("h\r\nr\r\n", 1, 4).map((b) => b.bytes)).toString("latin1"), "h\r\nr\r\n");
  });

  it("drops a leading byte-order mark, even split across chunks", () => {
    const text = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("h\nr\n")]);
    for (const size of [1, 2, 100])
      assert.equal(Buffer.concat(cut(text, size, 4).map((b) => b.bytes)).toString(), "h\nr\n");
  });

  it("drops a line too long to keep, unread, and gives a tooLong block in its place", () => {
    const text = `h\na\n${"z".repeat(3 * RECORD_MAX_BYTES)}\nb\n`;
    const blocks = cut(text, 1 << 16, 1 << 16);
    const kinds = blocks.map((b) => (b.tooLong ? "tooLong" : b.bytes.toString("latin1")));
    assert.deepEqual(
      kinds.filter((k) => k !== ""),
      ["h\na\n", "tooLong", "b\n"],
    );
  });

  it("holds at most about two blocks and one record, whatever the quotes (memory stays bounded)", () => {
    const blockBytes = 1 << 16;
    const rows = Array.from({ length: 60_000 }, (_, i) =>
      i === 100 ? 'r,"24 screen,1' : i === 200 ? 'r,24" screen,1' : `r${i},x,${i}`,
    );
    const text = `h,note,n\n${rows.join("\n")}\n${"w".repeat(2 * RECORD_MAX_BYTES)}\nlast,1,2\n`;
    const cutter = new BlockCutter(blockBytes);
    let largest = 0;
    const bytes = Buffer.from(text, "latin1");
    for (let i = 0; i < bytes.length; i += blockBytes) {
      for (const block of cutter.push(bytes.subarray(i, i + blockBytes)))
        largest = Math.max(largest, block.bytes.length);
    }
    assert.ok(largest <= 2 * blockBytes + RECORD_MAX_BYTES, `a block of ${largest} bytes`);
  });
});
