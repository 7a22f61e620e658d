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

const indexOfByte = (b: Uint8Array, byte: number, s: number, e: number): number => {
  for (let i = s; i < e; i++) if (b[i] === byte) return i;
  return -1;
};

/** The integer of `b[from, to)` (digits only, at least one, at most 9), or NaN. */
const wholeNumber = (b: Uint8Array, from: number, to: number): number => {
  if (to <= from || to - from > 9) return Number.NaN;
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = (b[i] as number) - ZERO;
    if (c < 0 || c > 9) return Number.NaN;
    value = value * 10 + c;
  }
  return value;
};

/** `SS` or `SS.fff` of `b[from, e)`, or NaN. */
const decimalSeconds = (b: Uint8Array, from: number, e: number): number => {
  const point = indexOfByte(b, POINT, from, e);
  if (point === -1) return wholeNumber(b, from, e);
  const whole = wholeNumber(b, from, point);
  const fraction = wholeNumber(b, point + 1, e);
  if (Number.isNaN(whole) || Number.isNaN(fraction)) return Number.NaN;
  return whole + fraction / 10 ** (e - point - 1);
};

/** Seconds of a Slurm duration `[D-][HH:]MM:SS[.fff]` in `b[s, e)` (Elapsed, TotalCPU, CPUTime); NaN when it is not one. */
export const secondsAt = (b: Uint8Array, s: number, e: number): number => {
  const dash = indexOfByte(b, DASH, s, e);
  let days = 0;
  let rest = s;
  if (dash !== -1) {
    days = wholeNumber(b, s, dash);
    if (Number.isNaN(days)) return Number.NaN;
    rest = dash + 1;
  }
  const first = indexOfByte(b, COLON, rest, e);
  if (first === -1) return Number.NaN;
  const second = indexOfByte(b, COLON, first + 1, e);
  let hours = 0;
  let minutes: number;
  let secondsFrom: number;
  if (second === -1) {
    // MM:SS[.fff] (TotalCPU of short steps); with days, Slurm always prints hours.
    if (dash !== -1) return Number.NaN;
    minutes = wholeNumber(b, rest, first);
    secondsFrom = first + 1;
  } else {
    hours = wholeNumber(b, rest, first);
    minutes = wholeNumber(b, first + 1, second);
    secondsFrom = second + 1;
  }
  const seconds = decimalSeconds(b, secondsFrom, e);
  if (Number.isNaN(hours) || Number.isNaN(minutes) || Number.isNaN(seconds)) return Number.NaN;
  if (minutes >= 60 || seconds >= 60 || (dash !== -1 && hours >= 24)) return Number.NaN;
  return days * 86_400 + hours * 3_600 + minutes * 60 + seconds;
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
