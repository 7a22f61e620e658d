import { formatMassKg, sig3 } from "../format-number.ts";
import type { EstimateResult, Factor } from "../types.ts";
import { unsourcedFactorLabel } from "../unsourced-factor.ts";
import { type ParagraphStyle, paragraphOf } from "./paragraph.ts";
import { perUnitText } from "./per-unit-text.ts";

/** Escapes Markdown inline syntax in text taken from the result. */
export const escapeMarkdown = (text: string): string => text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);

const LINKS: Readonly<Record<string, string>> = {
  lacoste2019quantifying: " ([Lacoste et al., 2019](https://arxiv.org/abs/1910.09700))",
};

/** How the Markdown paragraph spells units, signs and citations. */
export const MARKDOWN_STYLE: ParagraphStyle = {
  text: escapeMarkdown,
  co2: "CO₂eq",
  times: "×",
  percent: " %",
  dash: "–",
  cite: (key) => LINKS[key] ?? "",
};

const cell = (text: string): string => escapeMarkdown(text).replace(/\n/g, " ");

const sourceCell = (factor: Factor): string => {
  if (factor.source === null) return unsourcedFactorLabel(factor.kind);
  const label = cell(`${factor.source.publisher}, ${factor.source.year}: ${factor.source.title}`);
  return factor.source.url.startsWith("http") ? `[${label}](${factor.source.url})` : label;
};

const factorRow = (factor: Factor): string =>
  `| ${cell(factor.name)} | ${sig3(factor.value)}${factor.unit === "" ? "" : ` ${cell(factor.unit)}`} | ${factor.kind}${factor.year === null ? "" : `, ${factor.year}`} | ${sourceCell(factor)} |`;

/**
 * The estimate as Markdown: the paper paragraph, the headline figures (with embodied emissions and the
 * total including them on their own lines, when asked for) and a table of the factors used with their
 * sources. Equivalence factors are left out of the table (they do not change the total).
 *
 * @example
 * renderMarkdown(estimate({ hardware: "A100 SXM4 80GB", count: 8, hours: 100, region: "gcp:us-central1" }))
 */
export const renderMarkdown = (result: EstimateResult): string => {
  const lines = [
    "## Carbon emissions",
    "",
    paragraphOf(result, MARKDOWN_STYLE),
    "",
    `- **Emissions:** ${formatMassKg(result.emissionsKg)} CO₂eq, location-based (range ${formatMassKg(result.range.lowKg)} – ${formatMassKg(result.range.highKg)})`,
    `- **Energy:** ${sig3(result.energyKWh)} kWh IT, ${sig3(result.facilityEnergyKWh)} kWh with PUE ${sig3(result.pue)}`,
  ];
  if (result.perUnit !== undefined)
    lines.push(`- **Per unit:** ${perUnitText(result.perUnit, "CO₂eq", escapeMarkdown)}`);
  if (result.marketBasedKg !== null) {
    lines.push(
      `- **Market-based:** ${formatMassKg(result.marketBasedKg)} CO₂eq (shown beside, never subtracted)`,
    );
  }
  const embodied = result.embodied ?? null;
  if (embodied !== null) {
    lines.push(
      `- **Embodied:** ${formatMassKg(embodied.kg)} CO₂eq, the job's share of its hardware's manufacture (range ${formatMassKg(embodied.lowKg)} – ${formatMassKg(embodied.highKg)}); not included in Emissions above`,
      `- **Total, operational + embodied:** ${formatMassKg(embodied.totalKg)} CO₂eq (range ${formatMassKg(embodied.totalRange.lowKg)} – ${formatMassKg(embodied.totalRange.highKg)})`,
    );
  }
  lines.push(`- **Derivation:** \`${result.derivation}\``);
  if (embodied !== null) lines.push(`- **Embodied derivation:** \`${embodied.derivation}\``);
  lines.push(
    "",
    "| Factor | Value | Kind | Source |",
    "| --- | --- | --- | --- |",
    ...result.factors.filter((f) => !f.name.startsWith("equivalence:")).map(factorRow),
    ...(embodied === null ? [] : embodied.factors.map(factorRow)),
    "",
  );
  return lines.join("\n");
};
