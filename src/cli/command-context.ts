import type { Readable, Writable } from "node:stream";

/** Where the CLI reads and writes; the bin passes process streams, tests pass collectors. */
export interface CliIo {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
  /** Standard output as a stream, for commands that stream large output with backpressure (batch). */
  readonly stdoutWritable?: Writable;
  /** Standard error as a stream, for a tracked command's output passed through byte for byte. */
  readonly stderrWritable?: Writable;
  /**
   * Standard input, for `-` (report, `--batch -`); a function, because opening process.stdin starts
   * reading it (which a tracked child sharing it must not see).
   */
  readonly stdin?: () => Readable;
  /**
   * Whether standard input is a pipe, a socket or a redirected file (not a terminal, not /dev/null), for
   * commands that read it when no file is given (`mlco2 hpc sacct`); absent means no.
   */
  readonly stdinPiped?: () => boolean;
  /** Environment variables (API tokens, base URLs, cache folder); the bin passes process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The clock; the bin passes the real one, tests a fixed one. */
  readonly now?: () => Date;
}

/** What a command's registration receives. */
export interface CommandContext {
  /** Output streams. */
  readonly io: CliIo;
  /** Sets the process exit code the CLI will return. */
  readonly setExit: (code: number) => void;
}
