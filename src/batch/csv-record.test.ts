import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  lineBreaksIn,
  OPEN,
  RECORD_MAX_BYTES,
  RECORD_MAX_LINES,
  recordEnd,
  splitFields,
  TOO_LONG,
  UNCLOSED,
  UNTERMINATED,
} from "./csv-record.ts";

const bytes = (text: string): Uint8Array => Buffer.from(text, "latin1");
const end = (text: string, from = 0): number => {
  const b = bytes(text);
  return recordEnd(b, from, b.length);
};

describe("recordEnd", () => {
  it("a record ends at the first line break outside quotes", () => {
    assert.equal(end("a,b\nc\n"), 3);
    assert.equal(end("a,b\nc\n", 4), 5);
    assert.equal(end('a,"b\nc",d\ne\n'), 9);
    assert.equal(end('a,"say ""hi""\n",b\n'), 17);
    assert.equal(end('"a"\r\n'), 4);
  });

  it("a quote opens a field only at its start; elsewhere it is an ordinary character", () => {
    assert.equal(end('TG400,24" screen\nnext\n'), 16);
    assert.equal(end('a, "b\nc"\n'), 5); // after a space: not a field start
    assert.equal(end('a,"b"c"d\ne\n'), 8); // text after a closing quote, quotes included, is literal
  });

  it("tells a record cut short by the end of the bytes, inside quotes or not", () => {
    assert.equal(end("a,b"), UNTERMINATED);
    assert.equal(end('a,"b\nc'), OPEN);
    assert.equal(end('a,"b""'), OPEN);
    assert.equal(end('a,"b"'), UNTERMINATED);
  });

  it("refuses a quoted field spanning more lines or bytes than allowed, and an over-long line", () => {
    const lines = (n: number) => `a,"${"x\n".repeat(n - 1)}y"\nz\n`;
    assert.ok(end(lines(RECORD_MAX_LINES)) > 0);
    assert.equal(end(lines(RECORD_MAX_LINES + 1)), UNCLOSED);
    const wide = `a,"b\n${"x".repeat(RECORD_MAX_BYTES)}"\n`;
    assert.equal(end(wide), UNCLOSED);
    assert.equal(end(`${"x".repeat(RECORD_MAX_BYTES)}\n`), RECORD_MAX_BYTES);
    assert.equal(end(`${"x".repeat(RECORD_MAX_BYTES + 1)}\n`), TOO_LONG);
    assert.equal(end(`"${"x".repeat(RECORD_MAX_BYTES + 1)}`), TOO_LONG);
  });

  it("counts line breaks inside a record", () => {
    const b = bytes('a,"1\n2\n3"\nb\n');
    assert.equal(lineBreaksIn(b, 0, recordEnd(b, 0, b.length)), 2);
  });
});

describe("splitFields", () => {
  it("splits quoted fields with commas, doubled quotes and line breaks (kept byte for byte)", () => {
    assert.deepEqual(splitFields('a,"b,c","say ""hi""",'), ["a", "b,c", 'say "hi"', ""]);
    assert.deepEqual(splitFields('"a\r\nb",c'), ["a\r\nb", "c"]);
    assert.deepEqual(splitFields(""), [""]);
    assert.deepEqual(splitFields('""'), [""]);
  });

  it("keeps a quote inside an unquoted field, and text after a closing quote", () => {
    assert.deepEqual(splitFields('TG400,24" screen,x'), ["TG400", '24" screen', "x"]);
    assert.deepEqual(splitFields('a,"b"c"d,e'), ["a", 'bc"d', "e"]);
    assert.deepEqual(splitFields('a, "b,c"'), ["a", ' "b', 'c"']);
  });

  it("agrees with recordEnd on where fields and records end", () => {
    const record = 'r1,"x\n""y"",z",24" s,"",""""';
    const b = bytes(`${record}\nnext\n`);
    assert.equal(recordEnd(b, 0, b.length), record.length);
    assert.deepEqual(splitFields(record), ["r1", 'x\n"y",z', '24" s', "", '"']);
  });
});
