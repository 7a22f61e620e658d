// Puts the bundled records together around a grid: the CLI passes the whole grid, the web page first
// the cloud regions' zones and then the whole grid. The generated CPU table is passed in by who needs it
// (the CLI and library), so the page's first bundle does not carry it.

import { embodied } from "./embodied.ts";
import { handWrittenHardware, hardwareSources } from "./hardware/index.ts";
import { instanceSources, instances } from "./instances/index.ts";
import { modelDefaults } from "./model-defaults.ts";
import { modelSources } from "./model-sources.ts";
import { providers, regionSources, regions } from "./regions/index.ts";
import type { Dataset, GridData, LazyHardware, Source } from "./types.ts";

/** Every source of the bundled dataset, in one list. */
export const sources: readonly Source[] = [
  ...modelSources,
  ...hardwareSources,
  ...regionSources,
  ...instanceSources,
];

const sourceById: ReadonlyMap<string, Source> = new Map(sources.map((source) => [source.id, source]));

/**
 * The bundled hardware, regions, instance types, model constants and sources with the given grid data
 * (and, where given, the generated hardware looked up on demand).
 *
 * @example
 * datasetWithGrid(buildGridData()).regions.length // > 100
 */
export const datasetWithGrid = (grid: GridData, lazyHardware?: LazyHardware): Dataset => ({
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
