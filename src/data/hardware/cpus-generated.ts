import type { HardwareEntry } from "../types.ts";
import { cpuPowerCurveOf } from "./cpu-power-curves.ts";
import { generatedCpuKeys, generatedCpuTable } from "./cpus.generated.ts";

/** One catalog entry from a line of the generated table; unknown numbers (0) and fields ("") are left out. */
const entryOf = (line: string): HardwareEntry => {
  const [id = "", name = "", tdp, cores, threads, released, architecture = "", source = "", note = ""] =
    line.split("\t");
  const entry: { -readonly [K in keyof HardwareEntry]: HardwareEntry[K] } = {
    id,
    name,
    aliases: [],
    vendor: name.startsWith("Intel") ? "Intel" : "AMD",
    kind: "cpu",
    tdpW: Number(tdp),
    source,
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

/** The generated CPU with this lookup key, reading only its own row. */
export const generatedCpuByKey = (key: string): HardwareEntry | undefined => {
  if (rowByKey === undefined) {
    rowByKey = new Map();
    for (const pair of generatedCpuKeys.trim().split("\n")) {
      const space = pair.indexOf(" ");
      rowByKey.set(pair.slice(0, space), Number(pair.slice(space + 1)));
    }
  }
  const index = rowByKey.get(key);
  return index === undefined ? undefined : row(index);
};
