import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fixtureDataset } from "../core/fixture-dataset.ts";
import { BatchError } from "./batch-error.ts";
import { BlockPricer } from "./block-pricer.ts";
import type { PricerSetup } from "./types.ts";

const csv: PricerSetup = { format: "csv", strict: false, defaults: {} };
const json: PricerSetup = { format: "json", strict: false, defaults: {} };
const block = (text: string) => Buffer.from(text, "utf8");
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");

describe("BlockPricer", () => {
  it("prices the same row the same way on the fast path and the general path", () => {
    const pricer = new BlockPricer(csv, fixtureDataset, null);
    const result = pricer.price(
      block('hardware,count,hours,intensity,note\nTG400,8,100,500,plain\nTG400,8,100,500,"quoted"\n'),
      0,
      true,
    );
    // 8 × 400 W × 100 h = 320 kWh at PUE 1 (band 1–1.5: high 240 kg), 500 g/kWh → 160 kg.
    const [, fast, general] = text(result.output).split("\n");
    assert.equal(fast, "TG400,8,100,500,plain,320,320,160,88,240,500,1");
    assert.equal(general, 'TG400,8,100,500,"quoted",320,320,160,88,240,500,1');
    assert.deepEqual([result.rows, result.priced, result.lines], [2, 2, 3]);
  });

  it("counts lines and gives problems' lines within the block; JSON lines count from `first`", () => {
    const pricer = new BlockPricer(json, fixtureDataset, {
      fields: ["hardware", "hours", "intensity", "note"],
      raw: "hardware,hours,intensity,note",
    });
    const result = pricer.price(block('TG400,1,100,"a\nb"\nTG400,-1,100,x\nTG400,2,100,y\n'), 40, true);
    assert.deepEqual(
      result.problems.map((p) => [p.line, p.code, p.path]),
      [[3, "out-of-range", "hours"]],
    );
    const lines = text(result.output)
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => [l.line, l.input.note]),
      [
        [41, "a\nb"],
        [44, "y"],
      ],
    );
    assert.equal(result.lines, 4);
  });

  it("reads only the header with priceHeader, telling how many bytes that took", () => {
    const pricer = new BlockPricer(csv, fixtureDataset, null);
    const bytes = block("\n\nhardware,hours,intensity\r\nTG400,1,100\n");
    const result = pricer.priceHeader(bytes, 0, false);
    assert.equal(result.taken, bytes.indexOf("TG400"));
    assert.deepEqual(result.header?.fields, ["hardware", "hours", "intensity"]);
    assert.equal(result.rows, 0);
    assert.equal(
      text(result.output),
      "hardware,hours,intensity,energy_kwh,facility_energy_kwh,emissions_kg,low_kg,high_kg,intensity_g_per_kwh,pue\n",
    );
    assert.ok(pricer.hasHeader());
  });

  it("a dropped over-long line is one skipped row; before the header it makes the file unreadable", () => {
    const fresh = new BlockPricer(csv, fixtureDataset, null);
    assert.throws(
      () => fresh.tooLongLine(),
      (e: unknown) => e instanceof BatchError && e.code === "unreadable-header",
    );
    const pricer = new BlockPricer({ ...csv, strict: true }, fixtureDataset, {
      fields: ["hours"],
      raw: "hours",
    });
    const result = pricer.tooLongLine();
    assert.deepEqual([result.lines, result.rows, result.skipped, result.stopped], [1, 1, 1, true]);
    assert.equal(result.problems[0]?.code, "line-too-long");
  });

  it("with strict, stops at the first bad row", () => {
    const pricer = new BlockPricer({ ...csv, strict: true }, fixtureDataset, null);
    const result = pricer.price(
      block("hardware,hours,intensity\nTG400,1,100\nTG400,x,100\nTG400,2,100\n"),
      0,
      true,
    );
    assert.equal(result.stopped, true);
    assert.deepEqual([result.rows, result.priced, result.skipped], [2, 1, 1]);
    assert.equal(text(result.output).split("\n").length, 3);
  });

  it("memory of a written output can be handed back and is reused", () => {
    const pricer = new BlockPricer(csv, fixtureDataset, {
      fields: ["hardware", "hours", "intensity"],
      raw: "",
    });
    const first = pricer.price(block("TG400,1,100\n"), 0, false);
    pricer.recycle(first.output.buffer as ArrayBuffer);
    const second = pricer.price(block("TG400,2,100\n"), 0, false);
    assert.equal(second.output.buffer, first.output.buffer);
    assert.ok(text(second.output).startsWith("TG400,2,100,0.8,"));
  });
});
