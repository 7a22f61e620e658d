import type { InstanceType } from "../data/types.ts";
import { indexOf } from "./dataset-index.ts";
import type { Outcome } from "./errors.ts";
import { failed, shownValue, succeeded, unknownName } from "./problems.ts";
import { closestNames } from "./suggest.ts";
import type { Dataset } from "./types.ts";

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

/** "provider:type" as the catalog spells it, e.g. "aws:p4d.24xlarge". */
export const instanceNameOf = (instance: InstanceType): string => `${instance.provider}:${instance.id}`;

const suggestionsFor = (dataset: Dataset, provider: string | null, type: string): string[] => {
  const candidates = dataset.instances.filter((i) => provider === null || i.provider === provider);
  const names = candidates.map((i) => i.id);
  return closestNames(type, names, 3).map((id) => {
    const found = candidates.find((i) => i.id === id);
    return found === undefined ? id : instanceNameOf(found);
  });
};

/**
 * The instance type named "provider:type" (provider ids and aliases as for regions; the type
 * case-insensitive), or the problem (code "unknown-instance" or "unknown-provider", path `path`) with
 * close names.
 *
 * @example
 * findInstance(dataset, "aws:p4d.24xlarge") // { ok: true, value: { accelerators: { hardware: "nvidia-a100-sxm4-40gb", count: 8 }, vcpus: 96, … } }
 * findInstance(dataset, "aws:p4d.24xlarg") // { ok: false, problems: [{ code: "unknown-instance", suggestions: ["aws:p4d.24xlarge", …], … }] }
 */
export const findInstance = (dataset: Dataset, query: string, path = "instance"): Outcome<InstanceType> => {
  const colon = query.indexOf(":");
  const type = (colon < 0 ? query : query.slice(colon + 1)).trim();
  if (colon < 0) {
    return failed([
      unknownName(
        "unknown-instance",
        path,
        { not: "not provider:type" },
        query,
        suggestionsFor(dataset, null, type),
        "; write it as aws:p4d.24xlarge, gcp:a3-highgpu-8g or azure:Standard_ND96isr_H100_v5",
      ),
    ]);
  }
  const providerText = query.slice(0, colon).trim().toLowerCase();
  const provider = indexOf(dataset).providerByKey.get(providerText);
  if (provider === undefined) {
    const known = [...new Set(dataset.instances.map((i) => i.provider))];
    return failed([
      unknownName(
        "unknown-provider",
        path,
        "provider",
        providerText,
        [],
        ` in ${shownValue(query)}; instance types are known for ${known.join(", ")}`,
      ),
    ]);
  }
  const found = instancesByKey(dataset).get(`${provider.id}:${type.toLowerCase()}`);
  if (found !== undefined) return succeeded(found);
  return failed([
    unknownName(
      "unknown-instance",
      path,
      `${provider.name} instance type`,
      type,
      suggestionsFor(dataset, provider.id, type),
      " (list them with mlco2 instances)",
    ),
  ]);
};
