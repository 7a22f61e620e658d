#!/usr/bin/env node
// The only place that touches process: argv in, streams out, exit code set.
import { runCli } from "./program.ts";

// A failed stdout (a full disk, a closed pipe) is one line on stderr and exit code 2, never a stack
// trace. Commands that stream to stdout (batch) report it themselves and stop.
let stdoutFailure: unknown = null;
let finished = false;
const reportStdout = (error: unknown): void => {
  const code = error instanceof Error && "code" in error ? String(error.code) : "failed";
  process.stderr.write(`mlco2: cannot write to stdout (${code})\n`);
  process.exitCode = 2;
};
process.stdout.on("error", (error) => {
  if (stdoutFailure !== null) return;
  stdoutFailure = error;
  if (finished) reportStdout(error);
});

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => {
    if (stdoutFailure === null) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  stdoutWritable: process.stdout,
  stdin: () => process.stdin,
});
// Whatever is still buffered for stdout: its outcome is known once this empty write is through.
await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
finished = true;
process.exitCode = code;
if (stdoutFailure !== null && code !== 2) reportStdout(stdoutFailure);
