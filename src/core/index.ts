// mlco2/core: the pure engine with the data passed in (no I/O; Node and the browser). The list is
// chosen: see src/public-api.test.ts. `mlco2` binds the same engine to the bundled dataset.
export { cleanestRegionOf } from "./cleanest-region.ts";
export { findHardware } from "./dataset-index.ts";
export { Mlco2Error, type Outcome, type Problem, type ProblemCode } from "./errors.ts";
export { estimateWith, tryEstimateWith } from "./estimate.ts";
export { findInstance } from "./find-instance.ts";
export {
  bestHardwareMatch,
  type HardwareMatch,
  type HardwareMatchKind,
  type HardwareSearchOptions,
  searchHardware,
} from "./hardware-search.ts";
export { INPUT_LIMITS } from "./input-limits.ts";
export { type PowerModel, powerAtUtilization, powerModelOf } from "./power-model.ts";
export { formatProblem } from "./problems.ts";
export type {
  Alternative,
  ComponentEstimate,
  Counterfactual,
  CpuByTdp,
  Dataset,
  EmbodiedEstimate,
  EmbodiedPart,
  Equivalents,
  EstimateInput,
  EstimateResult,
  Factor,
  FactorKind,
  PerUnit,
  ResolvedJob,
  ResolvedLocation,
} from "./types.ts";
