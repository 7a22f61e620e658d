// Slurm's compressed host lists: `gpu[001-004]`, `node[1-3,7],login01`, `r[01-02]n[1-2]`.

/** Expands a host list into names, at most `limit`; null when it is not a host list or is longer. */
export const expandNodeList = (text: string, limit = 100_000): string[] | null => {
  const names: string[] = [];
  for (const part of topLevelParts(text)) {
    if (part === "") return null;
    const expanded = expandOne(part, limit - names.length);
    if (expanded === null) return null;
    for (const name of expanded) names.push(name);
  }
  return names;
};

/** Splits on commas outside brackets. */
const topLevelParts = (text: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "[") depth++;
    else if (c === "]") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
};

/** Expands one host expression (brackets may repeat: `r[1-2]n[1-2]`). */
const expandOne = (part: string, limit: number): string[] | null => {
  const open = part.indexOf("[");
  if (open === -1) return /^[\w.-]+$/.test(part) ? [part] : null;
  const close = part.indexOf("]", open);
  if (close === -1) return null;
  const prefix = part.slice(0, open);
  const rest = part.slice(close + 1);
  const suffixes = rest === "" ? [""] : expandOne(rest, limit);
  if (suffixes === null) return null;
  const names: string[] = [];
  for (const range of part.slice(open + 1, close).split(",")) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(range);
    if (m === null) return null;
    const from = m[1] as string;
    const to = m[2] ?? from;
    const width = from.length;
    const a = Number(from);
    const b = Number(to);
    if (b < a) return null;
    for (let n = a; n <= b; n++) {
      for (const suffix of suffixes) {
        if (names.length >= limit) return null;
        names.push(`${prefix}${String(n).padStart(width, "0")}${suffix}`);
      }
    }
  }
  return names;
};
