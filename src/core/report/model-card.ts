import { formatMassKg } from "../format-number.ts";
import type { EstimateResult } from "../types.ts";
import { kgToG } from "../units.ts";

/** Training types Hugging Face model cards accept. */
export const TRAINING_TYPES = ["pre-training", "fine-tuning"] as const;

/** One of {@link TRAINING_TYPES}. */
export type TrainingType = (typeof TRAINING_TYPES)[number];

/** Options of {@link renderModelCard}. */
export interface ModelCardOptions {
  /** `training_type` of the block (default "pre-training"). */
  readonly trainingType?: TrainingType;
}

/** Grams for a model card: three significant figures, as a plain YAML number. */
export const modelCardGrams = (emissionsKg: number): number => Number(kgToG(emissionsKg).toPrecision(3));

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const yamlString = (text: string): string => JSON.stringify(text);

/** What ran, e.g. "8 x NVIDIA A100 SXM4 80GB" or "2 devices at 350 W". */
const hardwareUsed = (result: EstimateResult): string => {
  const { job } = result;
  if (job.hardware !== null) return `${job.count} x ${job.hardware.name}`;
  return `${job.count} device${job.count === 1 ? "" : "s"} at ${job.powerPerDeviceW} W`;
};

/** Where it ran; an explicit intensity has no place name. */
const locationOf = (result: EstimateResult): string =>
  result.job.location.by === "intensity"
    ? `private infrastructure (grid intensity ${result.intensityGPerKWh} gCO2eq/kWh given by the authors)`
    : result.job.location.label;

/**
 * The Hugging Face `co2_eq_emissions` metadata block, to paste into a model card's YAML front matter.
 * Emissions are in GRAMS (location-based), rounded to three significant figures; with embodied
 * emissions (asked for) they are the total including them, as the comment and `source` say.
 *
 * @example
 * renderModelCard(result) // "co2_eq_emissions:\n  emissions: 174000\n  source: ..."
 */
export const renderModelCard = (result: EstimateResult, options: ModelCardOptions = {}): string => {
  const embodied = result.embodied ?? null;
  const comments =
    embodied === null
      ? [
          `# ${formatMassKg(result.emissionsKg)} CO2eq location-based (range ${formatMassKg(result.range.lowKg)} - ${formatMassKg(result.range.highKg)}); emissions below are in grams.`,
        ]
      : [
          `# ${formatMassKg(embodied.totalKg)} CO2eq in total (range ${formatMassKg(embodied.totalRange.lowKg)} - ${formatMassKg(embodied.totalRange.highKg)}): ${formatMassKg(result.emissionsKg)} operational, location-based, + ${formatMassKg(embodied.kg)} embodied (the job's share of its hardware's manufacture).`,
          "# emissions below are in grams and INCLUDE embodied emissions (mlco2 estimate --embodied).",
        ];
  if (result.marketBasedKg !== null) {
    comments.push(
      `# Market-based after the provider's renewable matching: ${formatMassKg(result.marketBasedKg)} (not used below).`,
    );
  }
  return [
    ...comments,
    "co2_eq_emissions:",
    `  emissions: ${modelCardGrams(embodied === null ? result.emissionsKg : embodied.totalKg)}`,
    `  source: ${yamlString(
      embodied === null
        ? `mlco2 estimate: ${result.derivation}`
        : `mlco2 estimate, operational + embodied: ${result.derivation}; embodied ${embodied.derivation}`,
    )}`,
    `  training_type: ${yamlString(options.trainingType ?? "pre-training")}`,
    `  geographical_location: ${yamlString(locationOf(result))}`,
    `  hardware_used: ${yamlString(hardwareUsed(result))}`,
    "",
  ].join("\n");
};
