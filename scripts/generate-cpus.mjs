// Generates src/data/hardware/cpus.generated.tsv: every CPU of CodeCarbon's TDP tables (MIT), kept under
// data/raw/codecarbon/, and the lookup keys the engine makes of each (hardwareKeys). Rows whose name is
// already in the hand-written catalog are left out (the hand-written entry, with its own datasheet
// source, wins). A text file beside the code rather than a module: it is read only when a lookup misses
// the hand-written catalog, and no command compiles it (scripts/build.mjs copies it next to the bundle).
// Run: node --import tsx scripts/generate-cpus.mjs   (npm run generate:data runs every generator)
import { readFileSync } from "node:fs";
import { hardwareKeys } from "../src/core/dataset-index.ts";
import { normalizeName } from "../src/core/normalize-name.ts";
import { cpuIdOf } from "../src/data/hardware/cpu-id.ts";
import { handWrittenHardware } from "../src/data/hardware/hand-written.ts";
import { cpuArchitectureOf } from "./lib/cpu-architecture.mjs";
import { parseCsvRecords } from "./lib/csv.mjs";
import { generatedHeader, rawFile, writeGeneratedText } from "./lib/generated-file.mjs";

const dir = "data/raw/codecarbon";
const upstream = JSON.parse(readFileSync(`${dir}/SOURCE.json`, "utf8"));
const inputs = {
  power: rawFile(`${dir}/cpu_power.csv`),
  intel: rawFile(`${dir}/intel_cpu_ark_dataset.csv`),
  amdServer: rawFile(`${dir}/amd_cpu_server_dataset.csv`),
  amdDesktop: rawFile(`${dir}/amd_cpu_desktop_dataset.csv`),
};

