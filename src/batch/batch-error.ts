/** Why a batch file cannot be priced at all (its header, not one of its rows). */
export type BatchErrorCode =
  /** The file holds nothing but blank lines (or nothing at all). */
  | "empty-file"
  /** The header names none of the input columns. */
  | "no-known-column"
  /** The header names an input column twice. */
  | "duplicate-column"
  /** The header record cannot be read (an unclosed quote, or longer than a record may be). */
  | "unreadable-header";

/**
 * A batch file that cannot be priced at all. Its message has no file name and no command wording;
 * callers word it from `code` (and `column` for a duplicate column).
 *
 * @example
 * try { await runBatch(options) } catch (e) { if (e instanceof BatchError) console.log(e.code) }
 */
export class BatchError extends Error {
  /** What is wrong, for programs. */
  readonly code: BatchErrorCode;
  /** The column named twice (code "duplicate-column"). */
  readonly column: string | undefined;

  constructor(code: BatchErrorCode, message: string, column?: string) {
    super(message);
    this.name = "BatchError";
    this.code = code;
    this.column = column;
  }
}
