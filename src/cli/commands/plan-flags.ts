import { closestNames } from "../../core/suggest.ts";
import type { Dataset, EstimateInput } from "../../core/types.ts";
import { SOURCE_NAMES, type SourceName } from "../../plan/sources/intensity-source.ts";
import { readTimeInput } from "../../plan/time-input.ts";
import { CliError } from "../cli-error.ts";
import { parseChoice, parseIntegerFlag, parseNumberFlag } from "../parse-values.ts";

/** Raw `mlco2 plan` flags as commander hands them over. */
export interface PlanFlags {
  hours?: string;
  hardware?: string;
  count?: string;
  watts?: string;
  utilization?: string;
  pue?: string;
  zone?: string;
  region?: string;
  regions?: string;
  earliest?: string;
  deadline?: string;
  source?: string;
  series?: string;
  seriesZone?: string;
  cache?: string;
  year?: string;
  format?: string;
}

/** Plan output formats. */
export const PLAN_FORMATS = ["text", "json"] as const;

/** The input path of a planning problem as the flag the user typed. */
export const PLAN_FLAG_BY_PATH: Readonly<Record<string, string>> = {
  hours: "--hours",
  earliest: "--earliest",
  deadline: "--deadline",
  series: "--series",
  seriesZone: "--series-zone",
  source: "--source",
  regions: "--regions",
  region: "--region",
  zone: "--zone",
  location: "--zone",
};

/** One place the job may run, as an engine location input. */
export interface PlanPlace {
  /** What the user named (or a region matched by --regions). */
  readonly id: string;
  /** The engine's location input. */
  readonly input: Pick<EstimateInput, "zone" | "region">;
}

const globToRegExp = (glob: string): RegExp =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );

/** Expands --regions patterns against the dataset's regions (provider:region, * and ? allowed). */
export const expandRegions = (dataset: Dataset, text: string): PlanPlace[] => {
  const all = dataset.regions.map((r) => `${r.provider}:${r.id}`);
  const patterns = text
    .split(",")
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== "");
  if (patterns.length === 0) throw new CliError('--regions: "" names no region; use e.g. aws:*,gcp:europe-*');
  const out: string[] = [];
  for (const pattern of patterns) {
    const re = globToRegExp(pattern);
    const matched = all.filter((id) => re.test(id));
    if (matched.length === 0) {
      const [closest] = closestNames(pattern, all, 1);
      const providers = [...new Set(dataset.regions.map((r) => r.provider))].join(", ");
      throw new CliError(
        `--regions: "${pattern}" matches no region${closest === undefined ? "" : ` (did you mean ${closest}?)`}; use provider:region with * or ?, providers: ${providers}`,
      );
    }
    for (const id of matched) if (!out.includes(id)) out.push(id);
  }
  return out.map((id) => ({ id, input: { region: id } }));
};

/** The places from --zone / --region / --regions (exactly one of them). */
export const placesOf = (dataset: Dataset, flags: PlanFlags): PlanPlace[] => {
  const given = (["zone", "region", "regions"] as const).filter((k) => flags[k] !== undefined);
  if (given.length === 0)
    throw new CliError("--zone: required; give --zone, --region or --regions (e.g. --zone DE)");
  if (given.length > 1) {
    throw new CliError(
      `--${given[1]}: cannot be combined with --${given[0]}; give one of --zone, --region or --regions`,
    );
  }
  if (flags.zone !== undefined) return [{ id: flags.zone.trim(), input: { zone: flags.zone.trim() } }];
  if (flags.region !== undefined)
    return [{ id: flags.region.trim(), input: { region: flags.region.trim() } }];
  return expandRegions(dataset, flags.regions ?? "");
};

/**
 * Parses a time flag: ISO 8601 with a zone designator, "now", or "+Nh" (hours after `relativeToMs`).
 * A time without a zone is refused rather than read in some local time.
 */
export const parseTimeFlag = (flag: string, text: string, nowMs: number, relativeToMs: number): number => {
  const read = readTimeInput(text, { path: flag.replace(/^--/, ""), nowMs, relativeToMs });
  if (!read.ok) throw new CliError(`${flag}: ${read.problems[0].message}`, { code: read.problems[0].code });
  return read.value;
};

/** The source asked for: --source, else file when --series is given, else none. */
export const sourceOf = (flags: PlanFlags): SourceName => {
  const source =
    flags.source === undefined
      ? flags.series === undefined
        ? "none"
        : "file"
      : parseChoice("--source", flags.source, SOURCE_NAMES);
  if (source === "file" && flags.series === undefined)
    throw new CliError("--series: required with --source file; give a CSV or JSON time series");
  if (source !== "file" && flags.series !== undefined) {
    throw new CliError(`--series: applies to --source file only; drop it or drop --source ${source}`);
  }
  return source;
};

/** The job part of the engine input (location excluded), numbers parsed strictly. */
export const jobInputOf = (flags: PlanFlags): EstimateInput & { hours: number } => {
  if (flags.hours === undefined)
    throw new CliError("--hours: required; give the job length in hours, e.g. --hours 6.5");
  const hours = parseNumberFlag("--hours", flags.hours, "a number of hours above 0");
  if (!(hours > 0))
    throw new CliError(`--hours: ${flags.hours} is not allowed; use a number of hours above 0`, {
      code: "out-of-range",
    });
  const input: { -readonly [K in keyof EstimateInput]: EstimateInput[K] } & { hours: number } = { hours };
  if (flags.hardware !== undefined) input.hardware = flags.hardware;
  if (flags.count !== undefined)
    input.count = parseIntegerFlag("--count", flags.count, "a whole number from 1");
  if (flags.watts !== undefined) input.watts = parseNumberFlag("--watts", flags.watts, "watts above 0");
  if (flags.utilization !== undefined)
    input.utilization = parseNumberFlag("--utilization", flags.utilization, "a number from 0 to 1");
  if (flags.pue !== undefined) input.pue = parseNumberFlag("--pue", flags.pue, "a number from 1 to 3");
  if (flags.year !== undefined) input.year = parseIntegerFlag("--year", flags.year, "a year such as 2024");
  if (input.hardware === undefined && input.watts === undefined) {
    throw new CliError('--hardware: required (or --watts); e.g. --hardware "H100 SXM" --count 8');
  }
  return input;
};
