// A small RFC 4180 CSV reader for the generators: quoted fields, "" escapes, CR/LF line ends, a BOM.

/**
 * Parses CSV text into rows of fields.
 * @param {string} text
 * @returns {string[][]}
 */
export const parseCsv = (text) => {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
};

/**
 * Parses CSV text with a header row into objects keyed by the trimmed header names.
 * @param {string} text
 * @returns {Record<string, string>[]}
 */
export const parseCsvRecords = (text) => {
  const [header, ...rows] = parseCsv(text);
  const names = (header ?? []).map((h) => h.replace(/\t/g, "").trim());
  return rows
    .filter((r) => r.length > 1 || (r[0] ?? "") !== "")
    .map((r) => Object.fromEntries(names.map((name, i) => [name, r[i] ?? ""])));
};
