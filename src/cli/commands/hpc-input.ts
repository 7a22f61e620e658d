// What `mlco2 hpc sacct` reads: a file, stdin ("-", or piped with no file), or the output of one sacct
// call (--since/--until).
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createReadStream, statSync } from "node:fs";
import type { Readable } from "node:stream";
import { SACCT_FIELDS } from "../../hpc/index.ts";
import { CliError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";

/** An input: its name for messages, its bytes, and what to check once it is read. */
export interface SacctInput {
  readonly name: string;
  readonly chunks: Readable;
  /** Resolves once the input's producer ended well; throws a CliError when it failed (sacct's exit). */
  readonly done: () => Promise<void>;
  readonly close: () => void;
  /** Said after an empty input: why this input was read (stdin taken because it is piped). */
  readonly emptyHint?: string;
}

/** A time as sacct -S/-E takes it (2024-01-01, 2024-01-01T08:00, now-7days…): no spaces, no leading "-". */
const SACCT_TIME = /^[A-Za-z0-9:+_.-]+$/;

/** The sacct arguments for one window (one call, never one per job). */
export const sacctArgs = (since: string, until: string | undefined, allUsers: boolean): string[] => [
  "-P",
  `--format=${SACCT_FIELDS.join(",")}`,
  "-S",
  since,
  ...(until === undefined ? [] : ["-E", until]),
  ...(allUsers ? ["-a"] : []),
];

/** Opens the input of `mlco2 hpc sacct`. */
export const openSacctInput = (
  file: string | undefined,
  flags: { since?: string; until?: string; allUsers?: boolean },
  io: CliIo,
): SacctInput => {
  if (flags.since !== undefined) {
    if (file !== undefined)
      throw new CliError(`--since: cannot be combined with a file ("${file}"); give one of the two`);
    for (const [flag, value] of [
      ["--since", flags.since],
      ["--until", flags.until],
    ] as const)
      if (value !== undefined && (!SACCT_TIME.test(value) || value.startsWith("-")))
        throw new CliError(
          `${flag}: "${value}" is not a time sacct takes; use e.g. 2024-01-01 or 2024-01-01T08:00:00`,
        );
    return runSacct(sacctArgs(flags.since, flags.until, flags.allUsers === true), io);
  }
  if (flags.until !== undefined) throw new CliError("--until: needs --since");
  if (flags.allUsers === true) throw new CliError("--all-users: needs --since");
  if (file === undefined && io.stdinPiped?.() !== true)
    throw new CliError(
      "give sacct -P output as a file, on a pipe (or -), or --since to run sacct (see docs/hpc.md)",
      { code: "required" },
    );
  if (file === undefined || file === "-") {
    const stdin = io.stdin?.();
    if (stdin === undefined) throw new CliError("-: no standard input to read");
    return {
      name: "stdin",
      chunks: stdin,
      done: async () => {},
      close: () => {},
      ...(file === undefined
        ? { emptyHint: "read because it is piped and no file was given; give a file or --since" }
        : {}),
    };
  }
  try {
    if (statSync(file).isDirectory()) throw new CliError(`"${file}" is a directory; give sacct -P output`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = error instanceof Error && "code" in error ? String(error.code) : "failed";
    throw new CliError(`cannot read "${file}" (${code}); give sacct -P output with its header line`);
  }
  const chunks = createReadStream(file, { highWaterMark: 1 << 20 });
  return { name: file, chunks, done: async () => {}, close: () => chunks.destroy() };
};

const runSacct = (args: readonly string[], io: CliIo): SacctInput => {
  const child: ChildProcess = spawn("sacct", args, {
    stdio: ["ignore", "pipe", "pipe"],
    ...(io.env === undefined ? {} : { env: io.env as NodeJS.ProcessEnv }),
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (text: string) => {
    if (stderr.length < 4096) stderr += text;
  });
  const exited = once(child, "close").then(
    ([code]) => ({ code: code as number | null, error: null as NodeJS.ErrnoException | null }),
    (error: NodeJS.ErrnoException) => ({ code: null, error }),
  );
  let spawnError: NodeJS.ErrnoException | null = null;
  child.on("error", (error) => {
    spawnError = error;
  });
  return {
    name: "sacct",
    chunks: child.stdout as Readable,
    done: async () => {
      const { code } = await exited;
      const failed = spawnError as NodeJS.ErrnoException | null;
      if (failed !== null)
        throw new CliError(
          failed.code === "ENOENT"
            ? "--since: sacct is not on PATH; run it where Slurm is installed, or give its -P output as a file"
            : `--since: cannot run sacct (${failed.code ?? failed.message})`,
        );
      if (code !== 0)
        throw new CliError(`--since: sacct exited with ${code}: ${stderr.trim().split("\n")[0] ?? ""}`);
    },
    close: () => {
      if (child.exitCode === null) child.kill();
    },
  };
};
