import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { CliError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";
import { openBatchInput, openBatchOutput } from "./batch-files.ts";

let dir = "";
before(() => {
  dir = mkdtempSync(join(tmpdir(), "mlco2-batch-files-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const io = (extra: Partial<CliIo> = {}): CliIo => ({ stdout: () => {}, stderr: () => {}, ...extra });
const cliError = (pattern: RegExp) => (e: unknown) =>
  e instanceof CliError && e.exitCode === 2 && pattern.test(e.message);

/** A stream whose writes fail as a full disk does. */
const fullDisk = () =>
  new Writable({
    write: (_chunk, _encoding, callback) =>
      callback(Object.assign(new Error("no space"), { code: "ENOSPC" })),
  });

describe("openBatchInput", () => {
  it("opens a file with its size, or stdin for '-'; refuses what cannot be read", () => {
    const path = join(dir, "in.csv");
    writeFileSync(path, "hours\n1\n");
    const input = openBatchInput(path, io());
    assert.deepEqual([input.name, input.size], [path, 8]);
    input.chunks.destroy();
    const stdin = openBatchInput("-", io({ stdin: () => Readable.from(["x"]) }));
    assert.deepEqual([stdin.name, stdin.size, stdin.stats], ["stdin", 0, null]);
    assert.throws(
      () => openBatchInput(join(dir, "missing.csv"), io()),
      cliError(/cannot read .* \(ENOENT\)/),
    );
    assert.throws(() => openBatchInput(dir, io()), cliError(/is a directory/));
    assert.throws(() => openBatchInput("-", io()), cliError(/no standard input/));
  });
});

describe("openBatchOutput", () => {
  it("writes a file, flushed and closed by finish", async () => {
    const path = join(dir, "out.csv");
    const input = openBatchInput(join(dir, "in.csv"), io());
    const output = await openBatchOutput(path, input, io());
    output.sink.write(Buffer.from("a,b\n"));
    await output.finish();
    input.chunks.destroy();
    assert.equal(readFileSync(path, "utf8"), "a,b\n");
  });

  it("a stream that fails fails the next write or finish with one line naming the target", async () => {
    const input = openBatchInput("-", io({ stdin: () => Readable.from([]) }));
    const output = await openBatchOutput(undefined, input, io({ stdoutWritable: fullDisk() }));
    output.sink.write(Buffer.from("x"));
    await new Promise((resolve) => setImmediate(resolve));
    assert.throws(() => output.sink.write(Buffer.from("y")), cliError(/^cannot write to stdout \(ENOSPC\)$/));
    await assert.rejects(output.finish(), cliError(/^cannot write to stdout \(ENOSPC\)$/));
  });

  it("refuses a file it cannot open, and one that is the input", async () => {
    const input = openBatchInput(join(dir, "in.csv"), io());
    await assert.rejects(
      openBatchOutput(join(dir, "no", "such", "dir.csv"), input, io()),
      cliError(/^--output: cannot write ".*" \(ENOENT\); use a writable file path$/),
    );
    await assert.rejects(openBatchOutput(join(dir, "in.csv"), input, io()), cliError(/is the --batch input/));
    input.chunks.destroy();
  });

  it("without a stream, hands text to io.stdout", async () => {
    let text = "";
    const input = openBatchInput("-", io({ stdin: () => Readable.from([]) }));
    const output = await openBatchOutput(undefined, input, io({ stdout: (t) => (text += t) }));
    output.sink.write(Buffer.from("é\n"));
    await output.finish();
    assert.equal(text, "é\n");
  });
});
