import { datasetWithGrid, sources } from "./assemble.ts";
import { buildGridData } from "./grid.ts";
import { allHardware, generatedCpus } from "./hardware/cpu-table-file.ts";
import { instances } from "./instances/index.ts";
import { providers, regions } from "./regions/index.ts";
import type { Dataset } from "./types.ts";

export { countries } from "./countries.generated.ts";
export { embodied } from "./embodied.ts";
export type * from "./types.ts";
export { allHardware, instances, providers, regions, sources };

/**
 * The bundled, versioned dataset: hardware, cloud regions, instance types, grid intensity and model
 * constants, each value with a source and a year.
 *
 * @example
 * import { dataset } from "mlco2/data";
 * dataset.hardware.length // > 100 (the hand-written catalog)
 * dataset.lazyHardware?.all().length // > 4000 (the generated CPU table, built on this call)
 */
export const dataset: Dataset = datasetWithGrid(buildGridData(), generatedCpus);
