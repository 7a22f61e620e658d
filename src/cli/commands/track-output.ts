// The tracked command's output, when `--progress` or `--units-from` read it: passed through byte for
// byte (pipes, copied as they arrive, with backpressure), and read line by line on the side.
import type { ChildProcess } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { invalid } from "../../core/problems.ts";
import { problemsError } from "../cli-error.ts";

/** The patterns the output is read with. */
export interface OutputPatterns {
  /** Progress: groups `done` and `total` (named, else the first two). */
  readonly progress: RegExp | null;
  /** Units produced: group `units` (named, else the first), summed over the lines. */
  readonly unitsFrom: RegExp | null;
}

/** What the output showed. */
export interface OutputHandlers {
  /** `done` of `total` units of work. */
  readonly onProgress: (done: number, total: number) => void;
  /** Units produced, to add. */
  readonly onUnits: (units: number) => void;
}

/** Capturing groups of a regular expression. */
const groupCount = (pattern: RegExp): number => (new RegExp(`${pattern.source}|`).exec("")?.length ?? 1) - 1;

/** Compiles a pattern flag; a bad one is a one-line error naming the flag (before anything runs). */
const compile = (flag: string, text: string, groups: number, example: string): RegExp => {
  let pattern: RegExp;
  try {
    pattern = new RegExp(text);
  } catch (error) {
    const why = (error as Error).message.replace(/^Invalid regular expression: /, "");
    throw problemsError([invalid(flag, `is not a regular expression (${why}); e.g. ${example}`)]);
  }
  if (groupCount(pattern) < groups)
    throw problemsError([
      invalid(
        flag,
        `needs ${groups === 1 ? "a capturing group for the number" : `${groups} capturing groups, done and total`}; e.g. ${example}`,
      ),
    ]);
  return pattern;
};

/** The patterns of `--progress` and `--units-from`, checked. */
export const outputPatternsOf = (flags: { progress?: string; unitsFrom?: string }): OutputPatterns => ({
  progress:
    flags.progress === undefined ? null : compile("--progress", flags.progress, 2, '"epoch (\\d+)/(\\d+)"'),
  unitsFrom:
    flags.unitsFrom === undefined
      ? null
      : compile("--units-from", flags.unitsFrom, 1, '"generated (\\d+) tokens"'),
});

/** A number as programs print it: "1,024", "1_024", "2.5e3"; null for anything else. */
export const numberIn = (text: string | undefined): number | null => {
  if (text === undefined) return null;
  const value = Number(text.replace(/[,_\s]/g, ""));
  return text.trim() !== "" && Number.isFinite(value) && value >= 0 ? value : null;
};

/** Longest line kept whole while waiting for its end; a longer one is read in pieces. */
const LONGEST_LINE = 64 * 1024;

/**
 * Reads one stream's text line by line (lines end with \n or \r, so a progress bar redrawn in place
 * counts at each redraw) and reports what the patterns find.
 */
export class LineReader {
  readonly #patterns: OutputPatterns;
  readonly #handlers: OutputHandlers;
  readonly #decoder = new StringDecoder("utf8");
  #partial = "";

  constructor(patterns: OutputPatterns, handlers: OutputHandlers) {
    this.#patterns = patterns;
    this.#handlers = handlers;
  }

  /** Reads a chunk of output. */
  push(chunk: Buffer): void {
    const lines = (this.#partial + this.#decoder.write(chunk)).split(/\r\n|\r|\n/);
    this.#partial = lines.pop() ?? "";
    for (const line of lines) this.#line(line);
    if (this.#partial.length > LONGEST_LINE) {
      this.#line(this.#partial);
      this.#partial = "";
    }
  }

  /** Reads what is left at the end. */
  end(): void {
    const rest = this.#partial + this.#decoder.end();
    this.#partial = "";
    if (rest !== "") this.#line(rest);
  }

  #line(line: string): void {
    const { progress, unitsFrom } = this.#patterns;
    const p = progress?.exec(line);
    if (p) {
      const done = numberIn(p.groups?.done ?? p[1]);
      const total = numberIn(p.groups?.total ?? p[2]);
      if (done !== null && total !== null && total > 0) this.#handlers.onProgress(done, total);
    }
    const u = unitsFrom?.exec(line);
    if (u) {
      const units = numberIn(u.groups?.units ?? u[1]);
      if (units !== null && units > 0) this.#handlers.onUnits(units);
    }
  }
}

/** Where the command's output goes, and what to do before each write (clear a live line on the terminal). */
export interface OutputSinks {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly beforeWrite?: (stream: "stdout" | "stderr") => void;
}

/** Copies one of the command's streams to `sink` unchanged, reading its lines on the side; resolves at its end. */
const copy = (
  from: Readable,
  sink: Writable,
  reader: LineReader,
  before: (() => void) | undefined,
): Promise<void> =>
  new Promise((resolve) => {
    from.on("data", (chunk: Buffer) => {
      before?.();
      if (!sink.write(chunk)) {
        from.pause();
        sink.once("drain", () => from.resume());
      }
      reader.push(chunk);
    });
    // A reader that went away (EPIPE): the command gets the same error when it writes next.
    sink.once("error", () => from.destroy());
    from.once("close", () => {
      reader.end();
      resolve();
    });
  });

/**
 * Passes the command's stdout and stderr through to `sinks` byte for byte, reading their lines with the
 * patterns; resolves when both streams have ended.
 */
export const passOutputThrough = (
  child: ChildProcess,
  patterns: OutputPatterns,
  handlers: OutputHandlers,
  sinks: OutputSinks,
): Promise<void> => {
  const streams: Promise<void>[] = [];
  for (const name of ["stdout", "stderr"] as const) {
    const from = child[name];
    if (from === null) continue;
    const before = sinks.beforeWrite === undefined ? undefined : () => sinks.beforeWrite?.(name);
    streams.push(copy(from, sinks[name], new LineReader(patterns, handlers), before));
  }
  return Promise.all(streams).then(() => undefined);
};
