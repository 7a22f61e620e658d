/**
 * Cloud providers: display name, accepted aliases, and the fleet-wide PUE and renewable-matching share each one
 * publishes (used for a region that has no figure of its own). Values carry the reporting year they describe.
 */
import type { Provider } from "../types.ts";

export const providers: readonly Provider[] = [
  {
    id: "aws",
    name: "Amazon Web Services",
    aliases: ["amazon", "amazon-web-services", "amazonwebservices"],
    pue: {
      value: 1.15,
      year: 2024,
      source: "aws-sustainability-datacenters",
      note: "Global PUE AWS reported for 2024 (best sites: Europe 1.04, Americas 1.05, Asia Pacific 1.07).",
    },
    renewableMatch: {
      value: 1,
      year: 2024,
      source: "amazon-sustainability-2024",
      note: "Amazon-wide annual matching (2023 and 2024), not AWS-only and not hourly; for some regions AWS buys renewable attributes in other locations.",
    },
  },
  {
    id: "gcp",
    name: "Google Cloud",
    aliases: ["google", "google-cloud", "googlecloud", "gce", "google-cloud-platform"],
    pue: {
      value: 1.09,
      year: 2024,
      source: "google-environmental-report-2025",
      note: "Fleet-wide annual average PUE of Google-owned data centres for 2024.",
    },
    renewableMatch: {
      value: 1,
      year: 2024,
      source: "google-environmental-report-2025",
      note: "Annual global matching with renewable purchases, achieved every year since 2017. Hourly carbon-free energy was 66% in 2024; per-region hourly CFE is on each GCP region.",
    },
  },
  {
    id: "azure",
    name: "Microsoft Azure",
    aliases: ["microsoft", "microsoft-azure"],
    pue: {
      value: 1.18,
      year: 2022,
      source: "microsoft-datacenter-pue-2022",
      range: { low: 1.12, high: 1.24 },
      note: "Global operating PUE Microsoft reported for its datacentre fleet; the low end is the design PUE of its newest generation (1.12), the high end the ±5 % band applied to fleet values. Operating PUE varies by geography (highest in Asia Pacific); Microsoft publishes it by geography, not by region. Cloud Carbon Footprint uses 1.185.",
    },
    renewableMatch: {
      value: 1,
      year: 2025,
      source: "microsoft-renewable-2025",
      note: "100% of 2025 global electricity consumption matched with renewable energy, mostly through PPAs; annual, not hourly.",
    },
  },
  {
    id: "coreweave",
    name: "CoreWeave",
    aliases: ["core-weave"],
  },
  {
    id: "ovhcloud",
    name: "OVHcloud",
    aliases: ["ovh", "ovh-cloud"],
    pue: {
      value: 1.28,
      year: 2023,
      source: "ovhcloud-pue-2023",
      note: "Global average PUE OVHcloud stated when launching its carbon calculator. Its FY2021 report gave a 1.1–1.3 range across sites.",
    },
    renewableMatch: {
      value: 0.78,
      year: 2021,
      source: "ovhcloud-indicators-2021",
      note: "Share of datacentre electricity from renewable sources, fiscal 2021. Later reports speak of 'low-carbon' energy instead; no newer renewable share was found.",
    },
  },
  {
    id: "scaleway",
    name: "Scaleway",
    aliases: ["scw"],
    renewableMatch: {
      value: 1,
      year: 2020,
      source: "scaleway-indicators-2020",
      note: "Scaleway's 2018–2020 impact report claims 100% renewable supply for all its datacentres (hydro; wind for WAW1). Scaleway publishes PUE per zone only, so no fleet PUE is set.",
    },
  },
  {
    id: "seeweb",
    name: "Seeweb",
    aliases: [],
  },
];
