// The files of `mlco2 estimate --batch`: the input (a file, or stdin for "-") and the output (a file,
// or stdout), with one-line errors for anything that cannot be read or written.
import { once } from "node:events";
import { createReadStream, createWriteStream, fstatSync, type Stats, statSync } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { BatchSink } from "../../batch/index.ts";
import { CliError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";

/** What `--batch` reads. */
export interface BatchInput {
  /** The name messages use: the path, or "stdin". */
  readonly name: string;
  /** The bytes. */
  readonly chunks: Readable;
  /** Size in bytes when known (a regular file), else 0. */
  readonly size: number;
  /** The file read, to tell whether `--output` would overwrite it (null when unknown). */
  readonly stats: Stats | null;
}

/** Where `--batch` writes. */
export interface BatchOutput {
  /** Output as runBatch takes it; a write error comes back as a CliError naming the target. */
  readonly sink: BatchSink;
  /** Flushes (and closes a file); throws a CliError naming the target if writing failed. */
  readonly finish: () => Promise<void>;
  /** Stops writing after a failure elsewhere. */
  readonly abort: () => void;
}

const codeOf = (error: unknown): string =>
  error instanceof Error && "code" in error ? String(error.code) : "failed";

/** Opens the `--batch` input: a file, or standard input for "-". */
export const openBatchInput = (path: string, io: CliIo): BatchInput => {
  if (path === "-") {
    const stdin = io.stdin?.();
    if (stdin === undefined) throw new CliError("--batch: -: no standard input to read");
    const fd = (stdin as { fd?: unknown }).fd;
    const stats = typeof fd === "number" ? fstatSync(fd) : null;
    return { name: "stdin", chunks: stdin, size: stats?.isFile() ? stats.size : 0, stats };
  }
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw new CliError(
      `--batch: cannot read "${path}" (${codeOf(error)}); give a CSV file with a header row`,
      { code: "unreadable", cause: error },
    );
  }
  if (stats.isDirectory()) throw new CliError(`--batch: "${path}" is a directory; give a CSV file`);
  return { name: path, chunks: createReadStream(path, { highWaterMark: 1 << 20 }), size: stats.size, stats };
};

/** Whether `output` names the file `input` reads (same path, a symlink to it, or a hard link). */
const overwritesInput = (output: string, input: BatchInput): boolean => {
  if (input.stats === null) return false;
  let target: Stats;
  try {
    target = statSync(output);
  } catch {
    return false; // nothing there yet
  }
  return target.dev === input.stats.dev && target.ino === input.stats.ino;
};

/** A sink on a stream: the first error of the stream fails the next write, drain or finish. */
const streamOutput = (stream: Writable, target: string, close: boolean): BatchOutput => {
  let failure: unknown = null;
  stream.on("error", (error) => {
    failure ??= error;
  });
  const check = (): void => {
    if (failure !== null) throw new CliError(`${target} (${codeOf(failure)})`, { code: "write-failed" });
  };
  return {
    sink: {
      write: (bytes, written) => {
        check();
        return stream.write(bytes, written === undefined ? undefined : () => written());
      },
      drain: async () => {
        check();
        await once(stream, "drain").catch(() => {});
        check();
      },
    },
    finish: async () => {
      check();
      if (close) stream.end();
      else await new Promise<void>((resolve) => stream.write(new Uint8Array(0), () => resolve()));
      if (close) await finished(stream).catch(() => {});
      check();
    },
    abort: () => {
      if (close) stream.destroy();
    },
  };
};

/** Opens the `--batch` output: the `--output` file (never the input itself), else stdout. */
export const openBatchOutput = async (
  output: string | undefined,
  input: BatchInput,
  io: CliIo,
): Promise<BatchOutput> => {
  if (output !== undefined) {
    if (overwritesInput(output, input))
      throw new CliError(
        `--output: "${output}" is the --batch input ${input.name === "stdin" ? "(on stdin) " : ""}and would be emptied; write to another file`,
      );
    const stream = createWriteStream(output);
    const failure = await once(stream, "open").then(
      () => null,
      (error: unknown) => error,
    );
    if (failure !== null)
      throw new CliError(
        `--output: cannot write "${output}" (${codeOf(failure)}); use a writable file path`,
        {
          code: "write-failed",
        },
      );
    return streamOutput(stream, `--output: cannot write "${output}"`, true);
  }
  if (io.stdoutWritable !== undefined)
    return streamOutput(io.stdoutWritable, "cannot write to stdout", false);
  const decoder = new TextDecoder();
  return {
    sink: {
      write: (bytes, written) => {
        io.stdout(decoder.decode(bytes, { stream: true }));
        written?.();
        return true;
      },
      drain: async () => {},
    },
    finish: async () => {},
    abort: () => {},
  };
};
