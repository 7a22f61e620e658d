#!/usr/bin/env node
// The only place that touches process: argv in, streams out, exit code set.
import { runCli } from "./program.ts";

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutWritable: process.stdout,
  env: process.env,
  now: () => new Date(),
});
process.exitCode = code;
