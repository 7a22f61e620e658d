/**
 * Azure VM sizes: the ND and NC GPU series and the Dv5 / Ev5 / Dasv5 CPU series, as Microsoft's VM size
 * pages list them (memory in GiB). Azure's CPUs are parts made for Microsoft ("7V12", "8370C"): the GPU
 * sizes name the catalog's estimated entries for 7V12, 7V13 and 9V84; the CPU series leave `cpu` out
 * (the catalog's 8370C has no thread count, the 7763v no entry) and `cpuFamily` names the part.
 */
import type { InstanceType } from "../types.ts";
import { expandFamily, type FamilySize } from "./expand.ts";

const gpuSize = (
  id: string,
  hardware: string,
  count: number,
  vcpus: number,
  memoryGB: number,
  cpu: { readonly id?: string; readonly family: string },
  released: number,
): InstanceType => ({
  provider: "azure",
  id,
  accelerators: { hardware, count },
  vcpus,
  ...(cpu.id === undefined ? {} : { cpu: cpu.id }),
  cpuFamily: cpu.family,
  memoryGB,
  released,
  source: "azure-gpu-vm-sizes",
});

const rome = { id: "amd-epyc-7v12", family: "AMD EPYC 7V12 (Rome, made for Azure)" };
const milan = { id: "amd-epyc-7v13", family: "AMD EPYC 7V13 (Milan, made for Azure)" };
const genoa = { id: "amd-epyc-9v84", family: "AMD EPYC 9V84 (Genoa, made for Azure)" };
const broadwell = { family: "Intel Xeon E5-2690 v4 (Broadwell)" };
const sapphire = {
  id: "intel-xeon-platinum-8480c",
  family: "4th Gen Intel Xeon Scalable (Sapphire Rapids, Platinum 8480C)",
};

const gpuSizes: readonly InstanceType[] = [
  gpuSize("Standard_ND96isr_H100_v5", "nvidia-h100-sxm", 8, 96, 1900, sapphire, 2023),
  gpuSize("Standard_ND96asr_v4", "nvidia-a100-sxm4-40gb", 8, 96, 900, rome, 2020),
  gpuSize("Standard_ND96amsr_A100_v4", "nvidia-a100-sxm4-80gb", 8, 96, 1900, rome, 2021),
  gpuSize("Standard_NC24ads_A100_v4", "nvidia-a100-pcie-80gb", 1, 24, 220, milan, 2022),
  gpuSize("Standard_NC48ads_A100_v4", "nvidia-a100-pcie-80gb", 2, 48, 440, milan, 2022),
  gpuSize("Standard_NC96ads_A100_v4", "nvidia-a100-pcie-80gb", 4, 96, 880, milan, 2022),
  gpuSize("Standard_NC40ads_H100_v5", "nvidia-h100-nvl", 1, 40, 320, genoa, 2023),
  gpuSize("Standard_NC80adis_H100_v5", "nvidia-h100-nvl", 2, 80, 640, genoa, 2023),
  gpuSize("Standard_NC6s_v3", "nvidia-tesla-v100-pcie-16gb", 1, 6, 112, broadwell, 2017),
  gpuSize("Standard_NC12s_v3", "nvidia-tesla-v100-pcie-16gb", 2, 12, 224, broadwell, 2017),
  gpuSize("Standard_NC24s_v3", "nvidia-tesla-v100-pcie-16gb", 4, 24, 448, broadwell, 2017),
  gpuSize("Standard_NC4as_T4_v3", "nvidia-tesla-t4", 1, 4, 28, rome, 2020),
  gpuSize("Standard_NC8as_T4_v3", "nvidia-tesla-t4", 1, 8, 56, rome, 2020),
  gpuSize("Standard_NC16as_T4_v3", "nvidia-tesla-t4", 1, 16, 110, rome, 2020),
  gpuSize("Standard_NC64as_T4_v3", "nvidia-tesla-t4", 4, 64, 440, rome, 2020),
];

const vSizes: FamilySize[] = [2, 4, 8, 16, 32, 48, 64, 96].map((n): FamilySize => [String(n), n]);
const cpuSeries = { provider: "azure", source: "azure-general-purpose-vm-sizes" } as const;

/** Azure VM sizes. */
export const azureInstances: readonly InstanceType[] = [
  ...gpuSizes,
  ...expandFamily({
    ...cpuSeries,
    name: (s) => `Standard_D${s}s_v5`,
    memoryPerVcpu: 4,
    cpuFamily: "Intel Xeon Platinum 8370C (Ice Lake, made for Azure)",
    released: 2021,
    sizes: vSizes,
  }),
  ...expandFamily({
    ...cpuSeries,
    name: (s) => `Standard_E${s}s_v5`,
    memoryPerVcpu: 8,
    cpuFamily: "Intel Xeon Platinum 8370C (Ice Lake, made for Azure)",
    released: 2021,
    sizes: vSizes.slice(0, 7),
  }),
  {
    provider: "azure",
    id: "Standard_E96s_v5",
    vcpus: 96,
    cpuFamily: "Intel Xeon Platinum 8370C (Ice Lake, made for Azure)",
    memoryGB: 672,
    released: 2021,
    source: "azure-general-purpose-vm-sizes",
    note: "672 GiB, not 8 GiB per vCPU like the smaller Ev5 sizes.",
  },
  ...expandFamily({
    ...cpuSeries,
    name: (s) => `Standard_D${s}as_v5`,
    memoryPerVcpu: 4,
    cpuFamily: "AMD EPYC 7763v (Milan, made for Azure)",
    released: 2021,
    sizes: vSizes,
  }),
];
