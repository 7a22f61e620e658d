// Ranks catalog hardware against a free-text query, for `mlco2 hardware [query]` and the web page's
// search box: the entry `estimate --hardware` resolves the query to first, then entries whose words the
// query names whole, then by word prefix, then by substring. Pure; word lists are built once per dataset.
import type { HardwareEntry, HardwareKind } from "../data/types.ts";
import { findHardware } from "./dataset-index.ts";
import { normalizeName } from "./normalize-name.ts";
import type { Dataset } from "./types.ts";

/** How a query met a catalog entry, best first. */
export type HardwareMatchKind = "exact" | "whole" | "prefix" | "substring";

/** One ranked search result. */
export interface HardwareMatch {
  /** The catalog entry. */
  readonly entry: HardwareEntry;
  /** "exact": the resolver names it (what `estimate --hardware QUERY` uses); else the query's weakest word match. */
  readonly match: HardwareMatchKind;
}

/** Options of a search. */
export interface HardwareSearchOptions {
  /** Only entries of this kind. */
  readonly kind?: HardwareKind | undefined;
  /**
   * Search the dataset's generated hardware too (`dataset.lazyHardware`: thousands of CPUs), after the
   * hand-written catalog; default false (the catalog only, as the web page's search box).
   */
  readonly all?: boolean | undefined;
}

/** Query words beyond this many are ignored: no hardware name has more, and the cost stays linear. */
const MAX_WORDS = 12;
/** Query characters beyond this many are ignored for the same reason. */
const MAX_CHARS = 200;

/** An entry's words and lookup keys, prepared once. */
interface Searchable {
  readonly entry: HardwareEntry;
  /** Catalog position, the last tie-breaker. */
  readonly order: number;
  /** Every word of the id, name, vendor and aliases. */
  readonly words: ReadonlySet<string>;
  /** The name and each alias as word lists (for how much of one spelling the query covers). */
  readonly spellings: readonly (readonly string[])[];
  /** Normalised id, name and aliases (for substring matches across word boundaries). */
  readonly keys: readonly string[];
}

/** Lower-case words: letters and digits, split on everything else ("A100-SXM4-80GB" → a100 sxm4 80gb). */
const wordsOf = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");

const prepared = new WeakMap<Dataset, readonly Searchable[]>();
const preparedAll = new WeakMap<Dataset, readonly Searchable[]>();

const searchable = (entry: HardwareEntry, order: number): Searchable => {
  const texts = [entry.name, ...entry.aliases];
  return {
    entry,
    order,
    words: new Set([entry.id, entry.vendor, ...texts].flatMap(wordsOf)),
    spellings: texts.map(wordsOf),
    keys: [entry.id, ...texts].map(normalizeName),
  };
};

const searchableOf = (dataset: Dataset, all: boolean): readonly Searchable[] => {
  const cache = all ? preparedAll : prepared;
  let list = cache.get(dataset);
  if (list === undefined) {
    const catalog = all ? searchableOf(dataset, false) : dataset.hardware.map(searchable);
    const more = all ? (dataset.lazyHardware?.all() ?? []) : [];
    list =
      more.length === 0 ? catalog : [...catalog, ...more.map((e, i) => searchable(e, catalog.length + i))];
    cache.set(dataset, list);
  }
  return list;
};

/** A number followed by a unit only ("80" meets "80gb"): the query names the whole word. */
const numberWithUnit = (word: string, queryWord: string): boolean =>
  /^\d+$/.test(queryWord) && word.startsWith(queryWord) && /^[a-z]+$/.test(word.slice(queryWord.length));

/** 3 whole word, 2 word prefix, 1 substring of a spelling, 0 no match. */
const wordLevel = (item: Searchable, queryWord: string): number => {
  if (item.words.has(queryWord)) return 3;
  let level = 0;
  for (const word of item.words) {
    if (numberWithUnit(word, queryWord)) return 3;
    if (word.startsWith(queryWord)) level = 2;
  }
  if (level > 0) return level;
  return item.keys.some((key) => key.includes(queryWord)) ? 1 : 0;
};

