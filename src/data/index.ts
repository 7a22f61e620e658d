import type { Dataset } from "../core/types.ts";
import { buildGridData } from "./grid.ts";
import {
  allHardware,
  generatedCpuByKey,
  generatedCpus,
  handWrittenHardware,
  hardwareSources,
} from "./hardware/index.ts";
import { instanceSources, instances } from "./instances/index.ts";
import { modelDefaults } from "./model-defaults.ts";
import { modelSources } from "./model-sources.ts";
import { providers, regionSources, regions } from "./regions/index.ts";
import type { Source } from "./types.ts";

export { countries } from "./countries.generated.ts";
export { embodied } from "./embodied.ts";
export type * from "./types.ts";
export { allHardware, instances, providers, regions };

/** Every source of the bundled dataset, in one list. */
export const sources: readonly Source[] = [
  ...modelSources,
  ...hardwareSources,
  ...regionSources,
  ...instanceSources,
];

const grid = buildGridData();
const world = grid.emberByAlpha3.get("WORLD");

/**
 * The bundled, versioned dataset: hardware, cloud regions, grid intensity and model constants, each
 * value with a source and a year.
 *
 * @example
 * import { dataset } from "mlco2/data";
 * dataset.hardware.length // > 100 (the hand-written catalog)
 * dataset.lazyHardware?.all().length // > 4000 (the generated CPU table, built on this call)
 */
export const dataset: Dataset = {
  hardware: handWrittenHardware,
  lazyHardware: { all: generatedCpus, byKey: generatedCpuByKey },
  providers,
  regions,
  instances,
  grid,
  defaults: modelDefaults({
    value: world ?? Number.NaN,
    year: grid.emberYear,
    source: grid.emberSource,
    note: "Ember world average",
  }),
  sources: new Map(sources.map((source) => [source.id, source])),
};
