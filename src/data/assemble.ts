// Puts the bundled records together around a grid: the CLI passes the whole grid, the web page first
// the cloud regions' zones and then the whole grid. The generated CPU table is passed in by who needs it
// (the CLI and library), so the page's first bundle does not carry it; the page adds the instance types
// itself when a visitor picks one (dataset-of.ts).

import { bundledSources, datasetOf } from "./dataset-of.ts";
import { instances } from "./instances/index.ts";
import type { Dataset, GridData, LazyHardware, Source } from "./types.ts";

/** Every source of the bundled dataset, in one list. */
export const sources: readonly Source[] = bundledSources;

/**
 * The bundled hardware, regions, instance types, model constants and sources with the given grid data
 * (and, where given, the generated hardware looked up on demand).
 *
 * @example
 * datasetWithGrid(buildGridData()).regions.length // > 100
 */
export const datasetWithGrid = (grid: GridData, lazyHardware?: LazyHardware): Dataset =>
  datasetOf(grid, instances, lazyHardware);
