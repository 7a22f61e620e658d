import { closeSync, openSync, readSync, statSync } from "node:fs";
import type { Readable } from "node:stream";
import { formatProblem } from "../../core/problems.ts";
import { parseSavedResult } from "../../core/report/index.ts";
import { CliError } from "../cli-error.ts";
import { type ReportFlags, rendererFor } from "./render-result.ts";
import { toOutput } from "./write-output.ts";

/** Files up to this size are read whole; longer ones (long tracker logs) only by their tail. */
const WHOLE_FILE_BYTES = 16 * 1024 * 1024;
/** How much of a long log's end is read to find its summary line. */
const TAIL_BYTES = 4 * 1024 * 1024;

/** Problems listed one by one; the rest are counted. */
const LISTED_PROBLEMS = 3;

const EXPECTED = "give a saved estimate (.json), a tracker log (.jsonl), or - for standard input";

const codeOf = (error: unknown): string =>
  error instanceof Error && "code" in error ? String(error.code) : "unreadable";

/** What was read, and whether only the tail of a long file was. */
interface SavedText {
  readonly text: string;
  readonly tailOnly: boolean;
}

/** Reads a file whole, or only its last TAIL_BYTES when it is long (a tracker log's summary is last). */
const readSaved = (file: string): SavedText => {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`report: cannot read "${file}" (${codeOf(error)}); ${EXPECTED}`, {
      code: "unreadable",
      cause: error,
    });
  }
  const fd = openSync(file, "r");
  try {
    const start = size > WHOLE_FILE_BYTES ? size - TAIL_BYTES : 0;
    const buffer = Buffer.alloc(size - start);
    readSync(fd, buffer, 0, buffer.length, start);
    const text = buffer.toString("utf8");
    return start === 0
      ? { text, tailOnly: false }
      : { text: text.slice(text.indexOf("\n") + 1), tailOnly: true };
  } finally {
    closeSync(fd);
  }
};

/** Reads standard input whole (a saved result or a log piped in), up to the same size as a file. */
const readStdin = async (open: (() => Readable) | undefined): Promise<SavedText> => {
  if (open === undefined) throw new CliError(`report: no standard input to read; ${EXPECTED}`);
  const stdin = open();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(bytes);
    size += bytes.length;
    // Keep the tail only: a long log's summary is its last line.
    while (size - (chunks[0]?.length ?? 0) > TAIL_BYTES && chunks.length > 1)
      size -= chunks.shift()?.length ?? 0;
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return size > WHOLE_FILE_BYTES
    ? { text: text.slice(text.indexOf("\n") + 1), tailOnly: true }
    : { text, tailOnly: false };
};

/** Whether a path is a directory (whose tracker logs are merged). */
export const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** `mlco2 report <file>`: renders a saved estimate or a tracker log's summary; returns stdout text. */
export const runReport = async (
  file: string,
  flags: ReportFlags & { output?: string },
  stdin?: () => Readable,
): Promise<string> => {
  const render = rendererFor(flags);
  const saved = file === "-" ? await readStdin(stdin) : readSaved(file);
  const outcome = parseSavedResult(saved.text);
  if (!outcome.ok) {
    if (saved.tailOnly)
      throw new CliError(
        `report: ${file}: over 16 MB and its last line is not a tracker summary; a saved estimate is far smaller, so ${EXPECTED}`,
        { code: outcome.problems[0].code },
      );
    const shown = outcome.problems.slice(0, LISTED_PROBLEMS);
    const lines = shown.map((problem) => `report: ${file}: ${formatProblem(problem)}`);
    const more = outcome.problems.length - shown.length;
    if (more > 0) lines.push(`report: ${file}: ${more} more problem${more === 1 ? "" : "s"}; ${EXPECTED}`);
    throw new CliError(lines.join("\n"), { code: outcome.problems[0].code });
  }
  return toOutput(render(outcome.value.result), flags.output);
};
