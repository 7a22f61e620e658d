import { cleanestRegionOf, regionFactorsOf } from "../../core/cleanest-region.ts";
import { findHardware, indexOf } from "../../core/dataset-index.ts";
import { tryEstimateWith } from "../../core/estimate.ts";
import { findInstance } from "../../core/find-instance.ts";
import { formatMassKg, sig3 } from "../../core/format-number.ts";
import { searchHardware } from "../../core/hardware-search.ts";
import { searchInstances } from "../../core/instance-search.ts";
import { normalizeName } from "../../core/normalize-name.ts";
import { conflict, outOfRange, shownValue } from "../../core/problems.ts";
import { zoneIntensity } from "../../core/resolve-location.ts";
import { closestNames } from "../../core/suggest.ts";
import type { Dataset, GridZone } from "../../core/types.ts";
import type { CloudRegion, HardwareEntry, HardwareKind } from "../../data/types.ts";
import { CliError, problemsError } from "../cli-error.ts";
import { type EstimateFlags, estimateInputOf } from "../estimate-options.ts";
import { parseChoice, parseIntegerFlag } from "../parse-values.ts";

const TEXT_OR_JSON = ["text", "json"] as const;
const KINDS: readonly HardwareKind[] = ["gpu", "tpu", "npu", "cpu", "soc"];

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** True when every word of the query appears in the text, spacing, case and punctuation forgiven. */
const matches = (query: string, texts: readonly string[]): boolean => {
  const words = query
    .split(/\s+/)
    .map(normalizeName)
    .filter((w) => w.length > 0);
  const joined = normalizeName(query);
  const keys = texts.map(normalizeName);
  return keys.some((k) => k.includes(joined)) || words.every((w) => keys.some((k) => k.includes(w)));
};

/** Entries `mlco2 hardware` prints as text unless `--limit` says otherwise (the table has thousands). */
export const HARDWARE_TEXT_LIMIT = 30;

const hardwareLine = (dataset: Dataset, h: HardwareEntry): string => {
  const source = dataset.sources.get(h.source);
  const memory = h.memoryGB === undefined ? "" : `, ${h.memoryGB} GB`;
  const idle = h.idleW === undefined ? "" : `, idle ${h.idleW} W`;
  const estimated = h.tdpKind === "estimated" ? " (estimated)" : "";
  return `${h.name} [${h.kind}, ${h.vendor}] ${h.tdpW} W${estimated}${idle}${memory}  (id ${h.id}; source: ${source === undefined ? h.source : `${source.publisher}, ${source.year}`})`;
};

/**
 * `mlco2 hardware [query]`: every entry (the hand-written catalog, then the generated CPU table) with
 * TDP, memory, vendor and source, best match first; as text the first 30 (`--limit`, 0 for all) and
 * how many match.
 */
export const runHardware = (
  dataset: Dataset,
  query: string | undefined,
  flags: { kind?: string; format?: string; limit?: string },
): string => {
  const format = parseChoice("--format", flags.format ?? "text", TEXT_OR_JSON);
  const kind = flags.kind === undefined ? undefined : parseChoice("--kind", flags.kind.toLowerCase(), KINDS);
  const limit =
    flags.limit === undefined
      ? format === "text"
        ? HARDWARE_TEXT_LIMIT
        : 0
      : parseIntegerFlag("--limit", flags.limit, "a whole number, 0 for all");
  if (limit < 0) throw problemsError([outOfRange("--limit", limit, "a whole number, 0 for all")]);
  const found = searchHardware(dataset, query ?? "", { kind, all: true }).map((m) => m.entry);
  if (found.length === 0) {
    const hint =
      query === undefined
        ? []
        : closestNames(
            query,
            dataset.hardware.map((h) => h.name),
          );
    throw new CliError(
      `hardware: nothing matches ${shownValue(query ?? "")}${kind === undefined ? "" : ` of kind ${kind}`}${hint.length > 0 ? `; did you mean ${hint.map((h) => `"${h}"`).join(", ")}?` : ""}`,
      { code: "not-found" },
    );
  }
  const shown = limit === 0 ? found : found.slice(0, limit);
  if (format === "json") {
    return json(shown.map((h) => ({ ...h, sourceDetail: dataset.sources.get(h.source) ?? null })));
  }
  const total = dataset.hardware.length + (dataset.lazyHardware?.all().length ?? 0);
  const more =
    shown.length < found.length
      ? `; the first ${shown.length} shown (--limit <n> for more, --limit 0 for all)`
      : "";
  const lines = shown.map((h) => hardwareLine(dataset, h));
  return `${lines.join("\n")}\n${found.length.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} entries${more}\n`;
};

