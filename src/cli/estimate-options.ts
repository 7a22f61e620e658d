import type { EstimateInput } from "../core/types.ts";
import { parseIntegerFlag, parseNumberFlag } from "./parse-values.ts";

/** Raw estimate flags as commander hands them over (all strings). */
export interface EstimateFlags {
  hardware?: string;
  count?: string;
  hours?: string;
  deviceHours?: string;
  watts?: string;
  utilization?: string;
  pue?: string;
  region?: string;
  country?: string;
  zone?: string;
  intensity?: string;
  year?: string;
  cpu?: string;
  cpuCount?: string;
  cpuUtilization?: string;
  memoryGb?: string;
  instance?: string;
  embodied?: boolean;
  serviceLife?: string;
  useShare?: string;
  units?: string;
  unit?: string;
}

/** Location and PUE flags shared by `estimate`, `track` and `regions`. */
export const LOCATION_FLAGS = [
  ["--region <provider:region>", "cloud region, e.g. aws:us-east-1, gcp:us-central1, azure:westeurope"],
  ["--country <code>", "country, ISO 3166 alpha-2 or alpha-3 (FR, FRA)"],
  ["--zone <zone>", "grid zone, e.g. US-CAL-CISO, SE-SE3"],
  ["--intensity <g/kWh>", "explicit grid intensity in gCO2eq/kWh"],
  ["--year <year>", "grid data year (default: latest)"],
  ["--pue <ratio>", "facility PUE (default: the provider's published value, else the industry average 1.56)"],
] as const;

/** Functional-unit flags of `estimate` (and `track`). */
export const UNIT_FLAGS = [
  ["--units <n>", "functional units the job produces (tokens, requests…): figures per unit, the SCI form"],
  ["--unit <name>", "name of the functional unit, e.g. tokens (default units)"],
] as const;

/** Job flags of `estimate`. */
export const JOB_FLAGS = [
  ["--hardware <name>", 'catalog hardware: id, name or alias (e.g. "A100 SXM4 80GB")'],
  ["--count <n>", "number of devices (default 1)"],
  ["--hours <h>", "hours each device ran"],
  ["--device-hours <h>", "total device-hours (instead of --hours)"],
  ["--watts <W>", "average power per device (overrides the power model)"],
  ["--utilization <0-1>", "average device utilization (default 1 = TDP)"],
  ["--cpu <name|W>", "host CPU: catalog name or TDP in watts (alone, without --hardware: a CPU-only job)"],
  ["--cpu-count <n>", "number of CPU packages (default 1); in a CPU-only job, the CPUs counted"],
  ["--cpu-utilization <0-1>", "average CPU utilization (default 1)"],
  ["--memory-gb <GB>", "host memory in GB"],
  [
    "--instance <provider:type>",
    "cloud instance type, e.g. aws:p4d.24xlarge: its GPUs, vCPUs and memory (--count counts instances)",
  ],
] as const;

/** Embodied-emission flags of `estimate`. */
export const EMBODIED_FLAGS = [
  [
    "--embodied",
    "include embodied (manufacturing) emissions: their own line, and a total with the operational figure",
  ],
  ["--service-life <years>", "service life the manufacture is spread over (default 6; with --embodied)"],
  [
    "--use-share <0-1>",
    "share of the service life the hardware is in use (default 1; BLOOM's 0.85; with --embodied)",
  ],
] as const;

const optionalNumber = (flag: string, text: string | undefined, allowed: string): number | undefined =>
  text === undefined ? undefined : parseNumberFlag(flag, text, allowed);

/** Converts flags to an engine input; numbers are parsed strictly, ranges are checked by the engine. */
export const estimateInputOf = (flags: EstimateFlags): EstimateInput => {
  const cpuText = flags.cpu;
  const cpuAsNumber =
    cpuText !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(cpuText) ? Number(cpuText) : undefined;
  const input: { -readonly [K in keyof EstimateInput]: EstimateInput[K] } = {};
  if (flags.hardware !== undefined) input.hardware = flags.hardware;
  const set = <K extends keyof EstimateInput>(key: K, value: EstimateInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  set(
    "count",
    flags.count === undefined ? undefined : parseIntegerFlag("--count", flags.count, "a whole number from 1"),
  );
  set("hours", optionalNumber("--hours", flags.hours, "a number of hours above 0"));
  set("deviceHours", optionalNumber("--device-hours", flags.deviceHours, "a number of device-hours above 0"));
  set("watts", optionalNumber("--watts", flags.watts, "watts above 0"));
  set("utilization", optionalNumber("--utilization", flags.utilization, "a number from 0 to 1"));
  set("pue", optionalNumber("--pue", flags.pue, "a number from 1 to 3"));
  set("region", flags.region);
  set("country", flags.country);
  set("zone", flags.zone);
  set("intensity", optionalNumber("--intensity", flags.intensity, "gCO2eq/kWh from 0 to 2000"));
  set(
    "year",
    flags.year === undefined ? undefined : parseIntegerFlag("--year", flags.year, "a year such as 2024"),
  );
  if (cpuText !== undefined) input.cpu = cpuAsNumber === undefined ? cpuText : { tdpW: cpuAsNumber };
  set(
    "cpuCount",
    flags.cpuCount === undefined
      ? undefined
      : parseIntegerFlag("--cpu-count", flags.cpuCount, "a whole number from 1"),
  );
  set("cpuUtilization", optionalNumber("--cpu-utilization", flags.cpuUtilization, "a number from 0 to 1"));
  set("memoryGB", optionalNumber("--memory-gb", flags.memoryGb, "GB, 0 or more"));
  set("instance", flags.instance);
  if (flags.embodied === true) input.embodied = true;
  set("serviceLifeYears", optionalNumber("--service-life", flags.serviceLife, "years above 0"));
  set("useShare", optionalNumber("--use-share", flags.useShare, "a share above 0 and at most 1"));
  set("units", optionalNumber("--units", flags.units, "a number of units above 0"));
  set("unit", flags.unit);
  return input;
};
