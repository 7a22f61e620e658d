/** Where the CLI writes; the bin passes process streams, tests pass collectors. */
export interface CliIo {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
}

/** What a command's registration receives. */
export interface CommandContext {
  /** Output streams. */
  readonly io: CliIo;
  /** Sets the process exit code the CLI will return. */
  readonly setExit: (code: number) => void;
}
