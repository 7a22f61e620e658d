// Values as sacct prints them: durations, memory sizes, counts (states: slurm-states.ts). Read from
// bytes (`b[s, e)`, the way sacct output streams in) without allocating; the string forms below read
// the same bytes.

const ZERO = 48;
const NINE = 57;
const COLON = 58;
const DASH = 45;
const POINT = 46;

/** Digits a number may have to be read exactly here (below 2^53, so digits / 10^k is correctly rounded). */
const EXACT_DIGITS = 15;

/**
 * Seconds of a Slurm duration `[D-][HH:]MM:SS[.fff]` in `b[s, e)` (Elapsed, TotalCPU, CPUTime); NaN when it
 * is not one. One pass: numbers of 1 to 9 digits, each ended by "-" (days, first), ":" (at most two) or
 * "." (the seconds' fraction, last).
 */
export const secondsAt = (b: Uint8Array, s: number, e: number): number => {
  let days = -1; // -1: no "D-"
  let colons = 0;
  let first = 0; // the numbers before the colons
  let second = 0;
  let whole = -1; // the seconds' whole part, once their "." is read
  let value = 0;
  let digits = 0;
  for (let i = s; i < e; i++) {
    const c = b[i] as number;
    if (c >= ZERO && c <= NINE) {
      if (++digits > 9) return Number.NaN;
      value = value * 10 + (c - ZERO);
      continue;
    }
    if (digits === 0 || whole >= 0) return Number.NaN;
    if (c === COLON && colons === 0) first = value;
    else if (c === COLON && colons === 1) second = value;
    else if (c === DASH && days < 0 && colons === 0) days = value;
    else if (c === POINT) whole = value;
    else return Number.NaN;
    if (c === COLON) colons++;
    value = 0;
    digits = 0;
  }
  // MM:SS[.fff] (TotalCPU of short steps) has no days: with days, Slurm always prints hours.
  if (digits === 0 || colons === 0 || (days >= 0 && colons === 1)) return Number.NaN;
  const seconds = whole < 0 ? value : whole + value / 10 ** digits;
  const hours = colons === 2 ? first : 0;
  const minutes = colons === 2 ? second : first;
  if (minutes >= 60 || seconds >= 60 || (days >= 0 && hours >= 24)) return Number.NaN;
  return Math.max(days, 0) * 86_400 + hours * 3_600 + minutes * 60 + seconds;
};

/** Latin-1 text of bytes (ASCII here: the caller has checked them), for Number(). */
const asciiText = (b: Uint8Array, s: number, e: number): string =>
  String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]);

/**
 * The number of `b[s, e)` when it is digits with at most one point between digits (`/^\d+(\.\d+)?$/`),
 * exactly as Number() reads it; NaN otherwise. `point`: whether a point is allowed.
 */
const plainAt = (b: Uint8Array, s: number, e: number, point: boolean): number => {
  let value = 0;
  let at = -1;
  for (let i = s; i < e; i++) {
    const c = b[i] as number;
    if (c >= ZERO && c <= NINE) value = value * 10 + (c - ZERO);
    else if (c === POINT && point && at === -1 && i > s && i < e - 1) at = i;
    else return Number.NaN;
  }
  if (e <= s) return Number.NaN;
  const digits = at === -1 ? e - s : e - s - 1;
  // An integer below 2^53 over an exact power of ten: correctly rounded, as Number() reads the text.
  if (digits > EXACT_DIGITS) return Number(asciiText(b, s, e));
  return at === -1 ? value : value / 10 ** (e - at - 1);
};

/** A whole number (digits only) in `b[s, e)`, or NaN. */
export const countAt = (b: Uint8Array, s: number, e: number): number => plainAt(b, s, e, false);

/** Binary multipliers of Slurm's size units, to MiB (Slurm's K, M, G, T, P are powers of 1024), by letter code. */
const MIB_PER_UNIT: Readonly<Record<number, number>> = {
  75: 1 / 1024, // K
  77: 1, // M
  71: 1024, // G
  84: 1024 * 1024, // T
  80: 1024 * 1024 * 1024, // P
};
const K = 75;
const M = 77;

/** A memory size in `b[s, e)` (`5234567K`, `64G`, `4000M`, `1.5T`, units in either case), in MiB; a bare number is in `bareUnit`; NaN when not a size. */
export const mibAt = (b: Uint8Array, s: number, e: number, bareUnit: "K" | "M" = "M"): number => {
  if (e <= s) return Number.NaN;
  const last = b[e - 1] as number;
  const perUnit = MIB_PER_UNIT[last >= 97 && last <= 122 ? last - 32 : last];
  const value = plainAt(b, s, perUnit === undefined ? e : e - 1, true);
  return value * (perUnit ?? (MIB_PER_UNIT[bareUnit === "K" ? K : M] as number));
};

/** What ReqMem is per: `n` node, `c` CPU; none: the job's total (Slurm 21.08 and later). */
export type RequestedPer = "node" | "cpu" | "job";

/** What ReqMem in `b[s, e)` is per (its last byte). */
export const requestedPerAt = (b: Uint8Array, s: number, e: number): RequestedPer => {
  const last = e > s ? b[e - 1] : 0;
  return last === 110 ? "node" : last === 99 ? "cpu" : "job";
};

/** ReqMem's size in `b[s, e)` (`250Gn`, `6760Mc`, `16G`, `4000M`), MiB; NaN when it is not a size. */
export const requestedMiBAt = (b: Uint8Array, s: number, e: number): number =>
  mibAt(b, s, requestedPerAt(b, s, e) === "job" ? e : e - 1);

/** ReqMem as sacct prints it: the size and what it is per. */
export interface RequestedMemory {
  /** MiB. */
  readonly mib: number;
  /** Per node (`250Gn`), per CPU (`6760Mc`), or the job's total (no suffix, Slurm 21.08 and later). */
  readonly per: RequestedPer;
}

const utf8 = (text: string): Buffer => Buffer.from(text, "utf8");

/** Seconds of a Slurm duration `[D-][HH:]MM:SS[.fff]`; NaN when it is not one. */
export const slurmSeconds = (text: string): number => {
  const b = utf8(text);
  return secondsAt(b, 0, b.length);
};

/** A memory size such as `5234567K`, `64G`, `4000M`, `1.5T`, in MiB; a bare number is in `bareUnit`; NaN when not a size. */
export const slurmMiB = (text: string, bareUnit: "K" | "M" = "M"): number => {
  const b = utf8(text);
  return mibAt(b, 0, b.length, bareUnit);
};

/** Reads ReqMem (`250Gn`, `6760Mc`, `16G`, `4000M`); null when it is not a size. */
export const requestedMemory = (text: string): RequestedMemory | null => {
  const b = utf8(text);
  const mib = requestedMiBAt(b, 0, b.length);
  return Number.isNaN(mib) ? null : { mib, per: requestedPerAt(b, 0, b.length) };
};
