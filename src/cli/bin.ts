#!/usr/bin/env node
// The only place that touches process: argv in, streams out, exit code set.
import { runCli } from "./program.ts";

/** The first error writing standard output (ENOSPC on a full disk, EPIPE when the reader left), if any. */
let stdoutFailure: string | null = null;
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (stdoutFailure !== null) return;
  stdoutFailure = error.code ?? "write failed";
  // A reader that stopped reading (`| head`) is not an error worth a line.
  if (stdoutFailure === "EPIPE") return;
  process.stderr.write(`mlco2: cannot write standard output (${stdoutFailure})\n`);
  // The error may come after the exit code was set: a successful run that lost its output failed.
  if (!process.exitCode) process.exitCode = 1;
});
process.stderr.on("error", () => {});

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => {
    if (stdoutFailure === null) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  stdoutWritable: process.stdout,
  stdin: process.stdin,
});
process.exitCode = stdoutFailure === null || stdoutFailure === "EPIPE" || code !== 0 ? code : 1;
