/**
 * Amazon EC2 instance types: accelerated computing (p3, p4d, p4de, p5, p5e, g5, g6, trn1, inf2) and the
 * common general-purpose, compute- and memory-optimized CPU families, as the EC2 instance-type
 * specifications list them (accelerators, vCPUs, memory in GiB, processor).
 */
import type { InstanceType } from "../types.ts";
import { awsSizes, expandFamily } from "./expand.ts";

const accelerated = (
  id: string,
  hardware: string,
  count: number,
  vcpus: number,
  memoryGB: number,
  cpu: { readonly id?: string; readonly family: string },
  released: number,
  note?: string,
): InstanceType => ({
  provider: "aws",
  id,
  accelerators: { hardware, count },
  vcpus,
  ...(cpu.id === undefined ? {} : { cpu: cpu.id }),
  cpuFamily: cpu.family,
  memoryGB,
  released,
  source: "aws-ec2-accelerated-specs",
  ...(note === undefined ? {} : { note }),
});

const cascadeLake = {
  id: "intel-xeon-platinum-8275cl",
  family: "2nd Gen Intel Xeon Scalable (Cascade Lake, Platinum 8275CL)",
};
const milan7r13 = { id: "amd-epyc-7r13", family: "3rd Gen AMD EPYC (Milan, 7R13)" };
const rome7r32 = { id: "amd-epyc-7r32", family: "2nd Gen AMD EPYC (Rome, 7R32)" };
const iceLake = {
  id: "intel-xeon-platinum-8375c",
  family: "3rd Gen Intel Xeon Scalable (Ice Lake, Platinum 8375C)",
};
const broadwell = { family: "Intel Xeon E5-2686 v4 (Broadwell; a part made for AWS, not in the catalog)" };
const skylake8175 = { id: "intel-xeon-platinum-8175m", family: "Intel Xeon Platinum 8175M (Skylake-SP)" };

const g5 = [
  ["xlarge", 1, 4, 16],
  ["2xlarge", 1, 8, 32],
  ["4xlarge", 1, 16, 64],
  ["8xlarge", 1, 32, 128],
  ["16xlarge", 1, 64, 256],
  ["12xlarge", 4, 48, 192],
  ["24xlarge", 4, 96, 384],
  ["48xlarge", 8, 192, 768],
] as const;

/** EC2 instance types with accelerators. */
const acceleratedTypes: readonly InstanceType[] = [
  accelerated("p3.2xlarge", "nvidia-tesla-v100-sxm2-16gb", 1, 8, 61, broadwell, 2017),
  accelerated("p3.8xlarge", "nvidia-tesla-v100-sxm2-16gb", 4, 32, 244, broadwell, 2017),
  accelerated("p3.16xlarge", "nvidia-tesla-v100-sxm2-16gb", 8, 64, 488, broadwell, 2017),
  accelerated("p3dn.24xlarge", "nvidia-tesla-v100-sxm2-32gb", 8, 96, 768, skylake8175, 2018),
  accelerated("p4d.24xlarge", "nvidia-a100-sxm4-40gb", 8, 96, 1152, cascadeLake, 2020),
  accelerated("p4de.24xlarge", "nvidia-a100-sxm4-80gb", 8, 96, 1152, cascadeLake, 2022),
  accelerated("p5.48xlarge", "nvidia-h100-sxm", 8, 192, 2048, milan7r13, 2023),
  accelerated("p5e.48xlarge", "nvidia-h200-sxm", 8, 192, 2048, milan7r13, 2024),
  ...g5.map(([size, gpus, vcpus, memory]) =>
    accelerated(`g5.${size}`, "nvidia-a10g", gpus, vcpus, memory, rome7r32, 2021),
  ),
  ...g5.map(([size, gpus, vcpus, memory]) =>
    accelerated(`g6.${size}`, "nvidia-l4", gpus, vcpus, memory, milan7r13, 2024),
  ),
  accelerated("trn1.2xlarge", "aws-trainium", 1, 8, 32, iceLake, 2022),
  accelerated("trn1.32xlarge", "aws-trainium", 16, 128, 512, iceLake, 2022),
  accelerated("inf2.xlarge", "aws-inferentia2", 1, 4, 16, milan7r13, 2023),
  accelerated("inf2.8xlarge", "aws-inferentia2", 1, 32, 128, milan7r13, 2023),
  accelerated("inf2.24xlarge", "aws-inferentia2", 6, 96, 384, milan7r13, 2023),
  accelerated("inf2.48xlarge", "aws-inferentia2", 12, 192, 768, milan7r13, 2023),
];

