// Reads a tracker JSONL log back for uploading: its start line, its sample lines numbered in order (seq =
// place among the sample lines, 0-based), and its summary. Streams the file, keeping only what is asked.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/** A sample line as written (raw JSON text) with its number. */
export interface NumberedLine {
  /** 0-based place among the log's sample lines. */
  readonly seq: number;
  /** The line's JSON text. */
  readonly raw: string;
}

/** What was read. */
export interface LogRead {
  /** The start line's JSON text (null when the log has none). */
  readonly startRaw: string | null;
  /** The start line's runId (the log's id), when it has one. */
  readonly logId: string | null;
  /** The start line, parsed. */
  readonly start: Record<string, unknown> | null;
  /** Sample lines with seq > `after`, at most `max` of them. */
  readonly samples: NumberedLine[];
  /** How many sample lines the log holds. */
  readonly sampleCount: number;
  /** The summary line's JSON text (null when the run has not ended). */
  readonly summaryRaw: string | null;
}

const typeOf = (line: string): string | null => {
  const match = /^\{"type":"(start|sample|summary)"/.exec(line);
  if (match !== null) return match[1] as string;
  try {
    const value = JSON.parse(line) as { type?: unknown };
    return typeof value.type === "string" ? value.type : null;
  } catch {
    return null; // a line cut by a kill
  }
};

const parses = (line: string): boolean => {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
};

/** Reads `path`: the start, sample lines after seq `after` (at most `max`), the count and the summary. */
export const readLog = async (path: string, after: number, max: number): Promise<LogRead> => {
  let startRaw: string | null = null;
  let summaryRaw: string | null = null;
  let count = 0;
  const samples: NumberedLine[] = [];
  const lines = createInterface({
    input: createReadStream(path, { encoding: "utf8" }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const text of lines) {
    const line = text.trim();
    if (line === "") continue;
    const type = typeOf(line);
    if (type === "sample") {
      if (!parses(line)) continue;
      const seq = count++;
      if (seq > after && samples.length < max) samples.push({ seq, raw: line });
    } else if (type === "start" && startRaw === null) startRaw = line;
    else if (type === "summary" && parses(line)) summaryRaw = line;
  }
  const start = startRaw === null ? null : (JSON.parse(startRaw) as Record<string, unknown>);
  const logId = typeof start?.runId === "string" ? start.runId : null;
  return { startRaw, logId, start, samples, sampleCount: count, summaryRaw };
};
