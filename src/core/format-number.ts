/** Inserts thousands separators into a non-negative integer string. */
const groupThousands = (digits: string): string => {
  if (digits.length <= 3) return digits;
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
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
  if (abs >= 1000) text = groupThousands(integerText(Math.round(abs)));
  else if (abs >= 100) text = fixedDecimals(abs, 1, true);
  else if (abs >= 10) text = fixedDecimals(abs, 2, true);
  else if (abs >= 1) text = fixedDecimals(abs, 3, true);
  else if (abs === 0) text = "0";
  else text = belowOne(abs);
  return negative ? `-${text}` : text;
};

/** Three significant digits of a number in (0, 1), e.g. 0.005954 → "0.00595", built from integers. */
const belowOne = (abs: number): string => {
  if (abs < 1e-9) return String(Number(abs.toPrecision(3)));
  let zeros = 0;
  let scaled = abs;
  while (scaled < 0.1) {
    scaled *= 10;
    zeros++;
  }
  let digits = Math.round(scaled * 1000);
  if (digits >= 1000) {
    if (zeros === 0) return "1";
    zeros--;
    digits = 100;
  }
  while (digits % 10 === 0) digits /= 10;
  return `0.${"0".repeat(zeros)}${integerText(digits)}`;
};

const SCALE = [1, 10, 100, 1000];

/** Text of a whole number; small ones go through V8's small-integer path, which is much faster. */
const integerText = (whole: number): string => (whole < 1073741823 ? String(whole | 0) : String(whole));

/**
 * A non-negative number with `decimals` decimals, built from integers (much faster than toFixed on a
 * hot path); trailing zeros dropped when `trim`.
 */
const fixedDecimals = (abs: number, decimals: 1 | 2 | 3, trim: boolean): string => {
  const scale = SCALE[decimals] ?? 1;
  const scaled = Math.round(abs * scale);
  const whole = Math.floor(scaled / scale);
  let fraction = scaled - whole * scale;
  if (fraction === 0 && trim) return integerText(whole);
  let digits = integerText(fraction);
  while (digits.length < decimals) digits = `0${digits}`;
  if (trim) {
    while (fraction % 10 === 0) {
      fraction /= 10;
      digits = digits.slice(0, -1);
    }
  }
  return `${integerText(whole)}.${digits}`;
};

/** A ratio such as a PUE with exactly two decimals. */
export const formatRatio = (value: number): string => fixedDecimals(Math.abs(value), 2, false);

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
