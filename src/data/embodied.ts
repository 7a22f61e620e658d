/**
 * Manufacturing (embodied) emissions: kg CO2eq per device, per GB of memory and per server, each with its
 * range and sources, and the service life they are spread over. Published figures disagree by a factor
 * of several; the range says so. Data only: the engine's embodied stage (src/core/estimate/embodied.ts)
 * amortises them over a job.
 */
import type { EmbodiedData, EmbodiedFactor } from "./types.ts";

/** The BLOOM accounting's per-A100 figure, with Chien et al.'s p4d share as the high end. */
const a100: EmbodiedFactor = {
  value: 150,
  year: 2022,
  source: "luccioni-bloom-2022",
  range: { low: 150, high: 318 },
  note: "BLOOM's 150 kg per A100; Chien et al. [chien-hotcarbon-2023] attribute 318 kg to each A100 as 1/8 of an AWS p4d server.",
};

/** Embodied-emission factors of the bundled dataset. */
export const embodied: EmbodiedData = {
  accelerator: {
    value: 150,
    year: 2022,
    source: "luccioni-bloom-2022",
    range: { low: 60, high: 318 },
    note: "150 kg per data-centre GPU as the BLOOM accounting and the Hugging Face calculator use it; low end the ECODIAG figure for a 'powerful GPU' as quoted in Boavizta's issue [boavizta-gpu-issue-65]; high end Chien et al.'s A100 [chien-hotcarbon-2023]. Newer, larger boards (H100, B200) are likely above this range; no per-board figure is published.",
  },
  byHardware: {
    "nvidia-a100-sxm4-40gb": a100,
    "nvidia-a100-sxm4-80gb": a100,
    "nvidia-a100-pcie-40gb": a100,
    "nvidia-a100-pcie-80gb": a100,
  },
  cpu: {
    value: 21,
    year: 2021,
    source: "uba-green-cloud-2021",
    range: { low: 13, high: 33 },
    note: "9.14 kg + 1.97 kg per cm² of die (UBA Green Cloud Computing factors, as Boavizta applies them) for 600 mm² of die; 200 mm² gives 13 kg, 1,200 mm² (a multi-die EPYC) 33 kg.",
  },
  memoryPerGB: {
    value: 1.09,
    year: 2021,
    source: "uba-green-cloud-2021",
    range: { low: 0.4, high: 3.68 },
    note: "2.20 kg per cm² of DRAM die plus 5.22 kg per module (UBA factors) for a 32 GB module at 2.375 GB/cm² (an 18 nm process, the densest in Boavizta's table); 0.625 GB/cm² (30 nm) gives 3.68 kg/GB. LLMCarbon uses 0.4 kg/GB [llmcarbon-2024].",
  },
  server: {
    value: 2500,
    year: 2022,
    source: "luccioni-bloom-2022",
    range: { low: 968, high: 2500 },
    note: "BLOOM's 2,500 kg for an HPE Apollo 6500 Gen10 Plus without its GPUs (two CPUs, memory, storage, chassis). The low end adds UBA factors for a 2-CPU, 512 GB server: 2 × 21 kg CPUs + 512 × 1.09 kg memory + the 368 kg chassis (rack case, motherboard, two power supplies, assembly).",
  },
  chassis: {
    value: 368,
    year: 2021,
    source: "uba-green-cloud-2021",
    range: { low: 368, high: 1900 },
    note: "A rack server without CPUs, memory, storage or accelerators, from the UBA factors as Boavizta applies them: rack case 150 kg + motherboard 66.1 kg + two 2.99 kg power supplies at 24.3 kg/kg (145.3 kg) + assembly 6.68 kg. High end: BLOOM's 2,500 kg GPU server less the UBA figures for two CPUs and 512 GB (≈ 600 kg), for a large chassis.",
  },
  serviceLifeYears: {
    value: 6,
    year: 2022,
    source: "luccioni-bloom-2022",
    range: { low: 4, high: 6 },
    note: "BLOOM (Section 4.1): 'a replacement rate of 6 years and 85% average usage (which are the figures provided to us by IDRIS)'; Cloud Carbon Footprint amortises servers over 4 years [ccf-methodology], the low end (a shorter life charges each hour more).",
  },
  useShare: {
    value: 1,
    year: 2024,
    source: "sci-spec-2024",
    note: "The SCI specification spreads manufacture over the whole expected life (M = TE × TiR / EL × RR / ToR). An operator who knows its fleet's use gives it: BLOOM's 85 % is IDRIS's figure for Jean Zay, which charges the idle 15 % of the life to the jobs that ran.",
  },
  acceleratorsPerServer: {
    value: 8,
    year: 2022,
    source: "luccioni-bloom-2022",
    note: "BLOOM ran 384 A100s on 48 HPE Apollo 6500 Gen10 Plus nodes (8 per server), as NVIDIA's HGX and DGX systems carry 8 [nvidia-dgx-h100-user-guide]; an instance type uses the largest size of its provider with the same accelerator as its host.",
  },
  cpusPerServer: {
    value: 2,
    year: 2024,
    source: "nvidia-dgx-h100-user-guide",
    note: "A two-socket server, the common data-centre configuration (DGX H100 and BLOOM's Apollo 6500 nodes have two CPUs).",
  },
};
