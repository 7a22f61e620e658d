// The generated CPU table of the Node builds, read from the file beside this module: src/data/hardware/ in
// the sources, and next to the bundle that holds this code in dist/ (scripts/build.mjs copies it there).
// The web page does not carry the table.
import { readFileSync } from "node:fs";
import type { HardwareEntry, LazyHardware } from "../types.ts";
import { generatedCpusFrom } from "./cpus-generated.ts";
import { handWrittenHardware } from "./hand-written.ts";

/**
 * The CPUs of cpus.generated.tsv, looked up by key or listed; the file is read on first use.
 *
 * @example
 * generatedCpus.byKey("amdepyc7302p")?.tdpW // 155
 */
export const generatedCpus: LazyHardware = generatedCpusFrom(() =>
  readFileSync(new URL("./cpus.generated.tsv", import.meta.url), "utf8"),
);

let all: readonly HardwareEntry[] | undefined;

/**
 * The whole hardware catalog: the hand-written GPUs, TPUs, NPUs, SoCs and CPUs first, then every CPU of
 * the generated TDP table (cpus.generated.tsv) that the hand-written entries do not name. Built on first
 * call, so commands that only name hand-written hardware never read the generated table.
 *
 * @example
 * allHardware().length // > 4000
 */
export const allHardware = (): readonly HardwareEntry[] => {
  all ??= [...handWrittenHardware, ...generatedCpus.all()];
  return all;
};
