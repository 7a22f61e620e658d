/**
 * Instants as milliseconds since the Unix epoch, UTC. Parsing and formatting are done by hand so that
 * this module stays pure (no clock) and parses a year of hourly rows in a few milliseconds.
 */

/** Milliseconds in an hour. */
export const MS_PER_HOUR = 3_600_000;

/** The number two digits from `from` write, NaN when one is not a digit or the text ends first. */
const twoDigitsAt = (text: string, from: number, end: number): number => {
  if (from + 2 > end) return Number.NaN;
  const tens = text.charCodeAt(from) - 48;
  const ones = text.charCodeAt(from + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : Number.NaN;
};

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses an ISO 8601 instant: `YYYY-MM-DDThh:mm[:ss[.fff]]` followed by `Z`, `±hh:mm` or `±hhmm`
 * (a space may stand for the `T`). Without a zone designator the text is refused (NaN) unless
 * `assumeUtc` is set, as for a column whose header says "(UTC)".
 *
 * @example
 * parseInstant("2024-01-01T01:00:00+01:00") // 1704067200000 (2024-01-01T00:00:00Z)
 */
export const parseInstant = (text: string, assumeUtc = false): number =>
  parseInstantIn(text, 0, text.length, assumeUtc);

/** Milliseconds of the zone designator from `i` to `end` (0 for Z), NaN when it is not one. */
const offsetMinutesIn = (text: string, i: number, end: number): number => {
  const z = text.charCodeAt(i);
  if ((z === 90 || z === 122) && i + 1 === end) return 0;
  if (z !== 43 && z !== 45) return Number.NaN;
  const rest = end - i - 1;
  const oh = twoDigitsAt(text, i + 1, end);
  const om =
    rest === 5 && text.charCodeAt(i + 3) === 58
      ? twoDigitsAt(text, i + 4, end)
      : rest === 4
        ? twoDigitsAt(text, i + 3, end)
        : rest === 2
          ? 0
          : Number.NaN;
  if (!(oh <= 23 && om <= 59)) return Number.NaN;
  return (z === 43 ? 1 : -1) * (oh * 60 + om);
};

/**
 * parseInstant over `text` from `start` to `end` (exclusive), without cutting it out: a CSV reader
 * hands in a field of the whole file. Same grammar and results as parseInstant on that slice.
 *
 * @example
 * parseInstantIn("x,2024-01-01T00:00Z,3", 2, 19) // 1704067200000
 */
export const parseInstantIn = (text: string, start: number, end: number, assumeUtc = false): number => {
  if (end - start < 16 || text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45)
    return Number.NaN;
  const sep = text.charCodeAt(start + 10);
  if ((sep !== 84 && sep !== 32 && sep !== 116) || text.charCodeAt(start + 13) !== 58) return Number.NaN;
  const year = twoDigitsAt(text, start, end) * 100 + twoDigitsAt(text, start + 2, end);
  const month = twoDigitsAt(text, start + 5, end);
  const day = twoDigitsAt(text, start + 8, end);
  const hour = twoDigitsAt(text, start + 11, end);
  const minute = twoDigitsAt(text, start + 14, end);
  let i = start + 16;
  let second = 0;
  let ms = 0;
  if (i < end && text.charCodeAt(i) === 58) {
    second = twoDigitsAt(text, i + 1, end);
    i += 3;
    if (i < end && text.charCodeAt(i) === 46) {
      i++;
      let scale = 100;
      const from = i;
      while (i < end) {
        const c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        ms += c * scale;
        scale /= 10;
        i++;
      }
      if (i === from) return Number.NaN;
    }
  }
  let offsetMin = 0;
  if (i >= end) {
    if (i > end || !assumeUtc) return Number.NaN;
  } else offsetMin = offsetMinutesIn(text, i, end);
  if (
    !(month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59) ||
    Number.isNaN(offsetMin)
  )
    return Number.NaN;
  return dayMs(year, month, day) + ((hour * 60 + minute - offsetMin) * 60 + second) * 1000 + Math.round(ms);
};

/** The number two digits at `at` write (the text is known to go on), NaN when one is not a digit. */
const pairAt = (text: string, at: number): number => {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : Number.NaN;
};

/** Whether the zone designator of a time from `at` to `end` is `Z`, `.000Z` or `+00:00`. */
const utcTailAt = (text: string, at: number, end: number): boolean => {
  const c = text.charCodeAt(at);
  switch (end - at) {
    case 1:
      return c === 90;
    case 5:
      return (
        c === 46 &&
        pairAt(text, at + 1) === 0 &&
        text.charCodeAt(at + 3) === 48 &&
        text.charCodeAt(at + 4) === 90
      );
    case 6:
      return (
        c === 43 && pairAt(text, at + 1) === 0 && text.charCodeAt(at + 3) === 58 && pairAt(text, at + 4) === 0
      );
    default:
      return false;
  }
};

/**
 * parseInstantIn for the one shape most files write, `YYYY-MM-DDThh:mm:ssZ` (or `….000Z`, `…+00:00`),
 * read at fixed places; NaN for any other text, which the caller hands to parseInstantIn. Where both
 * give a number it is the same one.
 *
 * @example
 * utcInstantIn("x,2024-01-01T01:00:00Z", 2, 22) // 1704070800000
 */
export const utcInstantIn = (text: string, start: number, end: number): number => {
  if (
    end - start < 20 ||
    text.charCodeAt(start + 4) !== 45 ||
    text.charCodeAt(start + 7) !== 45 ||
    text.charCodeAt(start + 10) !== 84 ||
    text.charCodeAt(start + 13) !== 58 ||
    text.charCodeAt(start + 16) !== 58 ||
    !utcTailAt(text, start + 19, end)
  )
    return Number.NaN;
  const month = pairAt(text, start + 5);
  const day = pairAt(text, start + 8);
  const hour = pairAt(text, start + 11);
  const minute = pairAt(text, start + 14);
  const second = pairAt(text, start + 17);
  if (!(month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59))
    return Number.NaN;
  const year = pairAt(text, start) * 100 + pairAt(text, start + 2);
  return dayMs(year, month, day) + ((hour * 60 + minute) * 60 + second) * 1000;
};

/** Date.UTC of a civil date, NaN for a day the month lacks; remembers the last day asked for. */
const dayMs = (year: number, month: number, day: number): number => {
  const dayKey = year * 10_000 + month * 100 + day;
  if (dayKey !== lastDayKey) {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    if (day > (month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0))) return Number.NaN;
    lastDayMs = Date.UTC(year, month - 1, day);
    lastDayKey = dayKey;
  }
  return lastDayMs;
};

// The last day parsed: rows of a series share their date 24 times or more.
let lastDayKey = -1;
let lastDayMs = 0;

const pad = (value: number, width = 2): string => String(value).padStart(width, "0");

/**
 * Formats an instant as ISO 8601 UTC without fractional seconds (they are shown only when not zero).
 *
 * @example
 * formatInstant(1704067200000) // "2024-01-01T00:00:00Z"
 */
export const formatInstant = (ms: number): string => {
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  // Civil date from days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's days_from_civil inverse.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / MS_PER_HOUR);
  rest -= hour * MS_PER_HOUR;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const millis = Math.round(rest - second * 1000);
  const fraction = millis === 0 ? "" : `.${pad(millis, 3)}`;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${fraction}Z`;
};

/** A short form for text output: "2024-06-12 10:00Z" (seconds shown only when not zero). */
export const formatInstantShort = (ms: number): string => {
  const iso = formatInstant(ms);
  const seconds = iso.slice(16, -1);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === ":00" ? "" : seconds}Z`;
};

/** A duration in hours as text: "6 h", "6.5 h", "45 min". */
export const formatHours = (hours: number): string =>
  hours < 1 ? `${Math.round(hours * 60)} min` : `${Number(hours.toFixed(2))} h`;
