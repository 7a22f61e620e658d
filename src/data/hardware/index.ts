import type { HardwareEntry } from "../types.ts";
import { amdInstinct } from "./amd-instinct.ts";
import { appleSilicon } from "./apple-silicon.ts";
import { awsAccelerators } from "./aws-accelerators.ts";
import { consumerGpus } from "./consumer-gpus.ts";
import { cpusAmd } from "./cpus-amd.ts";
import { cpusIntel } from "./cpus-intel.ts";
import { googleTpu } from "./google-tpu.ts";
import { intelGaudi } from "./intel-gaudi.ts";
import { nvidiaDatacenter } from "./nvidia-datacenter.ts";
import { nvidiaWorkstation } from "./nvidia-workstation.ts";

export { hardwareSources } from "./sources.ts";

/** The whole hardware catalog: GPUs, TPUs, NPUs, SoCs and CPUs, each with a sourced TDP. */
export const hardware: readonly HardwareEntry[] = [
  ...nvidiaDatacenter,
  ...nvidiaWorkstation,
  ...consumerGpus,
  ...amdInstinct,
  ...googleTpu,
  ...intelGaudi,
  ...awsAccelerators,
  ...appleSilicon,
  ...cpusIntel,
  ...cpusAmd,
];
