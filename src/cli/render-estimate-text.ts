import { formatMassKg, sig3 } from "../core/format-number.ts";
import { perUnitText } from "../core/report/per-unit-text.ts";
import type { EmbodiedEstimate, EstimateResult, Factor } from "../core/types.ts";
import { unsourcedFactorLabel } from "../core/unsourced-factor.ts";
import { wrapText } from "./wrap-text.ts";

const valueText = (value: number, unit: string): string => {
  if (unit === "share") return `${sig3(value * 100)} %`;
  return `${sig3(value)}${unit === "" ? "" : ` ${unit}`}`;
};

const sourceText = (factor: Factor): string => {
  if (factor.source === null) return unsourcedFactorLabel(factor.kind);
  const { title, publisher, year, url } = factor.source;
  return `${title} (${publisher}, ${year})${url.startsWith("http") ? ` ${url}` : ""}`;
};

const factorLines = (factor: Factor): string[] => {
  const note = factor.note === undefined ? "" : ` — ${factor.note}`;
  return [
    wrapText(`  - ${factor.name}: ${valueText(factor.value, factor.unit)} [${factor.kind}]${note}`, 80, 6),
    wrapText(`      ${sourceText(factor)}`, 80, 6),
  ];
};

const percentChange = (from: number, to: number): string => {
  if (from === 0) return "";
  const change = ((to - from) / from) * 100;
  return ` (${change <= 0 ? "" : "+"}${sig3(change)} %)`;
};

/** What ran, e.g. "8 × NVIDIA A100 SXM4 80GB" or "1 × aws:p5.48xlarge (8 × NVIDIA H100 …, 2,199 GB memory)". */
const whatRan = (result: EstimateResult): string => {
  const { job } = result;
  if (job.instance !== undefined)
    return `${job.instance.count} × ${job.instance.name} (${result.components.map((c) => c.label).join(", ")})`;
  return job.hardware === null
    ? `${job.count} device(s) at ${sig3(job.powerPerDeviceW)} W`
    : `${job.count} × ${job.hardware.name}`;
};

/** The embodied lines: the figure, the total with it, its parts, derivation and factors. */
const embodiedLines = (embodied: EmbodiedEstimate): { headline: string[]; section: string[] } => {
  const headline = [
    wrapText(
      `Embodied   ${formatMassKg(embodied.kg)} CO2eq, manufacture of the hardware (range ${formatMassKg(embodied.lowKg)} – ${formatMassKg(embodied.highKg)})`,
      80,
      11,
    ),
    wrapText(
      `Total      ${formatMassKg(embodied.totalKg)} CO2eq, operational + embodied (range ${formatMassKg(embodied.totalRange.lowKg)} – ${formatMassKg(embodied.totalRange.highKg)})`,
      80,
      11,
    ),
  ];
  const section = ["", "Embodied emissions (included in the total above, not in Emissions)"];
  for (const part of embodied.parts) section.push(`  - ${part.label}: ${formatMassKg(part.kg)} CO2eq`);
  section.push(wrapText(`  ${embodied.derivation}`, 80, 4));
  for (const factor of embodied.factors) section.push(...factorLines(factor));
  return { headline, section };
};

type EmbodiedLines = ReturnType<typeof embodiedLines>;

/** What ran and where, the derivation, and the figures: emissions, energy, per unit, market-based, embodied. */
const figureLines = (result: EstimateResult, embodied: EmbodiedLines | null): string[] => {
  const { job } = result;
  const out = [
    wrapText(
      `${whatRan(result)}, ${sig3(job.hours)} h each, in ${job.location.label}${job.year === null ? "" : ` (grid year ${job.year})`}`,
    ),
    "",
    wrapText(`  ${result.derivation}`, 80, 4),
    "",
    `Emissions  ${formatMassKg(result.emissionsKg)} CO2eq, location-based (range ${formatMassKg(result.range.lowKg)} – ${formatMassKg(result.range.highKg)})`,
    `Energy     ${sig3(result.energyKWh)} kWh IT; ${sig3(result.facilityEnergyKWh)} kWh with PUE ${result.pue}`,
  ];
  if (result.perUnit !== undefined) out.push(wrapText(`Per unit   ${perUnitText(result.perUnit)}`, 80, 11));
  if (result.marketBasedKg !== null)
    out.push(
      wrapText(
        `Market     ${formatMassKg(result.marketBasedKg)} CO2eq after the provider's published renewable matching (market-based; shown beside, never subtracted)`,
        80,
        11,
      ),
    );
  if (embodied !== null) out.push(...embodied.headline);
  return out;
};

/** Components (when more than one), factors with sources, the embodied section, assumptions. */
const basisLines = (result: EstimateResult, embodied: EmbodiedLines | null): string[] => {
  const out: string[] = [];
  if (result.components.length > 1) {
    out.push("", "Components");
    for (const c of result.components)
      out.push(`  - ${c.label}: ${sig3(c.powerW)} W, ${sig3(c.energyKWh)} kWh [${c.kind}]`);
  }
  out.push("", "Factors");
  for (const factor of result.factors)
    if (!factor.name.startsWith("equivalence:")) out.push(...factorLines(factor));
  if (embodied !== null) out.push(...embodied.section);
  if (result.warnings.length > 0) {
    out.push("", "Assumptions");
    for (const warning of result.warnings) out.push(wrapText(`  ! ${warning}`, 80, 4));
  }
  return out;
};

/** The cleanest region of the provider, when there is one. */
const cleanestLines = (result: EstimateResult): string[] => {
  const cleanest = result.alternatives.cleanestInProvider;
  if (cleanest === null) return [];
  return [
    "",
    "Cleanest region of this provider",
    wrapText(
      `  ${cleanest.region}: ${formatMassKg(cleanest.emissionsKg)} CO2eq${percentChange(result.emissionsKg, cleanest.emissionsKg)} at ${sig3(cleanest.intensityGPerKWh)} g/kWh, PUE ${cleanest.pue}`,
      80,
      4,
    ),
  ];
};

/** The equivalents of the operational figure, with their sources. */
const equivalentLines = (result: EstimateResult, embodied: EmbodiedLines | null): string[] => {
  const eq = result.equivalents;
  const out = [
    "",
    embodied === null ? "Equivalent to" : "Equivalent to (the operational emissions)",
    `  - ${sig3(eq.carKm)} km driven by an average passenger car`,
    `  - ${sig3(eq.coalKg)} kg of coal burned`,
    `  - ${sig3(eq.treeSeedlings10y)} tree seedlings grown for 10 years`,
    `  - ${sig3(eq.flights.count)} flights ${eq.flights.route}`,
  ];
  const equivalenceSources = new Set(
    result.factors
      .filter((f) => f.name.startsWith("equivalence:") && f.source !== null)
      .map((f) => sourceText(f)),
  );
  for (const source of equivalenceSources) out.push(wrapText(`    Source: ${source}`, 80, 6));
  return out;
};

/**
 * The estimate as text for an 80-column terminal: what ran, the derivation, the figure with its range,
 * embodied emissions and the total with them (when asked for), the factors with sources, warnings, the
 * cleanest region and equivalents (of the operational figure).
 */
export const renderEstimateText = (result: EstimateResult): string => {
  const embodied = result.embodied === undefined ? null : embodiedLines(result.embodied);
  const out = [
    ...figureLines(result, embodied),
    ...basisLines(result, embodied),
    ...cleanestLines(result),
    ...equivalentLines(result, embodied),
  ];
  return `${out.join("\n")}\n`;
};
