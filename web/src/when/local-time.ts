// Instants as the visitor reads them: in the browser's own time zone (named), beside the UTC form the
// planning code and the CLI print.
import { formatInstantShort } from "../../../src/plan/time.ts";

const LOCAL = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
});

/** The browser's time zone, e.g. "Europe/Berlin". */
export const localZoneName = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "Tue, Jun 4, 2024, 01:00 PM GMT+2" in the visitor's locale and zone. */
export const localTime = (ms: number): string => LOCAL.format(ms);

/** "2024-06-04 11:00Z". */
export const utcTime = (ms: number): string => formatInstantShort(ms);
