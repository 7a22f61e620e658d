import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fixtureDataset } from "../core/fixture-dataset.ts";
import { FAST_LINE_MAX, FastPath } from "./fast-path.ts";
import { JobMemo } from "./job-memo.ts";
import { OutputBuffer } from "./output-buffer.ts";
import { emptyPricedRow } from "./priced-row.ts";
import { rowLayoutOf } from "./row-layout.ts";
import { Tally } from "./tally.ts";

/** A fast path over a header; `line(text)` returns [position returned, bytes written]. */
const fastPath = (header: string, defaults = {}) => {
  const layout = rowLayoutOf(header.split(","), defaults);
  const out = new OutputBuffer();
  out.start(1 << 16);
  const tally = new Tally(false);
  const memo = new JobMemo(fixtureDataset, layout.keyColumns, layout.keyDefaults);
  const fast = new FastPath(layout, memo, emptyPricedRow(), out, tally);
  return {
    tally,
    line: (text: string): [number, string] => {
      const before = out.at;
      const b = Buffer.from(text, "latin1");
      const nl = fast.line(b, 0, b.length);
      return [nl, out.bytes.toString("latin1", before, out.at)];
    },
  };
};

describe("FastPath", () => {
  it("prices a plain line from its bytes: the line, five figures, intensity and PUE", () => {
    const { line, tally } = fastPath("hardware,count,hours,intensity,pue");
    // 8 × 400 W × 100 h = 320 kWh; PUE 1; 500 g/kWh → 160 kg; low 8 × 220 W → 88 kg.
    assert.deepEqual(line("TG400,8,100,500,1\n"), [17, "TG400,8,100,500,1,320,320,160,88,160,500,1\n"]);
    assert.deepEqual(line("TG400,8,100,500,1\r\nnext"), [18, "TG400,8,100,500,1,320,320,160,88,160,500,1\n"]);
    assert.equal(tally.priced, 2);
  });

  it("leaves every other line to the general path, having written nothing", () => {
    const { line, tally } = fastPath("hardware,count,hours,intensity,note");
    const declined = [
      'TG400,1,1,500,"quoted"\n', // a quote
      "TG400,1,1,500,café\n", // a non-ASCII byte
      "TG400,1,1,500\n", // too few fields
      "TG400,1,1,500,x,y\n", // too many fields
      "TG400,1,0x10,500,x\n", // not a plain number
      "TG400,1,1e3,500,x\n",
      "TG400,1,1234567890123456,500,x\n", // more than 15 digits
      "TG400,1.5,1,500,x\n", // not a whole count
      "TG400,1,0,500,x\n", // out of range
      "TG999,1,1,500,x\n", // refused by the engine
      "TG400,1,1,500,x", // no line break yet
      `TG400,1,1,500,${"x".repeat(FAST_LINE_MAX)}\n`, // longer than the fast path takes
      "\n", // blank
    ];
    for (const text of declined) assert.deepEqual(line(text), [-1, ""], text);
    assert.equal(tally.priced, 0);
    assert.deepEqual(line("TG400,1,1,500,x\n")[0], 15);
  });

  it("tells combinations apart, whatever their cache slot", () => {
    const { line } = fastPath("hardware,hours,intensity");
    const seen = new Map<string, string>();
    for (let round = 0; round < 2; round++) {
      for (let intensity = 1; intensity <= 3000; intensity += 7) {
        const [, written] = line(`TG400,1,${intensity % 2000}\n`);
        const previous = seen.get(String(intensity));
        if (previous !== undefined) assert.equal(written, previous);
        seen.set(String(intensity), written);
        // 400 W × 1 h = 0.4 kWh × intensity g/kWh.
        if (intensity % 2000 !== 0) assert.ok(written.endsWith(`,${intensity % 2000},1\n`), written);
      }
    }
  });
});
