import type { CloudRegion, SourcedValue } from "../data/types.ts";
import { indexOf } from "./dataset-index.ts";
import type { Dataset } from "./types.ts";

/** Published PUE of a region: its own, else its provider's fleet value, else undefined. */
export const publishedPueOf = (
  dataset: Dataset,
  region: CloudRegion,
): { readonly value: SourcedValue; readonly scope: "region" | "provider" } | undefined => {
  if (region.pue !== undefined) return { value: region.pue, scope: "region" };
  const provider = indexOf(dataset).providerByKey.get(region.provider);
  if (provider?.pue !== undefined) return { value: provider.pue, scope: "provider" };
  return undefined;
};
