import { closeSync, openSync, writeSync } from "node:fs";

/** A JSON Lines log written line by line with a synchronous write, so a killed tracker leaves whole lines. */
export interface JsonlLog {
  /** Appends one record as one line. */
  write(record: unknown): void;
  /** Closes the file. */
  close(): void;
}

/** Opens (truncates) a JSONL log; throws the fs error when the path cannot be written. */
export const openJsonlLog = (path: string): JsonlLog => {
  let fd: number | null = openSync(path, "w");
  return {
    write(record) {
      if (fd !== null) writeSync(fd, `${JSON.stringify(record)}\n`);
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
};

/** Reads a tracker log back: every complete line parsed, a torn last line ignored. */
export const parseJsonlLog = (text: string): unknown[] => {
  const records: unknown[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      // a line cut by a kill: skipped
    }
  }
  return records;
};
