import type { FactorKind } from "./types.ts";

/**
 * What to print as the source of a factor that has none: user-given values, measurements made on
 * the run, and figures the engine or tracker derived from the other (sourced) factors.
 *
 * @example
 * unsourcedFactorLabel("measured") // "measured on this run (mlco2 track)"
 */
export const unsourcedFactorLabel = (kind: FactorKind): string => {
  switch (kind) {
    case "user":
      return "given by the user";
    case "measured":
      return "measured on this run (mlco2 track)";
    default:
      return "derived by mlco2 from the sourced factors (docs/methodology.md)";
  }
};
