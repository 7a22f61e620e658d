import { writeFileSync } from "node:fs";
import { CliError } from "../cli-error.ts";

/**
 * Writes `text` to the `--output` file and returns "" (nothing left for stdout), or returns `text`
 * unchanged when no file was named.
 */
export const toOutput = (text: string, output: string | undefined): string => {
  if (output === undefined) return text;
  try {
    writeFileSync(output, text);
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "write failed";
    throw new CliError(`--output: cannot write "${output}" (${reason}); use a writable file path`, {
      code: "write-failed",
      cause: error,
    });
  }
  return "";
};
