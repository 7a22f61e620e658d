import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CliError } from "../cli-error.ts";
import { LineReader, numberIn, outputPatternsOf } from "./track-output.ts";

/** Reads `chunks` with the patterns; returns the progress and units found. */
const read = (flags: { progress?: string; unitsFrom?: string }, chunks: (string | Buffer)[]) => {
  const progress: [number, number][] = [];
  const units: number[] = [];
  const reader = new LineReader(outputPatternsOf(flags), {
    onProgress: (done, total) => progress.push([done, total]),
    onUnits: (n) => units.push(n),
  });
  for (const chunk of chunks) reader.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  reader.end();
  return { progress, units };
};

describe("LineReader", () => {
  it("an epoch counter, lines split across chunks", () => {
    const { progress } = read({ progress: "epoch (\\d+)/(\\d+)" }, [
      "epoch 1/",
      "10 loss 3\nepo",
      "ch 2/10\n",
    ]);
    assert.deepEqual(progress, [
      [1, 10],
      [2, 10],
    ]);
  });
  it("a tqdm bar redrawn in place with \\r counts at each redraw; the last one without a newline too", () => {
    const bar = (n: number) =>
      `\r${n * 10}%|${"█".repeat(n)}${" ".repeat(10 - n)}| ${n}/10 [00:0${n}<00:09,  1.00it/s]`;
    const { progress } = read({ progress: "(\\d+)/(\\d+) \\[" }, [bar(1), bar(2), `${bar(3)}\r\n`, bar(4)]);
    assert.deepEqual(
      progress.map(([d]) => d),
      [1, 2, 3, 4],
    );
  });
  it("named groups, and numbers printed with separators", () => {
    const { progress, units } = read(
      { progress: "step (?<total>[\\d,]+) of.*?(?<done>\\d+) done", unitsFrom: "tokens=(?<units>[\\d_]+)" },
      ["step 1,000 of x: 250 done tokens=4_096\n"],
    );
    assert.deepEqual(progress, [[250, 1000]]);
    assert.deepEqual(units, [4096]);
  });
  it("units summed line by line; a multi-byte character split between chunks is kept whole", () => {
    const text = Buffer.from("générés 12 tokens\ngénérés 30 tokens\n");
    const { units } = read({ unitsFrom: "générés (\\d+) tokens" }, [text.subarray(0, 2), text.subarray(2)]);
    assert.deepEqual(units, [12, 30]);
  });
  it("a total of 0 or a number that is not one is ignored", () => {
    const { progress } = read({ progress: "(\\S+)/(\\S+)" }, ["1/0\nx/y\n3/4\n"]);
    assert.deepEqual(progress, [[3, 4]]);
  });
});

describe("outputPatternsOf", () => {
  const refused = (flags: { progress?: string; unitsFrom?: string }): string => {
    try {
      outputPatternsOf(flags);
    } catch (error) {
      assert.ok(error instanceof CliError);
      assert.equal(error.exitCode, 2);
      return error.message;
    }
    assert.fail("not refused");
  };
  it("a pattern that is not a regular expression, or with too few groups, is one line naming the flag", () => {
    assert.match(
      refused({ progress: "epoch (\\d+" }),
      /^--progress: is not a regular expression \(.*\); e\.g\./,
    );
    assert.match(
      refused({ progress: "epoch (\\d+)" }),
      /^--progress: needs 2 capturing groups, done and total/,
    );
    assert.match(refused({ unitsFrom: "tokens" }), /^--units-from: needs a capturing group for the number/);
  });
  it("numbers: separators dropped, negatives and words refused", () => {
    assert.equal(numberIn("1,234,567"), 1234567);
    assert.equal(numberIn("2.5e3"), 2500);
    assert.equal(numberIn("-3"), null);
    assert.equal(numberIn("abc"), null);
    assert.equal(numberIn(""), null);
  });
});
