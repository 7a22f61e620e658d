import { normalizeName, withoutVendorPrefix } from "./normalize-name.ts";

/** Characters of a query compared at most: a 100 KB name costs no more than a 64-character one. */
export const COMPARED_MAX = 64;

/** Edit distance with adjacent transpositions (optimal string alignment), used only on the error path. */
export const editDistance = (a: string, b: string): number => {
  const width = b.length + 1;
  let before = new Int32Array(width); // row i - 2
  let previous = new Int32Array(width); // row i - 1
  let current = new Int32Array(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j < width; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (before[j - 2] as number) + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] as number;
};

/** A candidate's normalised forms, computed once per candidate list. */
interface Prepared {
  readonly candidate: string;
  readonly full: string;
  readonly bare: string;
}

const preparedLists = new WeakMap<readonly string[], readonly Prepared[]>();

const prepare = (candidates: readonly string[]): readonly Prepared[] => {
  let list = preparedLists.get(candidates);
  if (list === undefined) {
    list = candidates.map((candidate) => {
      const full = normalizeName(candidate);
      return { candidate, full, bare: withoutVendorPrefix(full) ?? full };
    });
    preparedLists.set(candidates, list);
  }
  return list;
};

/** Answers remembered per candidate list and query (bounded: queries are user input). */
const answers = new WeakMap<readonly string[], Map<string, string[]>>();
const ANSWERS_MAX = 1000;

/**
 * The candidates closest to `query`: those containing it (or contained in it) first, then by edit
 * distance on normalised names. Returns at most `limit` display strings. Only the first
 * {@link COMPARED_MAX} characters of the query count, and answers are remembered, so a batch of rows
 * with the same unknown name pays once.
 */
export const closestNames = (query: string, candidates: readonly string[], limit = 3): string[] => {
  const q = normalizeName(query.slice(0, COMPARED_MAX * 2)).slice(0, COMPARED_MAX);
  if (q.length === 0) return [];
  const key = `${limit}\u0000${q}`;
  let remembered = answers.get(candidates);
  const known = remembered?.get(key);
  if (known !== undefined) return [...known];
  const found = rank(q, prepare(candidates), limit);
  if (remembered === undefined) {
    remembered = new Map();
    answers.set(candidates, remembered);
  }
  if (remembered.size >= ANSWERS_MAX) remembered.clear();
  remembered.set(key, found);
  return [...found];
};

const rank = (q: string, candidates: readonly Prepared[], limit: number): string[] => {
  const bareQuery = withoutVendorPrefix(q) ?? q;
  const threshold = Math.max(2, Math.ceil(bareQuery.length * 0.4));
  const scored: { candidate: string; score: number }[] = [];
  for (const { candidate, full, bare } of candidates) {
    const contains =
      bare.includes(bareQuery) || (bareQuery.includes(bare) && bare.length >= bareQuery.length * 0.6);
    // The distance is at least the difference in length: skip what cannot be close enough.
    const reachable =
      Math.abs(q.length - full.length) <= threshold || Math.abs(bareQuery.length - bare.length) <= threshold;
    if (!contains && !reachable) continue;
    const distance = Math.min(editDistance(q, full), editDistance(bareQuery, bare));
    if (contains || distance <= threshold)
      scored.push({ candidate, score: contains ? distance - 1000 : distance });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((s) => s.candidate)
    .filter((value, index, all) => all.indexOf(value) === index);
};
