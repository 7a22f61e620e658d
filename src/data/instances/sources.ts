import type { Source } from "../types.ts";

const retrieved = "2026-12-02";

/** The providers' instance-type documentation behind src/data/instances. */
export const instanceSources: readonly Source[] = [
  {
    id: "aws-ec2-accelerated-specs",
    title: "Amazon EC2 instance type specifications: accelerated computing (P, G, Trn, Inf)",
    publisher: "Amazon Web Services",
    url: "https://docs.aws.amazon.com/ec2/latest/instancetypes/ac.html",
    year: 2025,
    retrieved,
  },
  {
    id: "aws-ec2-cpu-specs",
    title: "Amazon EC2 instance type specifications: general purpose, compute optimized and memory optimized",
    publisher: "Amazon Web Services",
    url: "https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html",
    year: 2025,
    retrieved,
  },
  {
    id: "gcp-gpu-machine-types",
    title: "Google Cloud: GPU machine types (A3, A2, G2)",
    publisher: "Google Cloud",
    url: "https://cloud.google.com/compute/docs/gpus",
    year: 2025,
    retrieved,
    licence: "CC BY 4.0",
  },
  {
    id: "gcp-general-purpose-machines",
    title: "Google Cloud: general-purpose and compute-optimized machine families (N2, C3)",
    publisher: "Google Cloud",
    url: "https://cloud.google.com/compute/docs/general-purpose-machines",
    year: 2025,
    retrieved,
    licence: "CC BY 4.0",
  },
  {
    id: "azure-gpu-vm-sizes",
    title:
      "Azure virtual machine sizes: GPU accelerated (ND H100 v5, ND A100 v4, NC A100 v4, NC H100 v5, NCv3, NCasT4_v3)",
    publisher: "Microsoft",
    url: "https://learn.microsoft.com/en-us/azure/virtual-machines/sizes/overview",
    year: 2025,
    retrieved,
    licence: "CC BY 4.0",
  },
  {
    id: "azure-general-purpose-vm-sizes",
    title: "Azure virtual machine sizes: Dv5, Ev5 and Dasv5 series",
    publisher: "Microsoft",
    url: "https://learn.microsoft.com/en-us/azure/virtual-machines/sizes/general-purpose/dv5-series",
    year: 2025,
    retrieved,
    licence: "CC BY 4.0",
  },
];
