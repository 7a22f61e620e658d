// The emissions.csv column sets of CodeCarbon 2.x and 3.x (read from the EmissionsData class in its
// repository's history). A file whose header is none of them is refused: its columns could mean
// something else.

const V2_BASE = [
  "timestamp",
  "project_name",
  "run_id",
  "duration",
  "emissions",
  "emissions_rate",
  "cpu_power",
  "gpu_power",
  "ram_power",
  "cpu_energy",
  "gpu_energy",
  "ram_energy",
  "energy_consumed",
  "country_name",
  "country_iso_code",
  "region",
  "cloud_provider",
  "cloud_region",
  "os",
  "python_version",
  "codecarbon_version",
  "cpu_count",
  "cpu_model",
  "gpu_count",
  "gpu_model",
  "longitude",
  "latitude",
  "ram_total_size",
  "tracking_mode",
  "on_cloud",
];

/** Known column sets, newest first, with the releases that write them. */
export const CODECARBON_COLUMN_SETS: readonly {
  readonly versions: string;
  readonly columns: readonly string[];
}[] = [
  {
    versions: "3.1 and later",
    columns: [
      ...V2_BASE,
      "experiment_id",
      "water_consumed",
      "cpu_utilization_percent",
      "gpu_utilization_percent",
      "ram_utilization_percent",
      "ram_used_gb",
      "pue",
      "wue",
    ],
  },
  { versions: "3.0.7–3.0.x", columns: [...V2_BASE, "experiment_id", "water_consumed", "pue", "wue"] },
  { versions: "2.6–3.0.6", columns: [...V2_BASE, "experiment_id", "pue"] },
  { versions: "2.2.2–2.5", columns: [...V2_BASE, "pue"] },
  { versions: "2.0–2.2.1", columns: V2_BASE },
];

/** The releases a header comes from, or why it is refused (the closest set's missing and extra columns). */
export const versionsOf = (header: readonly string[]): { versions: string } | { refused: string } => {
  const names = new Set(header.map((h) => h.trim()));
  let best: { versions: string; missing: string[]; extra: string[] } | null = null;
  for (const set of CODECARBON_COLUMN_SETS) {
    const missing = set.columns.filter((c) => !names.has(c));
    const extra = [...names].filter((c) => !set.columns.includes(c));
    if (missing.length === 0 && extra.length === 0 && names.size === header.length)
      return { versions: set.versions };
    if (best === null || missing.length + extra.length < best.missing.length + best.extra.length)
      best = { versions: set.versions, missing, extra };
  }
  const b = best as { versions: string; missing: string[]; extra: string[] };
  const parts = [
    b.missing.length > 0 ? `lacks ${b.missing.slice(0, 6).join(", ")}${b.missing.length > 6 ? "…" : ""}` : "",
    b.extra.length > 0 ? `has ${b.extra.slice(0, 6).join(", ")}${b.extra.length > 6 ? "…" : ""}` : "",
  ].filter((p) => p !== "");
  return {
    refused: `is not a CodeCarbon 2.x/3.x emissions.csv header: closest to ${b.versions}, it ${parts.join(" and ")}${names.size !== header.length ? " (a column appears twice)" : ""}`,
  };
};
