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

/** Number of `"` in a text. */
export const countQuotes = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  return n;
};
