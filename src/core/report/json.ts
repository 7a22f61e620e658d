import type { EstimateResult } from "../types.ts";

/**
 * The result object as JSON (two-space indent, full precision): the contract the web page, the
 * tracker and `mlco2 report` read back.
 *
 * @example
 * JSON.parse(renderJson(result)).emissionsKg === result.emissionsKg // true
 */
export const renderJson = (result: EstimateResult): string => `${JSON.stringify(result, null, 2)}\n`;
