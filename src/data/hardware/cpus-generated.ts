import { normalizeName, withoutVendorPrefix } from "../../core/normalize-name.ts";
import type { HardwareEntry } from "../types.ts";
import { cpuIdOf } from "./cpu-id.ts";
import { cpuPowerCurveOf } from "./cpu-power-curves.ts";
import { generatedCpuTable } from "./cpus.generated.ts";

/** Source ids of the table's one-letter source column. */
const SOURCES: Readonly<Record<string, string>> = {
  p: "codecarbon-cpu-power-2026",
  i: "codecarbon-intel-ark-2026",
  a: "codecarbon-amd-specs-2026",
};

/** One catalog entry from a line of the generated table; unknown numbers (0) and fields ("") are left out. */
const entryOf = (line: string): HardwareEntry => {
  const [name = "", tdp, cores, threads, released, architecture = "", source = "", note = ""] =
    line.split("\t");
  const entry: { -readonly [K in keyof HardwareEntry]: HardwareEntry[K] } = {
    id: cpuIdOf(name),
    name,
    aliases: [],
    vendor: name.startsWith("Intel") ? "Intel" : "AMD",
    kind: "cpu",
    tdpW: Number(tdp),
    source: SOURCES[source] ?? source,
  };
  // Cores only with threads: the tracker reads `threads ?? cores` as the package's hardware threads, and
  // Intel's table gives cores alone (a 2-way SMT part would be charged twice its TDP).
  if (Number(cores) > 0 && Number(threads) > 0) {
    entry.cores = Number(cores);
    entry.threads = Number(threads);
  }
  if (Number(released) > 0) entry.released = Number(released);
  if (architecture !== "") entry.architecture = architecture;
  entry.powerCurve = cpuPowerCurveOf(entry.architecture);
  if (note !== "") entry.note = note;
  return entry;
};

let lines: readonly string[] | undefined;
const entries: HardwareEntry[] = [];
let rowByKey: Map<string, number> | undefined;

const linesOfTable = (): readonly string[] => {
  lines ??= generatedCpuTable.trim().split("\n");
  return lines;
};

/** The entry of one row, built once (the same object for every caller). */
const row = (index: number): HardwareEntry => {
  let entry = entries[index];
  if (entry === undefined) {
    entry = entryOf(linesOfTable()[index] ?? "");
    entries[index] = entry;
  }
  return entry;
};

/** CPUs from CodeCarbon's TDP tables (MIT), each citing the upstream table it came from; built on first call. */
export const generatedCpus = (): readonly HardwareEntry[] => linesOfTable().map((_, i) => row(i));

/** Adds a normalised key and its form without vendor words, keeping the first row that claims a key. */
const addKey = (map: Map<string, number>, key: string, index: number): void => {
  if (!map.has(key)) map.set(key, index);
  const bare = withoutVendorPrefix(key);
  if (bare !== null && !map.has(bare)) map.set(bare, index);
};

/**
 * Row of each lookup key, as the engine's `hardwareKeys` makes them from an entry's id and name (the
 * id is the name in kebab case, so only a name with other characters, such as "+", adds a key), built on
 * the first lookup.
 */
const keysOfTable = (): Map<string, number> => {
  if (rowByKey === undefined) {
    rowByKey = new Map();
    const all = linesOfTable();
    for (let i = 0; i < all.length; i++) {
      const line = all[i] ?? "";
      const name = line.slice(0, line.indexOf("\t"));
      addKey(rowByKey, normalizeName(name), i);
      if (/[^A-Za-z0-9 -]/.test(name)) addKey(rowByKey, normalizeName(cpuIdOf(name)), i);
    }
  }
  return rowByKey;
};

/** The generated CPU with this lookup key, building only its own entry. */
export const generatedCpuByKey = (key: string): HardwareEntry | undefined => {
  const index = keysOfTable().get(key);
  return index === undefined ? undefined : row(index);
};
