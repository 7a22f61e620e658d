import type { Source } from "./types.ts";

/** Sources of the grid data and of the engine's model constants. */
export const modelSources: readonly Source[] = [
  ...[2021, 2022, 2023, 2024, 2025].map(
    (year): Source => ({
      id: `electricity-maps-yearly-${year}`,
      title: `Electricity Maps yearly carbon intensity ${year} (life-cycle, location-based), as packaged in @tgwf/co2 0.19.0`,
      publisher: "Electricity Maps; packaged by the Green Web Foundation",
      url: "https://www.electricitymaps.com/data-portal",
      year,
      retrieved: "2026-11-28",
      licence: "ODbL 1.0",
    }),
  ),
  {
    id: "ember-yearly",
    title:
      "Ember yearly electricity data: latest annual average carbon intensity per country, as packaged in @tgwf/co2 0.19.0",
    publisher: "Ember; packaged by the Green Web Foundation",
    url: "https://ember-energy.org/data/yearly-electricity-data/",
    year: 2024,
    retrieved: "2026-11-28",
    licence: "CC BY-SA 4.0",
  },
  {
    id: "green-algorithms-2021",
    title:
      "Green Algorithms: Quantifying the Carbon Footprint of Computation (Lannelongue, Grealey, Inouye), Advanced Science 8(12)",
    publisher: "Wiley / the authors",
    url: "https://doi.org/10.1002/advs.202100707",
    year: 2021,
    retrieved: "2026-11-28",
  },
  {
    id: "ccf-methodology",
    title: "Cloud Carbon Footprint methodology: compute, GPU and memory coefficients",
    publisher: "Cloud Carbon Footprint (Thoughtworks)",
    url: "https://www.cloudcarbonfootprint.org/docs/methodology/",
    year: 2022,
    retrieved: "2026-11-28",
    licence: "Apache-2.0",
  },
  {
    id: "uptime-2024",
    title: "Uptime Institute Global Data Center Survey 2024 (average annual PUE 1.56)",
    publisher: "Uptime Institute",
    url: "https://uptimeinstitute.com/resources/research-and-reports/uptime-institute-global-data-center-survey-results-2024",
    year: 2024,
    retrieved: "2026-11-28",
  },
  {
    id: "epa-equivalencies-2024",
    title: "Greenhouse Gas Equivalencies Calculator: Calculations and References",
    publisher: "US Environmental Protection Agency",
    url: "https://www.epa.gov/energy/greenhouse-gas-equivalencies-calculator-calculations-and-references",
    year: 2024,
    retrieved: "2026-11-28",
  },
  {
    id: "lacoste-2019",
    title:
      "Quantifying the Carbon Emissions of Machine Learning (Lacoste, Luccioni, Schmidt, Dandres), arXiv:1910.09700",
    publisher: "arXiv / the authors",
    url: "https://arxiv.org/abs/1910.09700",
    year: 2019,
    retrieved: "2026-11-28",
  },
  {
    id: "mlco2-methodology",
    title: "mlco2 methodology: defaults and uncertainty bands (docs/methodology.md)",
    publisher: "mlco2",
    url: "docs/methodology.md",
    year: 2026,
    retrieved: "2026-11-28",
  },
  {
    id: "mlco2-cpu-power-fit",
    title:
      "mlco2 CPU load curves: per-architecture fit (scripts/fit-cpu-power.mjs) to SPECpower_ssj2008 results (SPEC, export of 2023-05-18) and CodeCarbon's RAPL load profiles, with leave-one-CPU-out errors",
    publisher: "mlco2",
    url: "docs/methodology.md#cpus-a-load-curve-per-architecture",
    year: 2026,
    retrieved: "2026-12-02",
  },
  {
    id: "luccioni-bloom-2022",
    title:
      "Estimating the Carbon Footprint of BLOOM, a 176B Parameter Language Model (Luccioni, Viguier, Ligozat), arXiv:2211.02001; JMLR 24(253), 2023",
    publisher: "the authors / JMLR",
    url: "https://arxiv.org/abs/2211.02001",
    year: 2022,
    retrieved: "2026-12-02",
  },
  {
    id: "chien-hotcarbon-2023",
    title:
      "Reducing the Carbon Impact of Generative AI Inference (today and in 2035) (Chien, Lin, Nguyen, Rao, Sharma, Wijayawardana), HotCarbon 2023",
    publisher: "ACM",
    url: "https://doi.org/10.1145/3604930.3605705",
    year: 2023,
    retrieved: "2026-12-02",
  },
  {
    id: "boavizta-gpu-issue-65",
    title: "Boavizta API issue #65: GPU component (quotes ECODIAG's 60 kg CO2eq per powerful GPU)",
    publisher: "Boavizta",
    url: "https://github.com/Boavizta/boaviztapi/issues/65",
    year: 2022,
    retrieved: "2026-12-02",
  },
  {
    id: "uba-green-cloud-2021",
    title:
      "Green Cloud Computing: Lebenszyklusbasierte Datenerhebung zu Umweltwirkungen des Cloud Computing, Texte 94/2021 (component manufacturing factors, as Boavizta's factors.yml applies them)",
    publisher: "Umweltbundesamt (German Environment Agency)",
    url: "https://www.umweltbundesamt.de/sites/default/files/medien/5750/publikationen/2021-06-17_texte_94-2021_green-cloud-computing.pdf",
    year: 2021,
    retrieved: "2026-12-02",
  },
  {
    id: "sci-spec-2024",
    title:
      "Software Carbon Intensity (SCI) Specification, ISO/IEC 21031:2024 (embodied emissions: M = TE × TiR / EL × RR / ToR)",
    publisher: "Green Software Foundation / ISO",
    url: "https://sci.greensoftware.foundation/",
    year: 2024,
    retrieved: "2026-12-03",
  },
  {
    id: "llmcarbon-2024",
    title:
      "LLMCarbon: Modeling the End-to-End Carbon Footprint of Large Language Models (Faiz et al.), ICLR 2024",
    publisher: "the authors",
    url: "https://arxiv.org/abs/2309.14393",
    year: 2024,
    retrieved: "2026-12-02",
  },
];