/** `mlco2 instances [query]`: cloud instance types with what they are made of, optionally of one provider. */
export const runInstances = (
  dataset: Dataset,
  query: string | undefined,
  flags: { provider?: string; format?: string },
): string => {
  const format = parseChoice("--format", flags.format ?? "text", TEXT_OR_JSON);
  const provider = flags.provider === undefined ? undefined : providerIdOf(dataset, flags.provider);
  const found = searchInstances(dataset, query ?? "", provider);
  if (found.length === 0) {
    throw new CliError(
      `instances: nothing matches ${shownValue(query ?? "")}${provider === undefined ? "" : ` of ${provider}`}; try a family (p4d, a3, ND96) or a GPU (h100)`,
      { code: "not-found" },
    );
  }
  if (format === "json") return json(found);
  const lines = found.map((i) => {
    const gpus =
      i.accelerators === undefined
        ? ""
        : `${i.accelerators.count} × ${findHardware(dataset, i.accelerators.hardware)?.name ?? i.accelerators.hardware}, `;
    const unit = i.provider === "gcp" ? "GB" : "GiB";
    return `${i.provider}:${i.id}  ${gpus}${i.vcpus} vCPUs (${i.cpuFamily}), ${i.memoryGB} ${unit}`;
  });
  return `${lines.join("\n")}\n${found.length} of ${dataset.instances.length} instance types\n`;
};

/** A provider id from an id or alias, or a not-allowed error offering the ids. */
const providerIdOf = (dataset: Dataset, text: string): string =>
  indexOf(dataset).providerByKey.get(text.toLowerCase())?.id ??
  parseChoice(
    "--provider",
    text,
    dataset.providers.map((x) => x.id),
  );

/** One region with the figures listed for it. */
export interface RegionRow {
  /** `provider:region`. */
  readonly region: string;
  /** City / area. */
  readonly location: string;
  /** Grid zone. */
  readonly zone: string;
  /** Grid intensity of the zone, gCO2eq/kWh, and its year. */
  readonly intensityGPerKWh: number;
  readonly year: number;
  /** PUE used (published, or the default for an unknown facility). */
  readonly pue: number;
  /** Provider-published figures, where any. */
  readonly providerIntensityGPerKWh?: number;
  readonly carbonFreeEnergy?: number;
  /** Emissions of the job given, kg CO2eq (with --hardware/--hours). */
  readonly emissionsKg?: number;
}

const latestYear = (dataset: Dataset): number => dataset.grid.years[dataset.grid.years.length - 1] ?? 0;

/** Every region (of a provider) with its factors for a year, cleanest (PUE × intensity) first. */
export const rankRegions = (dataset: Dataset, provider: string | undefined, year: number): RegionRow[] => {
  const providers = provider === undefined ? dataset.providers.map((p) => p.id) : [provider];
  const rows: RegionRow[] = [];
  for (const id of providers) {
    for (const f of regionFactorsOf(dataset, id, year)) {
      rows.push(regionRow(f.region, f.pue, f.intensityGPerKWh, year));
    }
  }
  return rows.sort(
    (a, b) => a.pue * a.intensityGPerKWh - b.pue * b.intensityGPerKWh || a.region.localeCompare(b.region),
  );
};

const regionRow = (region: CloudRegion, pue: number, intensity: number, year: number): RegionRow => ({
  region: `${region.provider}:${region.id}`,
  location: region.location,
  zone: region.gridZone,
  intensityGPerKWh: intensity,
  year,
  pue,
  ...(region.providerIntensityGPerKWh === undefined
    ? {}
    : { providerIntensityGPerKWh: region.providerIntensityGPerKWh.value }),
  ...(region.carbonFreeEnergy === undefined ? {} : { carbonFreeEnergy: region.carbonFreeEnergy.value }),
});

/** Flags of `mlco2 regions`. */
export type RegionsFlags = EstimateFlags & { provider?: string; format?: string };

/**
 * `mlco2 regions`: every region, cleanest first; with --hardware/--watts and --hours/--device-hours,
 * ranked by what that job would emit there (the full engine per region, so PUE defaults and
 * utilization are the same as `mlco2 estimate`).
 */
