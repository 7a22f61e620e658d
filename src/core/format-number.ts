/** Inserts thousands separators into a non-negative integer string. */
const groupThousands = (digits: string): string => {
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return out;
};

/**
 * A number for people in a derivation line: integers with thousands separators from 1,000 up, one
 * decimal from 100, two from 10, three significant digits below; trailing zeros dropped.
 *
 * @example
 * formatQuantity(433196.04) // "433,196"
 * formatQuantity(135.52) // "135.5"
 */
export const formatQuantity = (value: number): string => {
  if (!Number.isFinite(value)) return String(value);
  const negative = value < 0;
  const abs = Math.abs(value);
  let text: string;
  if (abs >= 1000) text = groupThousands(String(Math.round(abs)));
  else if (abs >= 100) text = String(Math.round(abs * 10) / 10);
  else if (abs >= 10) text = String(Math.round(abs * 100) / 100);
  else if (abs >= 1) text = String(Math.round(abs * 1000) / 1000);
  else if (abs === 0) text = "0";
  else text = String(Number(abs.toPrecision(3)));
  return negative ? `-${text}` : text;
};

/** A ratio such as a PUE with exactly two decimals. */
export const formatRatio = (value: number): string => (Math.round(value * 100) / 100).toFixed(2);

/**
 * Three significant figures with a scaled mass unit (g, kg, t) for text reports.
 *
 * @example
 * formatMassKg(135520) // "136 t"
 * formatMassKg(0.0042) // "4.2 g"
 */
export const formatMassKg = (kg: number): string => {
  const abs = Math.abs(kg);
  if (abs >= 1000) return `${sig3(kg / 1000)} t`;
  if (abs >= 1 || abs === 0) return `${sig3(kg)} kg`;
  return `${sig3(kg * 1000)} g`;
};

/** Three significant figures, without exponent notation for ordinary magnitudes, thousands grouped. */
export const sig3 = (value: number): string => {
  if (value === 0) return "0";
  const rounded = Number(value.toPrecision(3));
  const abs = Math.abs(rounded);
  if (abs >= 1000) return (rounded < 0 ? "-" : "") + groupThousands(String(Math.round(abs)));
  return String(rounded);
};
