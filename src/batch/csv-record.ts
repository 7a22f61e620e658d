// Reading one CSV record from bytes: where it ends, and its fields. The block cutter (record-blocks.ts)
// and the pricer (block-pricer.ts) use the same rules, so they always agree on where records begin.
//
// Rules (RFC 4180, read leniently):
// - A quote opens a quoted field only at the start of a field (after a comma or at the start of the
//   record). Elsewhere it is an ordinary character: `24" screen` is read as written.
// - Inside a quoted field, `""` is a quote and line breaks belong to the field (kept byte for byte,
//   CRLF included); the next lone quote closes it. Text after the closing quote, up to the comma, is kept.
// - Bounds: a record may span at most RECORD_MAX_LINES lines and hold at most RECORD_MAX_BYTES bytes.
//   A quoted field still open past either bound, or at the end of the file, is an unclosed quote: the
//   record is refused and reading resumes on the line after its first line. A single line longer than
//   RECORD_MAX_BYTES is refused whole. Memory stays bounded whatever the file holds.

/** The most physical lines one record may span (a quoted field with line breaks). */
export const RECORD_MAX_LINES = 100;
/** The most bytes one record may hold (1 MiB; its final line break not counted). */
export const RECORD_MAX_BYTES = 1 << 20;

/** {@link recordEnd}: the bytes ran out inside a quoted field. */
export const OPEN = -1;
/** {@link recordEnd}: the bytes ran out outside quotes, before a line break. */
export const UNTERMINATED = -2;
/** {@link recordEnd}: a record spans more lines or bytes than allowed (a quoted field left open). */
export const UNCLOSED = -3;
/** {@link recordEnd}: the record's first line is longer than a record may be. */
export const TOO_LONG = -4;

const NEWLINE = 10;
const COMMA = 44;
const QUOTE = 34;

/**
 * Where the record starting at `s` ends: the index of its line break (LF, outside quotes), or
 * OPEN, UNTERMINATED, UNCLOSED or TOO_LONG. Reads `b` only below `limit`.
 */
export const recordEnd = (b: Uint8Array, s: number, limit: number): number => {
  const stop = Math.min(limit, s + RECORD_MAX_BYTES + 1);
  // Most records have no quote: find the line break, and read quotes only when there is one.
  let plain = s;
  for (; plain < stop; plain++) {
    const c = b[plain];
    if (c === NEWLINE) return plain;
    if (c === QUOTE) break;
  }
  if (plain === stop) return stop < limit ? TOO_LONG : UNTERMINATED;
  let lines = 1;
  let quoted = false;
  let fieldStart = true;
  let i = s;
  for (; i < stop; i++) {
    const c = b[i] as number;
    if (quoted) {
      if (c === QUOTE) {
        if (i + 1 < limit && b[i + 1] === QUOTE) i++;
        else quoted = false;
      } else if (c === NEWLINE && ++lines > RECORD_MAX_LINES) return UNCLOSED;
      continue;
    }
    if (c === NEWLINE) return i;
    if (c === COMMA) fieldStart = true;
    else {
      if (c === QUOTE && fieldStart) quoted = true;
      fieldStart = false;
    }
  }
  if (i < limit) return lines === 1 ? TOO_LONG : UNCLOSED;
  return quoted ? OPEN : UNTERMINATED;
};

/** Line breaks (LF) in `b` from `s` up to `e`. */
export const lineBreaksIn = (b: Uint8Array, s: number, e: number): number => {
  let n = 0;
  for (let i = b.indexOf(NEWLINE, s); i !== -1 && i < e; i = b.indexOf(NEWLINE, i + 1)) n++;
  return n;
};

/** The fields of one complete record (see the rules above); quotes of quoted fields removed. */
export const splitFields = (record: string): string[] => {
  const fields: string[] = [];
  const n = record.length;
  let i = 0;
  for (;;) {
    let field = "";
    if (record.charCodeAt(i) === QUOTE) {
      let from = i + 1;
      for (i = from; i < n; i++) {
        if (record.charCodeAt(i) !== QUOTE) continue;
        if (record.charCodeAt(i + 1) !== QUOTE) break;
        field += record.slice(from, i + 1);
        i++;
        from = i + 1;
      }
      field += record.slice(from, i);
      i++;
    }
    const comma = record.indexOf(",", i);
    const end = comma === -1 ? n : comma;
    if (i < end) field += record.slice(i, end);
    fields.push(field);
    if (comma === -1) return fields;
    i = comma + 1;
  }
};
