import { datasetWithGrid, sources } from "./assemble.ts";
import { buildGridData } from "./grid.ts";
import { hardware } from "./hardware/index.ts";
import { providers, regions } from "./regions/index.ts";
import type { Dataset } from "./types.ts";

export { countries } from "./countries.generated.ts";
export type * from "./types.ts";
export { hardware, providers, regions, sources };

/**
 * The bundled, versioned dataset: hardware, cloud regions, grid intensity and model constants, each
 * value with a source and a year.
 *
 * @example
 * import { dataset } from "mlco2/data";
 * dataset.hardware.length // > 100
 */
export const dataset: Dataset = datasetWithGrid(buildGridData());
