import type { HardwareEntry } from "../types.ts";
import { amdInstinct } from "./amd-instinct.ts";
import { appleSilicon } from "./apple-silicon.ts";
import { awsAccelerators } from "./aws-accelerators.ts";
import { consumerGpus } from "./consumer-gpus.ts";
import { withPowerCurve } from "./cpu-power-curves.ts";
import { cpusAmd } from "./cpus-amd.ts";
import { cpusCloud } from "./cpus-cloud.ts";
import { cpusIntel } from "./cpus-intel.ts";
import { googleTpu } from "./google-tpu.ts";
import { intelGaudi } from "./intel-gaudi.ts";
import { nvidiaDatacenter } from "./nvidia-datacenter.ts";
import { nvidiaWorkstation } from "./nvidia-workstation.ts";

/**
 * The hand-written catalog: GPUs, TPUs, NPUs, SoCs and the CPUs whose datasheets were read one by one,
 * each CPU with its architecture's load curve. These win over generated CPU rows with the same name
 * (scripts/generate-cpus.mjs drops those rows).
 */
export const handWrittenHardware: readonly HardwareEntry[] = [
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
  ...cpusCloud,
].map(withPowerCurve);