const sixthGen = awsSizes(
  "large",
  "xlarge",
  "2xlarge",
  "4xlarge",
  "8xlarge",
  "12xlarge",
  "16xlarge",
  "24xlarge",
  "32xlarge",
);
const seventhGen = awsSizes(
  "large",
  "xlarge",
  "2xlarge",
  "4xlarge",
  "8xlarge",
  "12xlarge",
  "16xlarge",
  "24xlarge",
  "48xlarge",
);
const sapphire = {
  cpu: "intel-xeon-platinum-8488c",
  cpuFamily: "4th Gen Intel Xeon Scalable (Sapphire Rapids, Platinum 8488C)",
};
const ice = {
  cpu: "intel-xeon-platinum-8375c",
  cpuFamily: "3rd Gen Intel Xeon Scalable (Ice Lake, Platinum 8375C)",
};
const cpuSource = { provider: "aws", released: 0, source: "aws-ec2-cpu-specs" } as const;

/** The common CPU families; each size's memory is its vCPUs times the family's GiB per vCPU. */
const cpuTypes: readonly InstanceType[] = [
  ...expandFamily({
    ...cpuSource,
    name: (s) => `c5.${s}`,
    memoryPerVcpu: 2,
    cpu: "intel-xeon-platinum-8124m",
    cpuFamily: "Intel Xeon Platinum 8124M (Skylake-SP) or 8275CL (Cascade Lake)",
    released: 2017,
    note: "AWS runs c5 on either processor; the earlier 8124M is assumed (c5.12xlarge and c5.24xlarge are 8275CL only).",
    sizes: awsSizes("large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "18xlarge"),
  }),
  ...expandFamily({
    ...cpuSource,
    name: (s) => `c5.${s}`,
    memoryPerVcpu: 2,
    cpu: "intel-xeon-platinum-8275cl",
    cpuFamily: "2nd Gen Intel Xeon Scalable (Cascade Lake, Platinum 8275CL)",
    released: 2020,
    sizes: awsSizes("12xlarge", "24xlarge"),
  }),
  ...expandFamily({
    ...cpuSource,
    name: (s) => `m5.${s}`,
    memoryPerVcpu: 4,
    cpu: "intel-xeon-platinum-8175m",
    cpuFamily: "Intel Xeon Platinum 8175M (Skylake-SP) or 8259CL (Cascade Lake)",
    released: 2017,
    note: "AWS runs m5 on either processor; the earlier 8175M is assumed.",
    sizes: awsSizes("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"),
  }),
  ...expandFamily({
    ...cpuSource,
    ...ice,
    name: (s) => `c6i.${s}`,
    memoryPerVcpu: 2,
    released: 2021,
    sizes: sixthGen,
  }),
  ...expandFamily({
    ...cpuSource,
    ...ice,
    name: (s) => `m6i.${s}`,
    memoryPerVcpu: 4,
    released: 2021,
    sizes: sixthGen,
  }),
  ...expandFamily({
    ...cpuSource,
    ...ice,
    name: (s) => `r6i.${s}`,
    memoryPerVcpu: 8,
    released: 2021,
    sizes: sixthGen,
  }),
  ...expandFamily({
    ...cpuSource,
    ...sapphire,
    name: (s) => `c7i.${s}`,
    memoryPerVcpu: 2,
    released: 2023,
    sizes: seventhGen,
  }),
  ...expandFamily({
    ...cpuSource,
    ...sapphire,
    name: (s) => `m7i.${s}`,
    memoryPerVcpu: 4,
    released: 2023,
    sizes: seventhGen,
  }),
  ...expandFamily({
    ...cpuSource,
    ...sapphire,
    name: (s) => `r7i.${s}`,
    memoryPerVcpu: 8,
    released: 2023,
    sizes: seventhGen,
  }),
];

/** Amazon EC2 instance types. */
export const awsInstances: readonly InstanceType[] = [...acceleratedTypes, ...cpuTypes];
