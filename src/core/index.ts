// Public API of the pure engine: no I/O, runs in Node and in the browser. Data is passed in.
export { cleanestRegionOf, regionFactorsOf } from "./cleanest-region.ts";
export { findHardware, hardwareKeys, indexOf } from "./dataset-index.ts";
export { equivalentsOf } from "./equivalents.ts";
export { Mlco2Error, type Outcome, type Problem, type ProblemCode } from "./errors.ts";
export { estimateOutcome, estimateWith } from "./estimate.ts";
export { formatMassKg, formatQuantity, formatRatio, sig3 } from "./format-number.ts";
export {
  bestHardwareMatch,
  type HardwareMatch,
  type HardwareMatchKind,
  type HardwareSearchOptions,
  searchHardware,
} from "./hardware-search.ts";
export { INPUT_LIMITS } from "./input-limits.ts";
export { normalizeName } from "./normalize-name.ts";
export { type PowerModel, powerAtUtilization, powerModelOf } from "./power-model.ts";
export { publishedPueOf } from "./published-pue.ts";
export * from "./report/index.ts";
export { resolveLocation, zoneIntensity } from "./resolve-location.ts";
export { closestNames } from "./suggest.ts";
export type * from "./types.ts";
export * from "./units.ts";
export { unsourcedFactorLabel } from "./unsourced-factor.ts";
