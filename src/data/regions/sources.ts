/**
 * Documents cited by the cloud-region dataset (region lists, sustainability reports, provider carbon data).
 * `year` is the year the figures speak for (reporting year) or, for region lists, the year of the version read.
 */
import type { Source } from "../types.ts";

const retrieved = "2026-11-28";

export const regionSources: readonly Source[] = [
  // AWS
  {
    id: "aws-regions",
    title: "AWS Regions (AWS Regions and Availability Zones reference)",
    publisher: "Amazon Web Services",
    url: "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
    year: 2025,
    retrieved,
  },
  {
    id: "aws-european-sovereign-cloud",
    title: "AWS European Sovereign Cloud: first region in Brandenburg, Germany (eusc-de-east-1)",
    publisher: "Amazon Web Services",
    url: "https://aws.amazon.com/compliance/europe-digital-sovereignty/",
    year: 2025,
    retrieved: "2026-12-02",
  },
  {
    id: "aws-sustainability-datacenters",
    title: "AWS Sustainable Infrastructure: data centers (power usage effectiveness)",
    publisher: "Amazon Web Services",
    url: "https://aws.amazon.com/sustainability/data-centers/",
    year: 2024,
    retrieved,
  },
  {
    id: "amazon-sustainability-2024",
    title: "2024 Amazon Sustainability Report",
    publisher: "Amazon",
    url: "https://sustainability.aboutamazon.com/2024-amazon-sustainability-report.pdf",
    year: 2024,
    retrieved,
  },
  // Google Cloud
  {
    id: "gcp-locations",
    title: "Global locations: regions and zones",
    publisher: "Google Cloud",
    url: "https://cloud.google.com/about/locations",
    year: 2025,
    retrieved,
  },
  {
    id: "gcp-tpu-regions",
    title: "Cloud TPU regions and zones",
    publisher: "Google Cloud",
    url: "https://cloud.google.com/tpu/docs/regions-zones",
    year: 2025,
    retrieved,
    licence: "CC BY 4.0",
  },
  {
    id: "google-region-carbon-2025",
    title: "Carbon free energy for Google Cloud regions: data/yearly/2025.csv",
    publisher: "Google (GoogleCloudPlatform/region-carbon-info)",
    url: "https://github.com/GoogleCloudPlatform/region-carbon-info/blob/main/data/yearly/2025.csv",
    year: 2025,
    retrieved,
  },
  {
    id: "google-region-carbon-page",
    title: "Carbon free energy for Google Cloud regions",
    publisher: "Google Cloud",
    url: "https://cloud.google.com/sustainability/region-carbon",
    year: 2025,
    retrieved,
    licence: "CC BY 4.0",
  },
  {
    id: "google-environmental-report-2025",
    title: "2025 Environmental Report",
    publisher: "Google",
    url: "https://sustainability.google/reports/google-2025-environmental-report/",
    year: 2024,
    retrieved,
  },
  // Azure
  {
    id: "azure-regions-list",
    title: "List of Azure regions",
    publisher: "Microsoft",
    url: "https://learn.microsoft.com/en-us/azure/reliability/regions-list",
    year: 2025,
    retrieved,
    licence: "CC BY 4.0",
  },
  {
    id: "azure-geographies",
    title: "Azure geographies",
    publisher: "Microsoft",
    url: "https://azure.microsoft.com/en-us/explore/global-infrastructure/geographies/",
    year: 2025,
    retrieved,
  },
  {
    id: "microsoft-datacenter-pue-2022",
    title: "How Microsoft measures datacenter water and energy use to improve Azure Cloud sustainability",
    publisher: "Microsoft (Azure blog)",
    url: "https://azure.microsoft.com/en-us/blog/how-microsoft-measures-datacenter-water-and-energy-use-to-improve-azure-cloud-sustainability/",
    year: 2022,
    retrieved,
  },
  {
    id: "microsoft-renewable-2025",
    title: "Microsoft reaches its goal of matching 100% of its electricity use with renewable energy",
    publisher: "Microsoft (On the Issues blog)",
    url: "https://blogs.microsoft.com/on-the-issues/2026/02/18/renewable-energy-100-percent-milestone/",
    year: 2025,
    retrieved,
  },
  // CoreWeave
  {
    id: "coreweave-regions",
    title: "General Access Regions and Availability Zones",
    publisher: "CoreWeave",
    url: "https://docs.coreweave.com/docs/platform/regions/general-access",
    year: 2025,
    retrieved,
  },
  // OVHcloud
  {
    id: "ovhcloud-regions",
    title: "Public Cloud: regions availability",
    publisher: "OVHcloud",
    url: "https://www.ovhcloud.com/en/public-cloud/regions-availability/",
    year: 2025,
    retrieved,
  },
  {
    id: "ovhcloud-pue-2023",
    title: "OVHcloud lance une calculatrice carbone",
    publisher: "ChannelNews (quoting OVHcloud)",
    url: "https://www.channelnews.fr/ovhcloud-lance-une-calculatrice-carbone-128249",
    year: 2023,
    retrieved,
  },
  {
    id: "ovhcloud-indicators-2021",
    title: "6 indicateurs sur l'empreinte environnementale d'OVHcloud",
    publisher: "Silicon.fr (quoting OVHcloud's fiscal 2021 reporting)",
    url: "https://www.silicon.fr/6-indicateurs-empreinte-environnementale-ovhcloud-453367.html",
    year: 2021,
    retrieved,
  },
  // Scaleway
  {
    id: "scaleway-regions",
    title: "Regions and availability zones",
    publisher: "Scaleway",
    url: "https://www.scaleway.com/en/docs/account/reference-content/products-availability/",
    year: 2025,
    retrieved,
  },
  {
    id: "scaleway-pue-2025",
    title: "Environmental footprint: calculation reference values (datacenter PUE/WUE)",
    publisher: "Scaleway",
    url: "https://www.scaleway.com/en/docs/environmental-footprint/additional-content/calculation-values-reference/",
    year: 2025,
    retrieved,
  },
  {
    id: "scaleway-indicators-2020",
    title: "5 indicateurs sur l'empreinte environnementale de Scaleway",
    publisher: "Silicon.fr (quoting Scaleway's 2018–2020 impact report)",
    url: "https://www.silicon.fr/5-indicateurs-empreinte-environnementale-scaleway-453379.html",
    year: 2020,
    retrieved,
  },
  // Seeweb
  {
    id: "seeweb-regions",
    title: "Seeweb ECS region codes (Seeweb catalog fetcher)",
    publisher: "SkyPilot project",
    url: "https://github.com/skypilot-org/skypilot",
    year: 2025,
    retrieved,
  },
  {
    id: "seeweb-regions-dstack",
    title: "Seeweb backend configuration (region examples)",
    publisher: "dstack",
    url: "https://github.com/dstackai/dstack",
    year: 2025,
    retrieved,
  },
  // The 2019 calculator
  {
    id: "mlco2-impact-regions",
    title: "Machine Learning Emissions Calculator: data/impact.csv",
    publisher: "Lacoste, Luccioni, Schmidt, Dandres (mlco2/impact)",
    url: "https://github.com/mlco2/impact/blob/master/data/impact.csv",
    year: 2022,
    retrieved,
  },
];
