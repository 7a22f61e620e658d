import { normalizeName, withoutVendorPrefix } from "./normalize-name.ts";

/** Edit distance with adjacent transpositions (optimal string alignment), used only on the error path. */
export const editDistance = (a: string, b: string): number => {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const up = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
};

/** Characters of each name the edit distance compares at most (bounds its cost). */
export const COMPARED_MAX = 64;

const cappedDistance = (a: string, b: string): number =>
  editDistance(a.slice(0, COMPARED_MAX), b.slice(0, COMPARED_MAX));

/**
 * The candidates closest to `query`: those containing it (or contained in it) first, then by edit
 * distance on normalised names. Returns at most `limit` display strings.
 */
export const closestNames = (query: string, candidates: readonly string[], limit = 3): string[] => {
  const q = normalizeName(query);
  if (q.length === 0) return [];
  const bareQuery = withoutVendorPrefix(q) ?? q;
  const threshold = Math.max(2, Math.ceil(bareQuery.length * 0.4));
  const scored = candidates.map((candidate) => {
    const full = normalizeName(candidate);
    const c = withoutVendorPrefix(full) ?? full;
    const contains = c.includes(bareQuery) || (bareQuery.includes(c) && c.length >= bareQuery.length * 0.6);
    // The distance is at least the difference in length: past the threshold it cannot matter, so a
    // long query costs no quadratic work. Compared strings are cut to COMPARED_MAX characters.
    const far =
      Math.abs(q.length - full.length) > threshold && Math.abs(bareQuery.length - c.length) > threshold;
    const distance =
      far && !contains ? threshold + 1 : Math.min(cappedDistance(q, full), cappedDistance(bareQuery, c));
    return { candidate, score: contains ? distance - 1000 : distance, distance, contains };
  });
  return scored
    .filter((s) => s.contains || s.distance <= threshold)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((s) => s.candidate)
    .filter((value, index, all) => all.indexOf(value) === index);
};
