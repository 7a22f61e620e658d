// Puts the bundled records together around a grid and a set of instance types, without importing the
// instance types itself: the web page opens without them (a few KB it needs only when a visitor picks
// a cloud instance type) and adds them when asked. assemble.ts binds the bundled ones for everyone else.

import { embodied } from "./embodied.ts";
import { handWrittenHardware, hardwareSources } from "./hardware/index.ts";
import { modelDefaults } from "./model-defaults.ts";
import { modelSources } from "./model-sources.ts";
import { providers, regionSources, regions } from "./regions/index.ts";
import type { Dataset, GridData, InstanceType, LazyHardware, Source } from "./types.ts";

/** Cloud instance types and the sources they cite. */
export interface InstanceRecords {
  /** The instance types. */
  readonly instances: readonly InstanceType[];
  /** The sources their `source` ids name. */
  readonly sources: readonly Source[];
}

/** No instance types: a dataset that prices hardware × count only (an `instance` input is unknown). */
export const NO_INSTANCES: InstanceRecords = { instances: [], sources: [] };

/** Every source of the bundled dataset but the instance types'. */
export const sourcesWithoutInstances: readonly Source[] = [
  ...modelSources,
  ...hardwareSources,
  ...regionSources,
];

/**
 * The bundled hardware, regions, model constants and sources with the given grid data and instance
 * types (and, where given, the generated hardware looked up on demand).
 *
 * @example
 * datasetOf(buildGridData(), NO_INSTANCES).instances.length // 0
 */
export const datasetOf = (
  grid: GridData,
  instances: InstanceRecords,
  lazyHardware?: LazyHardware,
): Dataset => ({
  hardware: handWrittenHardware,
  ...(lazyHardware === undefined ? {} : { lazyHardware }),
  providers,
  regions,
  instances: instances.instances,
  grid,
  defaults: modelDefaults({
    value: grid.emberByAlpha3.get("WORLD") ?? Number.NaN,
    year: grid.emberYear,
    source: grid.emberSource,
    note: "Ember world average",
  }),
  embodied,
  sources: new Map([...sourcesWithoutInstances, ...instances.sources].map((source) => [source.id, source])),
});
