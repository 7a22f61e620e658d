import { Mlco2Error, type Problem } from "../core/errors.ts";
import { openIntensitySource, type SourceSetup } from "../plan/sources/open-source.ts";
import type { IntensitySeriesOptions } from "./intensity-feed.ts";

/**
 * The time-resolved intensity option of {@link startTracking} for a named source: a series file, the
 * Electricity Maps API (ELECTRICITYMAPS_TOKEN in `env`) or WattTime (WATTTIME_USER / WATTTIME_PASSWORD,
 * with `seriesZone` the WattTime region). The file is read now; APIs are asked once tracking starts.
 * A missing credential or an unreadable file throws {@link Mlco2Error}.
 *
 * @example
 * const run = await startTracking({ zone: "DE", intensitySeries: intensitySeriesOf({ source: "electricitymaps", env: process.env }) });
 */
export const intensitySeriesOf = (
  setup: SourceSetup & { readonly onWarning?: (line: string) => void },
): IntensitySeriesOptions => {
  const opened = openIntensitySource(setup);
  // Planning problems share the engine's shape; their codes extend its list.
  if (!opened.ok) throw new Mlco2Error(opened.problems as unknown as [Problem, ...Problem[]]);
  const { sourceAt, checkZone } = opened.value;
  return {
    name: setup.source,
    sourceAt: (nowMs, signal) => sourceAt(nowMs, signal),
    checkZone,
    ...(setup.seriesZone === undefined ? {} : { seriesZone: setup.seriesZone }),
    ...(setup.onWarning === undefined ? {} : { onWarning: setup.onWarning }),
  };
};
