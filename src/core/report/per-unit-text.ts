import { formatMassKg, sig3 } from "../format-number.ts";
import type { PerUnit } from "../types.ts";

/** Scales a per-unit figure may be shown at: per unit, per thousand, per million, per billion. */
const SCALES = [1, 1e3, 1e6, 1e9] as const;

/**
 * How many units a per-unit figure is shown for: the smallest of 1, 1,000, 1 M, 1 G at which the
 * emissions (else the energy) reach 0.1 g (0.1 Wh), e.g. per 1,000 tokens.
 *
 * @example
 * perUnitScaleOf({ unit: "tokens", units: 1e6, energyKWh: 2e-7, emissionsKg: 8e-8 }) // 1000
 */
export const perUnitScaleOf = (perUnit: PerUnit): number => {
  const grams = perUnit.emissionsKg * 1000;
  const base = grams > 0 ? grams : perUnit.energyKWh * 1000;
  if (!(base > 0)) return 1;
  return SCALES.find((scale) => base * scale >= 0.1) ?? 1e9;
};

/** One unit's name from the plural given ("tokens" → "token", "queries" → "query"). */
const singular = (unit: string): string =>
  /ies$/.test(unit) ? unit.replace(/ies$/, "y") : /[^s]s$/.test(unit) ? unit.slice(0, -1) : unit;

/** "per token", "per 1,000 tokens", "per 1 M requests". */
export const perUnitPhrase = (unit: string, scale: number): string =>
  scale === 1
    ? `per ${singular(unit)}`
    : `per ${scale === 1e3 ? "1,000" : scale === 1e6 ? "1 M" : "1 G"} ${unit}`;

/** An energy for people: kWh from 1 kWh, Wh from 0.1 Wh, else joules. */
export const energyText = (kWh: number): string =>
  kWh >= 1 ? `${sig3(kWh)} kWh` : kWh >= 1e-4 ? `${sig3(kWh * 1000)} Wh` : `${sig3(kWh * 3.6e6)} J`;

/**
 * The per-unit figures in words, in the SCI form, e.g. "0.32 g CO2eq and 0.91 Wh per 1,000 tokens
 * (1,200,000 tokens)"; `co2` spells CO2eq in the target format, `escapeText` escapes the unit's name for it.
 *
 * @example
 * perUnitText({ unit: "tokens", units: 1.2e6, energyKWh: 9.1e-7, emissionsKg: 3.2e-7 }) // "0.32 g CO2eq and 0.91 Wh per 1,000 tokens (1,200,000 tokens)"
 */
export const perUnitText = (
  perUnit: PerUnit,
  co2 = "CO2eq",
  escapeText: (text: string) => string = (text) => text,
): string => {
  const scale = perUnitScaleOf(perUnit);
  return `${formatMassKg(perUnit.emissionsKg * scale)} ${co2} and ${energyText(perUnit.energyKWh * scale)} ${escapeText(perUnitPhrase(perUnit.unit, scale))} (${sig3(perUnit.units)} ${escapeText(perUnit.unit)})`;
};
