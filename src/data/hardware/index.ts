import type { HardwareEntry } from "../types.ts";
import { generatedCpuByKey, generatedCpus } from "./cpus-generated.ts";
import { handWrittenHardware } from "./hand-written.ts";

export { hardwareSources } from "./sources.ts";
export { generatedCpuByKey, generatedCpus, handWrittenHardware };

let all: readonly HardwareEntry[] | undefined;

/**
 * The whole hardware catalog: the hand-written GPUs, TPUs, NPUs, SoCs and CPUs first, then every CPU of
 * the generated TDP table (cpus.generated.ts) that the hand-written entries do not name. Built on first
 * call, so commands that only name hand-written hardware never parse the generated table.
 *
 * @example
 * allHardware().length // > 4000
 */
export const allHardware = (): readonly HardwareEntry[] => {
  all ??= [...handWrittenHardware, ...generatedCpus()];
  return all;
};
