// CodeCarbon's emissions.csv read into rows for the server: numbers as numbers, one row per run_id (the
// last one, with the longest duration: CodeCarbon may write a run's cumulative figures more than once).

/** Columns sent as numbers when they hold one. */
const NUMERIC = new Set([
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
  "water_consumed",
  "cpu_count",
  "gpu_count",
  "ram_total_size",
  "cpu_utilization_percent",
  "gpu_utilization_percent",
  "ram_utilization_percent",
  "ram_used_gb",
  "pue",
  "wue",
]);

/** Records of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
export const csvRecords = (text: string): string[][] => {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      if (record.some((f) => f !== "")) records.push(record);
      record = [];
      field = "";
    } else field += c;
  }
  record.push(field);
  if (record.some((f) => f !== "")) records.push(record);
  return records;
};

/** Rows of an emissions.csv as objects, the last row of each run_id kept. Throws when there is no header. */
export const codecarbonRows = (text: string): Record<string, string | number>[] => {
  const [header, ...records] = csvRecords(text.replace(/^\uFEFF/, ""));
  if (header === undefined || !header.includes("run_id") || !header.includes("energy_consumed"))
    throw new Error("not a CodeCarbon emissions.csv (no run_id and energy_consumed columns)");
  const byRun = new Map<string, Record<string, string | number>>();
  for (const fields of records) {
    // Empty cells are left out (the server reads a missing column as unknown).
    const row: Record<string, string | number> = {};
    header.forEach((column, i) => {
      const value = fields[i] ?? "";
      if (value !== "") row[column] = NUMERIC.has(column) && /^-?\d/.test(value) ? Number(value) : value;
    });
    const key = String(row.run_id ?? "");
    const previous = byRun.get(key);
    if (previous === undefined || Number(row.duration ?? 0) >= Number(previous.duration ?? 0))
      byRun.set(key, row);
  }
  return [...byRun.values()];
};
