import {
  closeSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { TrackerError, unwritable } from "./tracker-error.ts";

/** CodeCarbon's emissions.csv columns, in its order (energy kWh, emissions kg, power W). */
export const CODECARBON_COLUMNS = [
  "timestamp",
  "project_name",
  "run_id",
  "experiment_id",
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
  "cpu_utilization_percent",
  "gpu_utilization_percent",
  "ram_utilization_percent",
  "ram_used_gb",
  "on_cloud",
  "pue",
  "wue",
] as const;

/** One CodeCarbon row; missing columns are written empty. */
export type CodecarbonRow = Partial<Record<(typeof CODECARBON_COLUMNS)[number], string | number | null>>;

const cell = (value: string | number | null | undefined): string => {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The CSV text of rows, with the header when asked. */
export const codecarbonCsv = (rows: readonly CodecarbonRow[], header: boolean): string => {
  const lines = rows.map((row) => CODECARBON_COLUMNS.map((c) => cell(row[c])).join(","));
  return `${[...(header ? [CODECARBON_COLUMNS.join(",")] : []), ...lines].join("\n")}\n`;
};

const HEADER = CODECARBON_COLUMNS.join(",");

/** Up to `length` bytes of a file from `position` (null when it cannot be read). */
const readBytes = (path: string, position: number, length: number): Buffer | null => {
  let fd: number | null = null;
  try {
    fd = openSync(path, "r");
    const buffer = Buffer.alloc(length);
    return buffer.subarray(0, readSync(fd, buffer, 0, length, position));
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
};

/**
 * The first line of an existing CSV and whether it is CodeCarbon's header; null when the file is missing,
 * empty, unreadable or not a regular file (a pipe, a device).
 */
export const readCsvHeader = (path: string): { readonly line: string; readonly matches: boolean } | null => {
  try {
    if (!statSync(path).isFile()) return null;
  } catch {
    return null;
  }
  const start = readBytes(path, 0, 64 * 1024);
  if (start === null || start.length === 0) return null;
  const text = start.toString("utf8").replace(/^\uFEFF/, "");
  const line = text.split(/\r?\n|\r/, 1)[0] ?? "";
  return { line, matches: line === HEADER };
};

/** The error for a CSV whose first line is not CodeCarbon's header. */
export const otherColumns = (path: string, line: string): TrackerError => {
  const shown = line.length > 60 ? `${line.slice(0, 57)}…` : line;
  return new TrackerError(
    "other-columns",
    "csv",
    path,
    "other columns than CodeCarbon's",
    `${path} has other columns than CodeCarbon's emissions.csv (its first line is ${JSON.stringify(shown)}); nothing was appended: give a new file, or move this one aside`,
  );
};

/**
 * Appends a row like CodeCarbon does: one row per run, the header first when the file is new or empty,
 * in one write. Refuses a file whose header has other columns; a write that fails (a full disk) is undone,
 * so the file keeps whole rows, and a file this call created is removed. Throws a {@link TrackerError}.
 */
export const appendCodecarbonRow = (path: string, row: CodecarbonRow): void => {
  let fd: number;
  let created = true;
  try {
    fd = openSync(path, "ax");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw unwritable("csv", path, error);
    created = false;
    try {
      fd = openSync(path, "a");
    } catch (again) {
      throw unwritable("csv", path, again);
    }
  }
  let size = 0;
  let regular = false;
  try {
    const stat = fstatSync(fd);
    regular = stat.isFile();
    size = regular ? stat.size : 0;
    const header = size > 0 ? readCsvHeader(path) : null;
    if (header !== null && !header.matches) throw otherColumns(path, header.line);
    const endsLine = size === 0 || readBytes(path, size - 1, 1)?.toString() === "\n";
    const data = Buffer.from(`${endsLine ? "" : "\n"}${codecarbonCsv([row], size === 0)}`);
    for (let done = 0; done < data.length; ) done += writeSync(fd, data, done);
  } catch (error) {
    if (regular) {
      try {
        if (created) unlinkSync(path);
        else ftruncateSync(fd, size);
      } catch {
        // the file may keep a cut row; nothing more can be done
      }
    }
    throw error instanceof TrackerError ? error : unwritable("csv", path, error);
  } finally {
    closeSync(fd);
  }
};
