// Puts the bundled records together around a grid: the CLI passes the whole grid, the web page first
// the cloud regions' zones and then the whole grid.

import { hardware, hardwareSources } from "./hardware/index.ts";
import { modelDefaults } from "./model-defaults.ts";
import { modelSources } from "./model-sources.ts";
import { providers, regionSources, regions } from "./regions/index.ts";
import type { Dataset, GridData, Source } from "./types.ts";

/** Every source of the bundled dataset, in one list. */
export const sources: readonly Source[] = [...modelSources, ...hardwareSources, ...regionSources];

const sourceById: ReadonlyMap<string, Source> = new Map(sources.map((source) => [source.id, source]));

/**
 * The bundled hardware, regions, model constants and sources with the given grid data.
 *
 * @example
 * datasetWithGrid(buildGridData()).regions.length // > 100
 */
export const datasetWithGrid = (grid: GridData): Dataset => ({
  hardware,
  providers,
  regions,
  grid,
  defaults: modelDefaults({
    value: grid.emberByAlpha3.get("WORLD") ?? Number.NaN,
    year: grid.emberYear,
    source: grid.emberSource,
    note: "Ember world average",
  }),
  sources: sourceById,
});