/** The largest share of one spelling's words that the query names (whole or by prefix). */
const coverage = (item: Searchable, queryWords: readonly string[]): number => {
  let best = 0;
  for (const spelling of item.spellings) {
    if (spelling.length === 0) continue;
    const named = spelling.filter((word) =>
      queryWords.some((q) => word === q || word.startsWith(q) || numberWithUnit(word, q)),
    ).length;
    best = Math.max(best, named / spelling.length);
  }
  return best;
};

interface Scored {
  readonly item: Searchable;
  readonly exact: boolean;
  readonly score: number;
  readonly weakest: number;
  readonly coverage: number;
}

const LEVEL_KIND: Record<number, HardwareMatchKind> = { 1: "substring", 2: "prefix", 3: "whole" };

const scoreOf = (
  item: Searchable,
  queryWords: readonly string[],
  joined: string,
  exact: HardwareEntry | undefined,
): Scored | undefined => {
  const isExact = item.entry === exact;
  let score = 0;
  let weakest = 3;
  for (const q of queryWords) {
    const level = wordLevel(item, q);
    score += level;
    weakest = Math.min(weakest, level);
  }
  if (weakest === 0) {
    // Words glued or split differently ("h100sxm", "a 100"): the whole query inside one spelling.
    if (!isExact && (joined === "" || !item.keys.some((key) => key.includes(joined)))) return undefined;
    score = queryWords.length;
    weakest = 1;
  }
  return { item, exact: isExact, score, weakest, coverage: coverage(item, queryWords) };
};

/** Best first: exact, then score, then the share of a spelling covered, then higher TDP, then catalog order. */
const better = (a: Scored, b: Scored): number =>
  Number(b.exact) - Number(a.exact) ||
  b.score - a.score ||
  b.coverage - a.coverage ||
  b.item.entry.tdpW - a.item.entry.tdpW ||
  a.item.order - b.item.order;

/**
 * Catalog entries matching a query (id, name, vendor or alias; case, spacing and punctuation forgiven),
 * best first. The entry the query names exactly (what `estimate --hardware QUERY` uses) comes first; then
 * entries whose words the query names whole ("80" names "80GB"), then by word prefix ("mi300" →
 * MI300X), then by substring ("m2" inside "SXM2"). Among equal matches the entry whose name or alias the
 * query covers most wins, then the higher TDP (a vague query does not understate the estimate). An
 * empty query lists the catalog in order. With `all`, the generated hardware (thousands of CPUs) is
 * searched too, after the catalog.
 *
 * @example
 * searchHardware(dataset, "H100")[0]?.entry.id    // "nvidia-h100-sxm" (as `--hardware H100`)
 * searchHardware(dataset, "a100 80")[0]?.entry.id // "nvidia-a100-sxm4-80gb"
 * searchHardware(dataset, "qqq")                  // []
 */
export const searchHardware = (
  dataset: Dataset,
  query: string,
  options: HardwareSearchOptions = {},
): HardwareMatch[] => {
  const { kind } = options;
  const items = searchableOf(dataset, options.all === true).filter(
    (item) => kind === undefined || item.entry.kind === kind,
  );
  const text = query.slice(0, MAX_CHARS);
  const queryWords = [...new Set(wordsOf(text))].slice(0, MAX_WORDS);
  if (queryWords.length === 0) return items.map((item) => ({ entry: item.entry, match: "whole" }));
  const exact = findHardware(dataset, text);
  const joined = normalizeName(text);
  const scored: Scored[] = [];
  for (const item of items) {
    const s = scoreOf(item, queryWords, joined, exact);
    if (s !== undefined) scored.push(s);
  }
  return scored
    .sort(better)
    .map((s) => ({ entry: s.item.entry, match: s.exact ? "exact" : (LEVEL_KIND[s.weakest] ?? "substring") }));
};

/**
 * The best catalog match for a query, or undefined when nothing matches.
 *
 * @example
 * bestHardwareMatch(dataset, "mi300")?.name // "AMD Instinct MI300X"
 */
export const bestHardwareMatch = (
  dataset: Dataset,
  query: string,
  options: HardwareSearchOptions = {},
): HardwareEntry | undefined => searchHardware(dataset, query, options)[0]?.entry;
