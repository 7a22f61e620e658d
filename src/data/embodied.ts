/**
 * Manufacturing (embodied) emissions: kg CO2eq per device, per GB of memory and per server, each with its
 * range and sources, and the service life they are spread over. Published figures disagree by a factor
 * of several; the range says so. Data only: src/core/embodied.ts amortises them over a job.
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
    range: { low: 970, high: 2500 },
    note: "BLOOM's 2,500 kg for an HPE Apollo 6500 Gen10 Plus without its GPUs (two CPUs, memory, storage, chassis). The low end adds UBA factors for a 2-CPU, 512 GB server: 2 × 21 kg CPUs + 512 × 1.09 kg memory + 370 kg rack case, motherboard, two power supplies and assembly.",
  },
  serviceLifeYears: {
    value: 6,
    year: 2022,
    source: "luccioni-bloom-2022",
    range: { low: 4, high: 6 },
    note: "BLOOM's 6-year replacement rate (Google's TPU life-cycle study also uses 6 years); Cloud Carbon Footprint amortises servers over 4 years [ccf-methodology].",
  },
};
