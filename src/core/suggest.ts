import { normalizeName } from "./normalize-name.ts";

/** Edit distance between two strings (Levenshtein), used only on the error path. */
export const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
};

/**
 * The candidates closest to `query`: those containing it (or contained in it) first, then by edit
 * distance on normalised names. Returns at most `limit` display strings.
 */
export const closestNames = (query: string, candidates: readonly string[], limit = 3): string[] => {
  const q = normalizeName(query);
  if (q.length === 0) return [];
  const scored = candidates.map((candidate) => {
    const c = normalizeName(candidate);
    const contains = c.includes(q) || q.includes(c);
    const distance = editDistance(q, c);
    return { candidate, score: contains ? distance - 1000 : distance, distance, contains };
  });
  const threshold = Math.max(2, Math.ceil(q.length * 0.5));
  return scored
    .filter((s) => s.contains || s.distance <= threshold)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((s) => s.candidate)
    .filter((value, index, all) => all.indexOf(value) === index);
};