/** Trademark signs and marketing words out, single spaces. */
const tidy = (name) =>
  name
    .replace(/[®™]/g, "")
    .replace(/\s+Processor\b|\bProcessor\s+/gi, " ")
    .replace(/\s+processor\s+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

const number = (text) => {
  const match = /([\d.]+)/.exec(text ?? "");
  return match ? Number(match[1]) : 0;
};
const yearOf = (text) => {
  const quarter = /Q\d'(\d\d)/.exec(text ?? "");
  if (quarter) return 2000 + Number(quarter[1]);
  const full = /(\d{4})/.exec(text ?? "");
  return full ? Number(full[1]) : 0;
};

/** Rows of the scraped vendor tables (cores, threads, launch year) by normalised name. */
const rich = new Map();
const addRich = (row) => {
  if (!(row.tdpW > 0)) return;
  const key = normalizeName(row.name);
  if (!rich.has(key)) rich.set(key, row);
};
for (const r of parseCsvRecords(inputs.intel.text)) {
  addRich({
    name: tidy(r.cpu_name),
    tdpW: number(r.tdp),
    cores: number(r.total_cores),
    threads: 0,
    released: yearOf(r.launch_date),
    source: "codecarbon-intel-ark-2026",
  });
}
for (const [file, source] of [
  [inputs.amdServer, "codecarbon-amd-specs-2026"],
  [inputs.amdDesktop, "codecarbon-amd-specs-2026"],
]) {
  for (const r of parseCsvRecords(file.text)) {
    const name = tidy(r.Name);
    const tdps = (r["Default TDP"] ?? "").split("/").map(number);
    const note = tdps.length > 1 ? `AMD lists ${r["Default TDP"].trim()} (the first is used)` : undefined;
    addRich({
      name: /\bAMD\b/.test(name) ? name : `AMD ${name}`,
      tdpW: tdps[0] ?? 0,
      cores: number(r["# of CPU Cores"]),
      threads: number(r["# of Threads"]),
      released: yearOf(r["Launch Date"]),
      source,
      note,
    });
  }
}

/** Names of cpu_power.csv without a vendor word are AMD parts (Opteron, Athlon, Phenom, FX, A-series). */
// "AMD 6th Gen AMD PRO …" repeats the vendor: the table has both spellings of such parts.
const vendorName = (name) => {
  const once = name.replace(/^AMD (?=.*\bAMD\b)/, "");
  return /^(Intel|AMD)\b|Gen AMD\b/.test(once) ? once : `AMD ${once}`;
};

const rows = new Map();
for (const r of parseCsvRecords(inputs.power.text)) {
  if (/^(Apple|ARM)/.test(r.Name)) continue; // Apple silicon is hand-written; "ARMv8 Processor" names no part
  const name = vendorName(tidy(r.Name));
  const key = normalizeName(name);
  const tdpW = Number(r.TDP);
  if (!(tdpW > 0) || rows.has(key)) continue;
  const detail = rich.get(key);
  if (detail) {
    const notes = [detail.note];
    if (detail.tdpW !== tdpW) notes.push(`cpu_power.csv lists ${tdpW} W`);
    rows.set(key, { ...detail, name, note: notes.filter(Boolean).join("; ") });
  } else {
    rows.set(key, { name, tdpW, cores: 0, threads: 0, released: 0, source: "codecarbon-cpu-power-2026" });
  }
}
for (const [key, detail] of rich) if (!rows.has(key)) rows.set(key, detail);

// Hand-written entries win: drop generated rows that share any lookup key with them (with or without
// the vendor word: "Intel A100", a 2008 Atom, would otherwise answer to "A100").
const handKeys = new Set(handWrittenHardware.flatMap((entry) => hardwareKeys(entry)));
const kept = [...rows.values()]
  .filter(
    (row) =>
      !hardwareKeys({ id: cpuIdOf(row.name), name: row.name, aliases: [] }).some((k) => handKeys.has(k)),
  )
  .sort((a, b) => a.name.localeCompare(b.name, "en"));
const dropped = rows.size - kept.length;

const SOURCE_CODES = {
  "codecarbon-cpu-power-2026": "p",
  "codecarbon-intel-ark-2026": "i",
  "codecarbon-amd-specs-2026": "a",
};
const clean = (text) => String(text).replace(/[\t\r\n]/g, " ");
const line = (row) => {
  if (row.name.startsWith("#")) throw new Error(`a CPU name that reads as a comment line: ${row.name}`);
  return [
    row.name,
    row.tdpW,
    row.cores,
    row.threads,
    row.released,
    cpuArchitectureOf(row.name) ?? "",
    SOURCE_CODES[row.source],
    row.note ?? "",
  ]
    .map(clean)
    .join("\t")
    .replace(/\t+$/, "");
};

/** Each lookup key of the kept rows, with the first row that claims it (as the engine's own index would). */
const rowOfKey = new Map();
kept.forEach((row, index) => {
  for (const key of hardwareKeys({ id: cpuIdOf(row.name), name: row.name, aliases: [] })) {
    if (!rowOfKey.has(key)) rowOfKey.set(key, index);
  }
});

const header = generatedHeader({
  script: "scripts/generate-cpus.mjs",
  inputs: Object.values(inputs),
  upstream: `${upstream.repository} @ ${upstream.commit} (${upstream.commitDate}), ${upstream.licence}`,
  summary: `${kept.length} CPUs; ${dropped} rows left out because a hand-written entry has the same name`,
}).replace(/^\/\/ /gm, "# ");
writeGeneratedText(
  "src/data/hardware/cpus.generated.tsv",
  `${header}
# CPUs of CodeCarbon's TDP tables that the hand-written catalog does not name, one per line, tab-separated:
# name, TDP W, cores, threads, launch year (0 = unknown), architecture ("" = unknown), source (p = cpu_power.csv,
# i = Intel ARK table, a = AMD tables), note. After the line "#keys": every lookup key the engine makes of
# these CPUs (src/core/dataset-index.ts, hardwareKeys), a tab and the number of the first row with it (0 = the
# first CPU).
${kept.map(line).join("\n")}
#keys
${[...rowOfKey].map(([key, index]) => `${key}\t${index}`).join("\n")}
`,
);
if (!process.argv.includes("--check"))
  console.log(
    `cpus.generated.tsv: ${kept.length} CPUs (${dropped} superseded by hand-written entries), ${rowOfKey.size} keys`,
  );
