import type { HardwareEntry, LazyHardware } from "../types.ts";
import { cpuIdOf } from "./cpu-id.ts";
import { cpuPowerCurveOf } from "./cpu-power-curves.ts";

/** Source ids of the table's one-letter source column. */
const SOURCES: Readonly<Record<string, string>> = {
  p: "codecarbon-cpu-power-2026",
  i: "codecarbon-intel-ark-2026",
  a: "codecarbon-amd-specs-2026",
};

/** The line that ends the rows and starts the lookup keys. */
const KEYS_MARK = "\n#keys\n";

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

/** The table's text split once: its rows, and the start of its key lines. */
interface Table {
  readonly text: string;
  readonly rows: readonly string[];
  /** Index of the newline before the first key line. */
  readonly keysAt: number;
}

const tableOf = (text: string): Table => {
  const mark = text.indexOf(KEYS_MARK);
  if (mark < 0) throw new Error("generated CPU table: no #keys line (regenerate it: npm run generate:data)");
  const rows = text
    .slice(0, mark)
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"));
  return { text, rows, keysAt: mark + KEYS_MARK.length - 1 };
};

/**
 * The CPUs of the generated TDP table (scripts/generate-cpus.mjs: CodeCarbon's tables, MIT), read from
 * its text only when first asked: a lookup finds its key among the table's precomputed key lines and
 * builds that one entry; `all` builds every entry. Each entry is built once (the same object for every
 * caller).
 *
 * @param readTable returns the text of cpus.generated.tsv (called once, on first use)
 * @example
 * const cpus = generatedCpusFrom(() => readFileSync("src/data/hardware/cpus.generated.tsv", "utf8"));
 * cpus.byKey("intelxeone52620v3")?.tdpW // 85
 */
export const generatedCpusFrom = (readTable: () => string): LazyHardware => {
  let table: Table | undefined;
  const entries: HardwareEntry[] = [];
  const loaded = (): Table => {
    table ??= tableOf(readTable());
    return table;
  };
  const row = (index: number): HardwareEntry | undefined => {
    let entry = entries[index];
    if (entry === undefined) {
      const line = loaded().rows[index];
      if (line === undefined) return undefined;
      entry = entryOf(line);
      entries[index] = entry;
    }
    return entry;
  };
  return {
    all: () => loaded().rows.map((_, i) => row(i) as HardwareEntry),
    byKey: (key) => {
      if (key === "") return undefined;
      const { text, keysAt } = loaded();
      const at = text.indexOf(`\n${key}\t`, keysAt);
      if (at < 0) return undefined;
      const start = at + key.length + 2;
      const end = text.indexOf("\n", start);
      return row(Number(text.slice(start, end < 0 ? undefined : end)));
    },
  };
};
