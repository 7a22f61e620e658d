import { closeSync, fstatSync, ftruncateSync, openSync, unlinkSync, writeSync } from "node:fs";
import { type TrackerError, unwritable } from "./tracker-error.ts";

/** A JSON Lines log written line by line with a synchronous write, so a killed tracker leaves whole lines. */
export interface JsonlLog {
  /** Appends one record as one line; after a failed write, does nothing (see {@link JsonlLog.error}). */
  write(record: unknown): void;
  /** The write error that stopped the log, if any. */
  error(): TrackerError | null;
  /** Closes the file. */
  close(): void;
}

/** The file operations a log needs (tests pass one whose disk fills up). */
export interface LogFile {
  /** Writes some bytes at the end; returns how many were written (throws on error). */
  write(data: Uint8Array): number;
  /** Cuts the file back to `length` bytes (after a failed write). */
  truncate(length: number): void;
  /** Closes it; `discard` removes it too if opening created it (a log that holds nothing). */
  close(discard: boolean): void;
}

/** Opens (truncates) a file for a log: a regular file, or a device or pipe that cannot be cut back. */
export const openLogFile = (path: string): LogFile => {
  let created = true;
  let fd: number;
  try {
    fd = openSync(path, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    created = false;
    fd = openSync(path, "w");
  }
  const regular = fstatSync(fd).isFile();
  return {
    write: (data) => writeSync(fd, data),
    truncate: (length) => {
      if (regular) ftruncateSync(fd, length);
    },
    close: (discard) => {
      closeSync(fd);
      if (discard && created && regular) unlinkSync(path);
    },
  };
};

/** Options of {@link openJsonlLog}. */
export interface JsonlLogOptions {
  /** Called once, with the first write error (a full disk): the log stops there, whole lines kept. */
  readonly onError?: (error: TrackerError) => void;
  /** Opens the file (default {@link openLogFile}). */
  readonly open?: (path: string) => LogFile;
}

/**
 * Opens (truncates) a JSONL log; throws a {@link TrackerError} when the path cannot be opened. A write that
 * fails later never throws: the cut line is removed, the error is reported once, and later lines are dropped.
 * A log this call created that holds no line when closed (the disk was full from the start) is removed.
 */
export const openJsonlLog = (path: string, options: JsonlLogOptions = {}): JsonlLog => {
  let file: LogFile | null;
  try {
    file = (options.open ?? openLogFile)(path);
  } catch (error) {
    throw unwritable("log", path, error);
  }
  let length = 0;
  let failure: TrackerError | null = null;
  return {
    write(record) {
      if (file === null || failure !== null) return;
      const data = Buffer.from(`${JSON.stringify(record)}\n`);
      try {
        for (let done = 0; done < data.length; ) {
          const written = file.write(data.subarray(done));
          if (written <= 0) throw Object.assign(new Error("ENOSPC: nothing written"), { code: "ENOSPC" });
          done += written;
        }
        length += data.length;
      } catch (error) {
        failure = unwritable("log", path, error);
        try {
          file.truncate(length);
        } catch {
          // a cut last line stays; readers skip it
        }
        options.onError?.(failure);
      }
    },
    error: () => failure,
    close() {
      try {
        file?.close(length === 0);
      } catch {
        // closing or removing an empty log is best effort
      }
      file = null;
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
