// The emissions.csv columns of every CodeCarbon release, and how a header is read against them.
// Read from the EmissionsData dataclass at each release tag of github.com/mlco2/codecarbon (at b05965e,
// 2026-08-08): codecarbon/output.py until May 2024 (2.4.1), then codecarbon/output_methods/emissions_data.py;
// its CSV writer (FileOutput) writes the dataclass's fields in order, one column each. The repository
// keeps no changelog file (release notes are drafted on GitHub), so the tags are the record.
// Columns are read by name, so their order (which changed from 0.x to 1.0) never matters.

/** The run's energy and emissions: a header without one of them cannot be re-priced. */
export const REQUIRED_COLUMNS = ["duration", "emissions", "energy_consumed"] as const;

/** The run's id: `run_id` from 2.0; in 0.x and 1.x `experiment_id` held a fresh UUID per tracker. */
export const ID_COLUMNS = ["run_id", "experiment_id"] as const;

const V1 = [
  "timestamp",
  "experiment_id",
  "project_name",
  "duration",
  "emissions",
  "energy_consumed",
  "country_name",
  "country_iso_code",
  "region",
  "on_cloud",
  "cloud_provider",
  "cloud_region",
];

const HARDWARE = ["emissions_rate", "cpu_power", "gpu_power", "ram_power", "cpu_energy", "gpu_energy"];
const MACHINE = ["os", "python_version", "cpu_count", "cpu_model", "gpu_count", "gpu_model"];
const PLACE = ["longitude", "latitude", "ram_total_size", "tracking_mode"];
const V2_0 = [
  ...V1.filter((c) => c !== "experiment_id"),
  "run_id",
  ...HARDWARE,
  "ram_energy",
  ...MACHINE,
  ...PLACE,
];
const V2_2 = [...V2_0, "codecarbon_version"];
const V2_2_3 = [...V2_2, "pue"];
const V2_7 = [...V2_2_3, "experiment_id"];
const V3_0_8 = [...V2_7, "water_consumed", "wue"];
const UTILIZATION = [
  "cpu_utilization_percent",
  "gpu_utilization_percent",
  "ram_utilization_percent",
  "ram_used_gb",
];

/** One column set and the releases that write it (first tag's date). */
export interface CodecarbonColumnSet {
  /** The releases, e.g. "2.2.3–2.6.0". */
  readonly versions: string;
  /** Date of the first release that writes it (its tag's commit). */
  readonly since: string;
  /** Its columns (as a set: order differs between releases and does not matter here). */
  readonly columns: readonly string[];
  /** Whether it names the machine (CPU, GPUs, memory); 0.x and 1.x name only the place. */
  readonly hardware: boolean;
}

/** Every column set, newest first. */
export const CODECARBON_COLUMN_SETS: readonly CodecarbonColumnSet[] = [
  { versions: "3.2.1 and later", since: "2026-01-02", columns: [...V3_0_8, ...UTILIZATION], hardware: true },
  { versions: "3.0.8–3.1.2", since: "2025-10-29", columns: V3_0_8, hardware: true },
  { versions: "2.7.0–3.0.7", since: "2024-09-08", columns: V2_7, hardware: true },
  { versions: "2.2.3–2.6.0", since: "2023-06-04", columns: V2_2_3, hardware: true },
  { versions: "2.2.0–2.2.2", since: "2023-05-10", columns: V2_2, hardware: true },
  { versions: "2.0.0–2.1.4", since: "2022-04-07", columns: V2_0, hardware: true },
  { versions: "0.0.9–1.2.0", since: "2020-11-13", columns: V1, hardware: false },
];

/** How a header reads: the releases it matches or is closest to, and what it lacks or adds. */
export type HeaderReading =
  | {
      readonly ok: true;
      /** The releases whose columns it has exactly, or the closest set's. */
      readonly versions: string;
      /** Whether it is exactly a known set. */
      readonly exact: boolean;
      /** The closest set's columns it lacks (read as empty). */
      readonly missing: readonly string[];
      /** Columns of other releases beyond the closest set's (read by name like the rest). */
      readonly extra: readonly string[];
      /** Columns no release writes (ignored). */
      readonly unknown: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

const ALL_KNOWN = new Set(CODECARBON_COLUMN_SETS.flatMap((s) => s.columns));

const listed = (names: readonly string[]): string =>
  `${names.slice(0, 6).join(", ")}${names.length > 6 ? ` and ${names.length - 6} more` : ""}`;

/** Reads a header: refused only when a column appears twice or the run's figures are not there. */
export const readHeader = (header: readonly string[]): HeaderReading => {
  const names = header.map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return { ok: false, reason: `column "${name}" appears twice` };
    seen.add(name);
  }
  const lacking = [...REQUIRED_COLUMNS, ...(ID_COLUMNS.some((c) => seen.has(c)) ? [] : ["run_id"])].filter(
    (c) => !seen.has(c),
  );
  if (lacking.length > 0)
    return {
      ok: false,
      reason: `is not a CodeCarbon emissions.csv header: it lacks ${listed(lacking)} (every release since 0.0.9 writes them)`,
    };
  let best: { set: CodecarbonColumnSet; missing: string[]; extra: number } | null = null;
  for (const set of CODECARBON_COLUMN_SETS) {
    const missing = set.columns.filter((c) => !seen.has(c));
    const extra = names.filter((c) => !set.columns.includes(c)).length;
    if (best === null || missing.length + extra < best.missing.length + best.extra)
      best = { set, missing, extra };
  }
  const closest = best as { set: CodecarbonColumnSet; missing: string[]; extra: number };
  return {
    ok: true,
    versions: closest.set.versions,
    exact: closest.missing.length === 0 && closest.extra === 0,
    missing: closest.missing,
    extra: names.filter((c) => ALL_KNOWN.has(c) && !closest.set.columns.includes(c)),
    unknown: names.filter((c) => !ALL_KNOWN.has(c)),
  };
};

/** One line on a header that is not exactly a known set (null when it is). */
export const headerNote = (reading: HeaderReading & { ok: true }): string | null =>
  reading.exact
    ? null
    : [
        `columns closest to CodeCarbon ${reading.versions}`,
        reading.missing.length > 0 ? `without ${listed(reading.missing)} (read as empty)` : "",
        reading.extra.length > 0 ? `with ${listed(reading.extra)} of other releases` : "",
        reading.unknown.length > 0 ? `with ${listed(reading.unknown)} (no release writes them; ignored)` : "",
      ]
        .filter((p) => p !== "")
        .join(", ");

/** Whether a header names the machine (CPU or GPU columns): 0.x and 1.x headers do not. */
export const namesHardware = (header: readonly string[]): boolean =>
  header.some((h) => ["cpu_model", "cpu_count", "gpu_count", "gpu_model"].includes(h.trim()));
