// Filters the cloud instance types by a free-text query, for `mlco2 instances [query]` and the web
// page's instance search box: every word of the query must appear in the type's name, its CPU family or
// its accelerator's catalog id, spacing, case and punctuation forgiven. Catalog order is kept.
import type { InstanceType } from "../data/types.ts";
import { instanceNameOf } from "./find-instance.ts";
import { normalizeName } from "./normalize-name.ts";
import type { Dataset } from "./types.ts";

/** Query characters beyond this many are ignored: no instance name is longer, and the cost stays linear. */
const MAX_CHARS = 200;

/** True when every word of the query (or the whole query) appears in one of the texts. */
const matches = (query: string, texts: readonly string[]): boolean => {
  const words = query
    .split(/\s+/)
    .map(normalizeName)
    .filter((w) => w.length > 0);
  const joined = normalizeName(query);
  const keys = texts.map(normalizeName);
  return keys.some((k) => k.includes(joined)) || words.every((w) => keys.some((k) => k.includes(w)));
};

/**
 * The instance types of `provider` (every provider when undefined) that the query names, in catalog
 * order; an empty query names them all.
 *
 * @example
 * searchInstances(dataset, "a100 80", "aws").map(instanceNameOf) // ["aws:p4de.24xlarge"]
 * searchInstances(dataset, "h100").length // AWS, Google Cloud and Azure types with H100s
 */
export const searchInstances = (
  dataset: Dataset,
  query: string,
  provider?: string,
): readonly InstanceType[] => {
  const text = query.slice(0, MAX_CHARS);
  return dataset.instances.filter(
    (i) =>
      (provider === undefined || i.provider === provider) &&
      (text.trim() === "" || matches(text, [instanceNameOf(i), i.cpuFamily, i.accelerators?.hardware ?? ""])),
  );
};
