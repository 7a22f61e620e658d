/** One CSV record: its fields, its text as read (without the line break) and the line it starts on. */
export type RecordHandler = (fields: string[], raw: string, line: number) => void;

/** Splits one complete record that contains quotes (RFC 4180: "" inside quotes is a quote). */
export const splitQuoted = (record: string): string[] => {
  const fields: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < record.length) {
    const c = record[i] as string;
    if (quoted) {
      if (c === '"') {
        if (record[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else field += c;
    i++;
  }
  fields.push(field);
  return fields;
};

const countQuotes = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  return n;
};

/** An incremental CSV reader: feed it text chunks of any size; it calls back once per record. */
export interface CsvRecords {
  /** Parses what the chunk completes; keeps an unfinished line (or quoted field) for the next one. */
  readonly push: (chunk: string) => void;
  /** Flushes the last record; returns false when the file ends inside a quoted field. */
  readonly end: () => boolean;
  /** Line number where the unfinished record started (for the error message). */
  readonly pendingLine: () => number;
}

/**
 * Creates an incremental CSV reader: LF or CRLF line breaks, quoted fields with commas, quotes and line
 * breaks, a leading byte-order mark dropped, blank lines skipped. Lines without a quote take a fast
 * path (`split(",")`).
 */
export const csvRecords = (onRecord: RecordHandler): CsvRecords => {
  let carry = "";
  let line = 0; // lines consumed so far
  let pending: string | null = null; // a record inside a quoted field, continued on the next line
  let pendingQuotes = 0;
  let pendingStart = 0;
  let first = true;

  const take = (text: string): void => {
    line++;
    if (pending !== null) {
      pending += `\n${text}`;
      pendingQuotes += countQuotes(text);
      if (pendingQuotes % 2 === 0) {
        const record = pending;
        pending = null;
        onRecord(splitQuoted(record), record, pendingStart);
      }
      return;
    }
    if (text.length === 0) return;
    if (text.indexOf('"') === -1) {
      onRecord(text.split(","), text, line);
      return;
    }
    const quotes = countQuotes(text);
    if (quotes % 2 === 0) onRecord(splitQuoted(text), text, line);
    else {
      pending = text;
      pendingQuotes = quotes;
      pendingStart = line;
    }
  };

  const push = (chunk: string): void => {
    let text = carry.length === 0 ? chunk : carry + chunk;
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    let nl = text.indexOf("\n");
    while (nl !== -1) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      take(text.slice(start, end));
      start = nl + 1;
      nl = text.indexOf("\n", start);
    }
    carry = text.slice(start);
  };

  const end = (): boolean => {
    if (carry.length > 0) {
      const last = carry.charCodeAt(carry.length - 1) === 13 ? carry.slice(0, -1) : carry;
      carry = "";
      take(last);
    }
    return pending === null;
  };

  return { push, end, pendingLine: () => pendingStart };
};
