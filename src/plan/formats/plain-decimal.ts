/** Powers of ten that doubles hold exactly, up to the 15 digits a plain decimal may have here. */
const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Most digits read by hand: their integer stays below 2^53, so it is exact. */
const MAX_DIGITS = 15;

/**
 * The number a plain decimal from `start` to `end` writes (`-12.5`, `300`, `0.0042`: an optional minus,
 * digits, optionally a point and digits, at most 15 digits in all); NaN for any other text, which the
 * caller reads with Number(). Exactly Number()'s value: the digits make an exact integer, and one
 * division by an exact power of ten rounds once, as Number() does.
 *
 * @example
 * plainDecimalIn("DE,310.5", 3, 8) // 310.5
 */
export const plainDecimalIn = (text: string, start: number, end: number): number => {
  let i = start;
  const negative = text.charCodeAt(i) === 45;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) {
      mantissa = mantissa * 10 + c;
      digits++;
    } else if (c === -2 && point < 0) point = i;
    else return Number.NaN;
  }
  // Digits on both sides of the point, if there is one; few enough to be exact.
  if (digits === 0 || digits > MAX_DIGITS || point === end - 1 || point === (negative ? start + 1 : start))
    return Number.NaN;
  const value = point < 0 ? mantissa : mantissa / (POWERS_OF_TEN[end - 1 - point] as number);
  return negative ? -value : value;
};
