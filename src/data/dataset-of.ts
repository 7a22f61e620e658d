// Puts the bundled records together around a grid and a list of instance types, without importing the
// instance types itself: the web page opens without them (a few KB it needs only when a visitor picks
// a cloud instance type) and adds them when asked. assemble.ts binds the bundled ones for everyone else.
// Every source, the instance types' included, is here: a source list is small, and the page's Data
// section lists them all.

import { embodied } from "./embodied.ts";
import { handWrittenHardware, hardwareSources } from "./hardware/index.ts";
import { instanceSources } from "./instances/sources.ts";
import { modelDefaults } from "./model-defaults.ts";
import { modelSources } from "./model-sources.ts";
import { providers, regionSources, regions } from "./regions/index.ts";
import type { Dataset, GridData, InstanceType, LazyHardware, Source } from "./types.ts";

/** Every source of the bundled dataset, in one list. */
export const bundledSources: readonly Source[] = [
  ...modelSources,
  ...hardwareSources,
  ...regionSources,
  ...instanceSources,
];

const sourceById: ReadonlyMap<string, Source> = new Map(bundledSources.map((source) => [source.id, source]));

/**
 * The bundled hardware, regions, model constants and sources with the given grid data and instance
 * types (and, where given, the generated hardware looked up on demand).
 *
 * @example
 * datasetOf(buildGridData(), []).instances.length // 0: an `instance` input is then unknown
 */
export const datasetOf = (
  grid: GridData,
  instances: readonly InstanceType[],
  lazyHardware?: LazyHardware,
): Dataset => ({
  hardware: handWrittenHardware,
  ...(lazyHardware === undefined ? {} : { lazyHardware }),
  providers,
  regions,
  instances,
  grid,
  defaults: modelDefaults({
    value: grid.emberByAlpha3.get("WORLD") ?? Number.NaN,
    year: grid.emberYear,
    source: grid.emberSource,
    note: "Ember world average",
  }),
  embodied,
  sources: sourceById,
});
