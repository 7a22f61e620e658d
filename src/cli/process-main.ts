// The only place that touches process: argv in, streams out, exit code set. Used by bin.ts (every
// command, from the sources) and by each per-command bundle of the build (scripts/build.mjs).
import { fstatSync } from "node:fs";
import type { CliIo } from "./command-context.ts";

/** Runs the CLI on `argv` (without node and script) with output to `io`; returns the exit code. */
export type CliRunner = (argv: readonly string[], io: CliIo) => Promise<number>;

const codeOf = (error: unknown): string =>
  error instanceof Error && "code" in error ? String(error.code) : "failed";

/**
 * Runs `run` on this process's argv and streams, and sets the exit code. A failed stdout (a full disk)
 * is one line on stderr and exit code 2, never a stack trace; a reader that stopped reading (`| head`,
 * EPIPE) ends the output quietly. Commands that stream to stdout (batch) report a failure themselves.
 */
export const runAsProcess = async (run: CliRunner): Promise<void> => {
  let stdoutFailure: unknown = null;
  let finished = false;
  const reportStdout = (error: unknown): void => {
    if (codeOf(error) === "EPIPE") return;
    process.stderr.write(`mlco2: cannot write to stdout (${codeOf(error)})\n`);
    process.exitCode = 2;
  };
  process.stdout.on("error", (error) => {
    if (stdoutFailure !== null) return;
    stdoutFailure = error;
    if (finished) reportStdout(error);
  });
  process.stderr.on("error", () => {});

  const code = await run(process.argv.slice(2), {
    stdout: (text) => {
      if (stdoutFailure === null) process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
    stdoutWritable: process.stdout,
    stderrWritable: process.stderr,
    // A function: opening process.stdin starts reading it, which a tracked child sharing it must not see.
    stdin: () => process.stdin,
    // A pipe, a socket or a redirected file; a terminal or /dev/null (a character device) is not.
    stdinPiped: () => {
      try {
        const stat = fstatSync(0);
        return stat.isFIFO() || stat.isSocket() || stat.isFile();
      } catch {
        return false;
      }
    },
    env: process.env,
    now: () => new Date(),
  });
  // Whatever is still buffered for stdout: its outcome is known once this empty write is through.
  if (stdoutFailure === null) await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
  finished = true;
  process.exitCode = code;
  if (stdoutFailure !== null && code !== 2) reportStdout(stdoutFailure);
};