export const runRegions = (dataset: Dataset, flags: RegionsFlags): string => {
  const format = parseChoice("--format", flags.format ?? "text", TEXT_OR_JSON);
  for (const flag of ["region", "country", "zone", "intensity"] as const) {
    if (flags[flag] !== undefined)
      throw new CliError(`--${flag}: not used by regions; it ranks every region (filter with --provider)`);
  }
  let provider = flags.provider === undefined ? undefined : providerIdOf(dataset, flags.provider);
  if (flags.instance !== undefined) {
    // An instance type runs only in its own provider's regions.
    const found = findInstance(dataset, flags.instance);
    if (!found.ok) throw problemsError(found.problems);
    if (provider !== undefined && provider !== found.value.provider)
      throw problemsError([
        conflict(
          "--instance",
          ["--provider"],
          `: ${flags.instance} is an instance type of ${found.value.provider}`,
        ),
      ]);
    provider = found.value.provider;
  }
  const allowedYears = dataset.grid.years.join(", ");
  const year =
    flags.year === undefined ? latestYear(dataset) : parseIntegerFlag("--year", flags.year, allowedYears);
  if (!dataset.grid.years.includes(year)) {
    throw new CliError(`--year: ${shownValue(flags.year)} is not allowed; use ${allowedYears}`, {
      code: "unknown-year",
    });
  }
  let rows = rankRegions(dataset, provider, year);
  const job =
    flags.hardware !== undefined ||
    flags.watts !== undefined ||
    flags.instance !== undefined ||
    flags.hours !== undefined ||
    flags.deviceHours !== undefined;
  if (job) {
    const base = estimateInputOf(flags);
    rows = rows
      .map((row) => {
        const outcome = tryEstimateWith(dataset, { ...base, region: row.region, year });
        if (!outcome.ok) throw problemsError(outcome.problems);
        return { ...row, pue: outcome.value.pue, emissionsKg: outcome.value.emissionsKg };
      })
      .sort((a, b) => (a.emissionsKg ?? 0) - (b.emissionsKg ?? 0) || a.region.localeCompare(b.region));
  }
  if (format === "json") return json(rows);
  const worst = rows[rows.length - 1]?.emissionsKg;
  const lines = rows.map((r, i) => {
    const published = [
      r.providerIntensityGPerKWh === undefined ? "" : `provider ${sig3(r.providerIntensityGPerKWh)} g/kWh`,
      r.carbonFreeEnergy === undefined ? "" : `CFE ${sig3(r.carbonFreeEnergy * 100)} %`,
    ].filter((s) => s !== "");
    const job =
      r.emissionsKg === undefined
        ? ""
        : `${formatMassKg(r.emissionsKg)} CO2eq${worst !== undefined && worst > 0 ? ` (${sig3((1 - r.emissionsKg / worst) * 100)} % below the worst)` : ""}  `;
    return `${String(i + 1).padStart(3)}. ${job}${r.region}  ${r.location}; zone ${r.zone} ${sig3(r.intensityGPerKWh)} g/kWh (${r.year}), PUE ${r.pue}${published.length > 0 ? `; ${published.join(", ")}` : ""}`;
  });
  const best = cleanestNote(dataset, provider, year, rows);
  return `${lines.join("\n")}\n${rows.length} regions, ${job ? "ranked by the job's emissions" : "cleanest (PUE × intensity) first"}${best}\n`;
};

const cleanestNote = (
  dataset: Dataset,
  provider: string | undefined,
  year: number,
  rows: readonly RegionRow[],
): string => {
  if (provider === undefined || rows.length === 0) return "";
  const best = cleanestRegionOf(dataset, provider, year);
  return best === null ? "" : `; cleanest of ${provider}: ${best.region.id}`;
};

/** `mlco2 zones [query]`: grid zones and countries with their intensity by year. */
export const runZones = (dataset: Dataset, query: string | undefined, flags: { format?: string }): string => {
  const format = parseChoice("--format", flags.format ?? "text", TEXT_OR_JSON);
  const { grid } = dataset;
  const zones = [...grid.zones.values()].filter(
    (z) =>
      query === undefined ||
      matches(query, [z.id, z.name, z.country ?? "", grid.countryNameByAlpha2.get(z.country ?? "") ?? ""]),
  );
  const zoneCountries = new Set(zones.map((z) => z.country));
  const ember = [...grid.countryNameByAlpha2.entries()]
    .filter(
      ([a2, name]) =>
        !grid.zones.has(a2) &&
        (query === undefined || matches(query, [a2, name, grid.alpha3ByAlpha2.get(a2) ?? ""])),
    )
    .map(([a2, name]) => ({ a2, name, value: grid.emberByAlpha3.get(grid.alpha3ByAlpha2.get(a2) ?? "") }))
    .filter(
      (c): c is { a2: string; name: string; value: number } =>
        c.value !== undefined && !zoneCountries.has(c.a2),
    );
  if (zones.length === 0 && ember.length === 0) {
    throw new CliError(
      `zones: nothing matches ${shownValue(query ?? "")}; try a country code (FR), a name (France) or a zone id (US-CAL-CISO)`,
      { code: "not-found" },
    );
  }
  const byYear = (z: GridZone) => Object.fromEntries(grid.years.map((y) => [y, zoneIntensity(z, y) ?? null]));
  if (format === "json") {
    return json({
      zones: zones.map((z) => ({
        id: z.id,
        name: z.name,
        country: z.country ?? null,
        intensityGPerKWhByYear: byYear(z),
      })),
      countries: ember.map((c) => ({
        country: c.a2,
        name: c.name,
        intensityGPerKWh: c.value,
        year: grid.emberYear,
        source: grid.emberSource,
      })),
    });
  }
  const header = `${"zone".padEnd(16)} ${grid.years.map((y) => String(y).padStart(6)).join(" ")}  name (gCO2eq/kWh, yearly averages)`;
  const lines = zones.map(
    (z) =>
      `${z.id.padEnd(16)} ${grid.years.map((y) => String(zoneIntensity(z, y) ?? "-").padStart(6)).join(" ")}  ${z.name}`,
  );
  const out = [header, ...lines];
  if (ember.length > 0) {
    out.push("", `Countries with Ember figures only (${grid.emberYear} or earlier):`);
    for (const c of ember) out.push(`${c.a2.padEnd(16)} ${String(c.value).padStart(6)}  ${c.name}`);
  }
  return `${out.join("\n")}\n`;
};
