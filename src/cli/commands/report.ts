import { closeSync, openSync, readSync, statSync } from "node:fs";
import { parseSavedResult } from "../../core/report/index.ts";
import { CliError } from "../cli-error.ts";
import { type ReportFlags, rendererFor } from "./render-result.ts";
import { toOutput } from "./write-output.ts";

/** Files up to this size are read whole; longer ones (long tracker logs) only by their tail. */
const WHOLE_FILE_BYTES = 16 * 1024 * 1024;
/** How much of a long log's end is read to find its summary line. */
const TAIL_BYTES = 4 * 1024 * 1024;

/** Reads a file whole, or only its last TAIL_BYTES when it is long (a tracker log's summary is last). */
const readSaved = (file: string): string => {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
    throw new CliError(
      `report: cannot read "${file}" (${reason}); give a saved estimate (.json) or a tracker log (.jsonl)`,
    );
  }
  try {
    const size = statSync(file).size;
    const start = size > WHOLE_FILE_BYTES ? size - TAIL_BYTES : 0;
    const buffer = Buffer.alloc(size - start);
    readSync(fd, buffer, 0, buffer.length, start);
    const text = buffer.toString("utf8");
    return start === 0 ? text : text.slice(text.indexOf("\n") + 1);
  } finally {
    closeSync(fd);
  }
};

/** `mlco2 report <file>`: renders a saved estimate or a tracker log's summary; returns stdout text. */
export const runReport = (file: string, flags: ReportFlags & { output?: string }): string => {
  const render = rendererFor(flags);
  const outcome = parseSavedResult(readSaved(file));
  if (!outcome.ok) throw new CliError(`report: ${file}: ${outcome.message}`);
  return toOutput(render(outcome.value), flags.output);
};
