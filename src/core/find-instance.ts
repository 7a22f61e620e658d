import type { InstanceType } from "../data/types.ts";
import { indexOf } from "./dataset-index.ts";
import { closestNames } from "./suggest.ts";
import type { Dataset } from "./types.ts";

/** Why an instance type was not found; the message names the value and what is allowed, not the field. */
export type InstanceLookup =
  | { readonly ok: true; readonly value: InstanceType }
  | {
      readonly ok: false;
      readonly code: "not-qualified" | "unknown-provider" | "unknown-instance";
      readonly message: string;
      /** "provider:type" names close to the query ("did you mean"). */
      readonly suggestions: readonly string[];
    };

const byDataset = new WeakMap<Dataset, ReadonlyMap<string, InstanceType>>();

/** Instance types by lower-case "provider:type". */
const instancesByKey = (dataset: Dataset): ReadonlyMap<string, InstanceType> => {
  let map = byDataset.get(dataset);
  if (map === undefined) {
    map = new Map(dataset.instances.map((i) => [`${i.provider}:${i.id.toLowerCase()}`, i]));
    byDataset.set(dataset, map);
  }
  return map;
};

const nameOf = (instance: InstanceType): string => `${instance.provider}:${instance.id}`;

const suggestionsFor = (dataset: Dataset, provider: string | null, type: string): string[] => {
  const candidates = dataset.instances.filter((i) => provider === null || i.provider === provider);
  const names = candidates.map((i) => i.id);
  return closestNames(type, names, 3).map((id) => {
    const found = candidates.find((i) => i.id === id);
    return found === undefined ? id : nameOf(found);
  });
};

/**
 * The instance type named "provider:type" (provider ids and aliases as for regions; the type
 * case-insensitive), or why not with close names.
 *
 * @example
 * findInstance(dataset, "aws:p4d.24xlarge") // { ok: true, value: { accelerators: { hardware: "nvidia-a100-sxm4-40gb", count: 8 }, vcpus: 96, … } }
 * findInstance(dataset, "aws:p4d.24xlarg") // { ok: false, code: "unknown-instance", suggestions: ["aws:p4d.24xlarge", …] }
 */
export const findInstance = (dataset: Dataset, query: string): InstanceLookup => {
  const colon = query.indexOf(":");
  const type = (colon < 0 ? query : query.slice(colon + 1)).trim();
  if (colon < 0) {
    const suggestions = suggestionsFor(dataset, null, type);
    return {
      ok: false,
      code: "not-qualified",
      message: `"${query}" names no provider; write provider:type, e.g. aws:p4d.24xlarge${suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(", ")}?` : ""}`,
      suggestions,
    };
  }
  const providerText = query.slice(0, colon).trim().toLowerCase();
  const provider = indexOf(dataset).providerByKey.get(providerText);
  if (provider === undefined) {
    const known = [...new Set(dataset.instances.map((i) => i.provider))];
    return {
      ok: false,
      code: "unknown-provider",
      message: `unknown provider "${providerText}" in "${query}"; instance types are known for ${known.join(", ")}`,
      suggestions: [],
    };
  }
  const found = instancesByKey(dataset).get(`${provider.id}:${type.toLowerCase()}`);
  if (found !== undefined) return { ok: true, value: found };
  const suggestions = suggestionsFor(dataset, provider.id, type);
  return {
    ok: false,
    code: "unknown-instance",
    message: `unknown ${provider.name} instance type "${type}"${suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(", ")}?` : ""}`,
    suggestions,
  };
};
