/**
 * Google Cloud machine types: the GPU machine types (A2, A3, G2) as the GPU machine-types page lists
 * them, and the general-purpose N2 and compute-optimized C3 series. Google lists memory in GB and names
 * CPU platforms, not part numbers, except where noted.
 */
import type { InstanceType } from "../types.ts";
import { expandFamily, type FamilySize } from "./expand.ts";

const gpuType = (
  id: string,
  hardware: string,
  count: number,
  vcpus: number,
  memoryGB: number,
  cpu: { readonly id?: string; readonly family: string },
  released: number,
): InstanceType => ({
  provider: "gcp",
  id,
  accelerators: { hardware, count },
  vcpus,
  ...(cpu.id === undefined ? {} : { cpu: cpu.id }),
  cpuFamily: cpu.family,
  memoryGB,
  released,
  source: "gcp-gpu-machine-types",
});

const cascade = { family: "Intel Cascade Lake (Google names no part number)" };
const sapphire = { id: "intel-xeon-platinum-8481c", family: "Intel Sapphire Rapids (Xeon Platinum 8481C)" };

const gpuTypes: readonly InstanceType[] = [
  gpuType("a2-highgpu-1g", "nvidia-a100-sxm4-40gb", 1, 12, 85, cascade, 2021),
  gpuType("a2-highgpu-2g", "nvidia-a100-sxm4-40gb", 2, 24, 170, cascade, 2021),
  gpuType("a2-highgpu-4g", "nvidia-a100-sxm4-40gb", 4, 48, 340, cascade, 2021),
  gpuType("a2-highgpu-8g", "nvidia-a100-sxm4-40gb", 8, 96, 680, cascade, 2021),
  gpuType("a2-megagpu-16g", "nvidia-a100-sxm4-40gb", 16, 96, 1360, cascade, 2021),
  gpuType("a2-ultragpu-1g", "nvidia-a100-sxm4-80gb", 1, 12, 170, cascade, 2022),
  gpuType("a2-ultragpu-2g", "nvidia-a100-sxm4-80gb", 2, 24, 340, cascade, 2022),
  gpuType("a2-ultragpu-4g", "nvidia-a100-sxm4-80gb", 4, 48, 680, cascade, 2022),
  gpuType("a2-ultragpu-8g", "nvidia-a100-sxm4-80gb", 8, 96, 1360, cascade, 2022),
  gpuType("a3-highgpu-8g", "nvidia-h100-sxm", 8, 208, 1872, sapphire, 2023),
  gpuType("a3-megagpu-8g", "nvidia-h100-sxm", 8, 208, 1872, sapphire, 2024),
  ...(
    [
      ["g2-standard-4", 1, 4, 16],
      ["g2-standard-8", 1, 8, 32],
      ["g2-standard-12", 1, 12, 48],
      ["g2-standard-16", 1, 16, 64],
      ["g2-standard-24", 2, 24, 96],
      ["g2-standard-32", 1, 32, 128],
      ["g2-standard-48", 4, 48, 192],
      ["g2-standard-96", 8, 96, 384],
    ] as const
  ).map(([id, gpus, vcpus, memory]) => gpuType(id, "nvidia-l4", gpus, vcpus, memory, cascade, 2023)),
];

const sizes = (...vcpus: number[]): FamilySize[] => vcpus.map((n): FamilySize => [String(n), n]);
const n2Sizes = sizes(2, 4, 8, 16, 32, 48, 64, 80, 96, 128);
const c3Sizes = sizes(4, 8, 22, 44, 88, 176);
const n2 = {
  provider: "gcp",
  cpuFamily: "Intel Cascade Lake or Ice Lake (Google names no part number)",
  released: 2019,
  source: "gcp-general-purpose-machines",
  note: "N2 runs on Cascade Lake, or Ice Lake for 96 vCPUs and more and where chosen.",
} as const;
const c3 = {
  provider: "gcp",
  cpu: sapphire.id,
  cpuFamily: sapphire.family,
  released: 2023,
  source: "gcp-general-purpose-machines",
} as const;

/** Google Cloud machine types. */
export const gcpInstances: readonly InstanceType[] = [
  ...gpuTypes,
  ...expandFamily({ ...n2, name: (s) => `n2-standard-${s}`, memoryPerVcpu: 4, sizes: n2Sizes }),
  ...expandFamily({ ...n2, name: (s) => `n2-highmem-${s}`, memoryPerVcpu: 8, sizes: n2Sizes }),
  ...expandFamily({ ...n2, name: (s) => `n2-highcpu-${s}`, memoryPerVcpu: 1, sizes: n2Sizes.slice(0, 9) }),
  ...expandFamily({ ...c3, name: (s) => `c3-standard-${s}`, memoryPerVcpu: 4, sizes: c3Sizes }),
  ...expandFamily({ ...c3, name: (s) => `c3-highmem-${s}`, memoryPerVcpu: 8, sizes: c3Sizes }),
  ...expandFamily({ ...c3, name: (s) => `c3-highcpu-${s}`, memoryPerVcpu: 2, sizes: c3Sizes }),
];
