// Where each key of a TOML file sits, so that a problem found after parsing can say FILE:LINE. A light
// scan of the text (table headers and `key =` lines), enough for the files `mlco2 hpc init` writes.

/**
 * Line of each dotted key path (`partitions.gpu.cpu`, `nodes[0].match`), and of each table
 * (`partitions.gpu`, `nodes[0]`).
 */
export const keyLines = (text: string): Map<string, number> => {
  const lines = new Map<string, number>();
  const arrayCounts = new Map<string, number>();
  let table = "";
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const array = /^\[\[\s*([^\]]+?)\s*\]\]/.exec(line);
    const single = array === null ? /^\[\s*([^\]]+?)\s*\]/.exec(line) : null;
    if (array !== null) {
      const name = keyPath(array[1] as string);
      const index = arrayCounts.get(name) ?? 0;
      arrayCounts.set(name, index + 1);
      table = `${name}[${index}]`;
      lines.set(table, i + 1);
      return;
    }
    if (single !== null) {
      table = keyPath(single[1] as string);
      if (!lines.has(table)) lines.set(table, i + 1);
      return;
    }
    const key = /^("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=/.exec(line);
    if (key !== null) {
      const name = unquote(key[1] as string);
      const path = table === "" ? name : `${table}.${name}`;
      if (!lines.has(path)) lines.set(path, i + 1);
    }
  });
  return lines;
};

const unquote = (key: string): string =>
  key.startsWith('"') || key.startsWith("'") ? key.slice(1, -1) : key;

/** A header's dotted name with quoted parts unquoted: `partitions."gpu-a"` → `partitions.gpu-a`. */
const keyPath = (header: string): string =>
  (header.match(/"[^"]*"|'[^']*'|[^.\s]+/g) ?? []).map(unquote).join(".");

/** The line of `path`, else of its nearest table, else undefined. */
export const lineOf = (lines: ReadonlyMap<string, number>, path: string): number | undefined => {
  let at = path;
  while (at !== "") {
    const found = lines.get(at);
    if (found !== undefined) return found;
    const cut = Math.max(at.lastIndexOf("."), at.lastIndexOf("["));
    at = cut <= 0 ? "" : at.slice(0, cut);
  }
  return undefined;
};
