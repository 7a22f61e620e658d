import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseInstant, parseInstantIn, utcInstantIn } from "./time.ts";

// The parser as it was before it learnt to read a range of a longer text (main at 54ece6c, less its
// one-day cache, which changes no result). parseInstantIn must agree with it on every text.
const digitsAt = (text: string, from: number, count: number): number => {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    value = value * 10 + c;
  }
  return value;
};
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const oracle = (text: string, assumeUtc = false): number => {
  const n = text.length;
  if (n < 16 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const sep = text.charCodeAt(10);
  if ((sep !== 84 && sep !== 32 && sep !== 116) || text.charCodeAt(13) !== 58) return Number.NaN;
  const [year, month, day] = [digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2)];
  const [hour, minute] = [digitsAt(text, 11, 2), digitsAt(text, 14, 2)];
  let i = 16;
  let second = 0;
  let ms = 0;
  if (i < n && text.charCodeAt(i) === 58) {
    second = digitsAt(text, i + 1, 2);
    i += 3;
    if (i < n && text.charCodeAt(i) === 46) {
      i++;
      let scale = 100;
      const start = i;
      while (i < n) {
        const c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        ms += c * scale;
        scale /= 10;
        i++;
      }
      if (i === start) return Number.NaN;
    }
  }
  let offsetMin = 0;
  if (i === n) {
    if (!assumeUtc) return Number.NaN;
  } else {
    const z = text.charCodeAt(i);
    if ((z === 90 || z === 122) && i + 1 === n) offsetMin = 0;
    else if (z === 43 || z === 45) {
      const rest = n - i - 1;
      const oh = digitsAt(text, i + 1, 2);
      const om =
        rest === 5 && text.charCodeAt(i + 3) === 58
          ? digitsAt(text, i + 4, 2)
          : rest === 4
            ? digitsAt(text, i + 3, 2)
            : rest === 2
              ? 0
              : Number.NaN;
      if (!(oh <= 23 && om <= 59)) return Number.NaN;
      offsetMin = (z === 43 ? 1 : -1) * (oh * 60 + om);
    } else return Number.NaN;
  }
  if (!(month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59))
    return Number.NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && !leap ? 28 : (DAYS[month - 1] ?? 0))) return Number.NaN;
  return (
    Date.UTC(year, month - 1, day) + ((hour * 60 + minute - offsetMin) * 60 + second) * 1000 + Math.round(ms)
  );
};

/** Seeded generator (mulberry32), so a failure can be replayed. */
const randomOf = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const ALPHABET = "0123456789-:+.TtZz ,x\t";

/** A timestamp near the grammar: fields a little out of range, optional parts, odd zones. */
const candidate = (r: () => number): string => {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const year = r() < 0.8 ? int(1895, 2105) : int(0, 9999);
  let text = `${pad(year, 4)}-${pad(int(0, 13))}-${pad(int(0, 32))}${pick(["T", "T", "t", " ", "x"])}${pad(int(0, 25))}:${pad(int(0, 61))}`;
  if (r() < 0.7) text += `:${pad(int(0, 61))}`;
  if (r() < 0.3) text += `.${String(int(0, 9_999_999)).slice(0, int(0, 8))}`;
  text += pick([
    "Z",
    "Z",
    "z",
    "",
    "+01:00",
    "-05:30",
    "+0530",
    "-0800",
    "+02",
    "+24:00",
    "+01:60",
    "+1",
    "+01:0",
    "Zx",
    "-",
  ]);
  if (r() < 0.3) {
    const at = int(0, text.length);
    const edit = pick(["drop", "insert", "replace", "cut"]);
    const c = pick([...ALPHABET]);
    text =
      edit === "drop"
        ? text.slice(0, at) + text.slice(at + 1)
        : edit === "insert"
          ? text.slice(0, at) + c + text.slice(at)
          : edit === "replace"
            ? text.slice(0, at) + c + text.slice(at + 1)
            : text.slice(0, at);
  }
  return text;
};

const noise = (r: () => number) =>
  Array.from({ length: Math.floor(r() * 6) }, () => ALPHABET[Math.floor(r() * ALPHABET.length)]).join("");

describe("parseInstantIn", () => {
  it("agrees with the previous parser on 200,000 random near-timestamps inside longer text", () => {
    const r = randomOf(12);
    let valid = 0;
    for (let k = 0; k < 200_000; k++) {
      const text = candidate(r);
      const assumeUtc = r() < 0.3;
      const [before, after] = [noise(r), noise(r)];
      const want = oracle(text, assumeUtc);
      if (!Number.isNaN(want)) valid++;
      const whole = `${before}${text}${after}`;
      assert.equal(parseInstantIn(whole, before.length, before.length + text.length, assumeUtc), want, text);
      assert.equal(parseInstant(text, assumeUtc), want, text);
    }
    // Both sides of the grammar are exercised.
    assert.ok(valid > 40_000 && valid < 160_000, String(valid));
  });

  it("agrees on runs that share a date and differ after it, as a file's rows do", () => {
    const r = randomOf(5);
    for (let k = 0; k < 20_000; k++) {
      const date = candidate(r).slice(0, 11);
      for (let run = 0; run < 6; run++) {
        const text = date + candidate(r).slice(11);
        const assumeUtc = r() < 0.3;
        assert.equal(
          parseInstantIn(`,${text},`, 1, 1 + text.length, assumeUtc),
          oracle(text, assumeUtc),
          text,
        );
      }
    }
  });

  it("agrees on every prefix of edge timestamps: leap days, offsets, fractions", () => {
    for (const text of [
      "2024-02-29T23:59:59.999Z",
      "2023-02-29T00:00Z",
      "2000-02-29T12:00:00+14:00",
      "1900-02-29T00:00Z",
      "2100-02-28T00:00:00-1130",
      "2024-12-31T23:00:00.5+00:30",
      "2024-04-31T00:00Z",
      "2024-06-30 00:00:00",
      "2024-00-10T00:00Z",
      "2024-01-01T00:00:00.123456789Z",
    ]) {
      for (let end = 0; end <= text.length; end++) {
        const part = text.slice(0, end);
        for (const assumeUtc of [false, true]) {
          const want = oracle(part, assumeUtc);
          assert.equal(parseInstantIn(`9${text}9`, 1, end + 1, assumeUtc), want, part);
        }
      }
    }
  });

  it("gives Date's instant for valid ones (hand-picked)", () => {
    assert.equal(parseInstantIn(",2024-02-29T23:59:59.999Z,", 1, 25), Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    assert.equal(parseInstantIn("2000-03-01T00:30+01:00", 0, 22), Date.UTC(2000, 1, 29, 23, 30));
    assert.ok(Number.isNaN(parseInstantIn("2023-02-29T00:00Z", 0, 17)));
    // The field ends before the zone designator that follows it in the text.
    assert.ok(Number.isNaN(parseInstantIn("2024-01-01T00:00Z", 0, 16)));
    assert.equal(parseInstantIn("2024-01-01T00:00Z", 0, 16, true), Date.UTC(2024, 0, 1));
  });
});

describe("utcInstantIn (the fast path for YYYY-MM-DDThh:mm:ssZ)", () => {
  it("gives the previous parser's instant wherever it gives a number, on 200,000 random near-timestamps", () => {
    const r = randomOf(21);
    let read = 0;
    for (let k = 0; k < 200_000; k++) {
      const text = candidate(r);
      const [before, after] = [noise(r), noise(r)];
      const got = utcInstantIn(`${before}${text}${after}`, before.length, before.length + text.length);
      if (Number.isNaN(got)) continue;
      read++;
      assert.equal(got, oracle(text), text);
    }
    assert.ok(read > 1_000, String(read));
  });

  it("reads every valid time of the common shapes itself, and refuses the invalid ones as the parser does", () => {
    const r = randomOf(8);
    const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
    let valid = 0;
    for (let k = 0; k < 100_000; k++) {
      const year = r() < 0.9 ? int(1970, 2100) : int(0, 9999);
      const date = `${pad(year, 4)}-${pad(int(0, 13))}-${pad(int(0, 31))}`;
      const time = `${pad(int(0, 24))}:${pad(int(0, 60))}:${pad(int(0, 60))}`;
      const zone = ["Z", ".000Z", "+00:00"][int(0, 2)] as string;
      const text = `${date}T${time}${zone}`;
      const want = oracle(text);
      if (!Number.isNaN(want)) valid++;
      assert.equal(utcInstantIn(`,${text},`, 1, 1 + text.length), want, text);
    }
    assert.ok(valid > 50_000 && valid < 95_000, String(valid));
  });

  it("leaves other shapes to parseInstantIn (NaN), and reads hand-picked ones", () => {
    for (const text of [
      "2024-01-01t00:00:00Z",
      "2024-01-01 00:00:00Z",
      "2024-01-01T00:00:00z",
      "2024-01-01T00:00Z",
      "2024-01-01T00:00:00.001Z",
      "2024-01-01T00:00:00.0Z",
      "2024-01-01T00:00:00-00:00",
      "2024-01-01T00:00:00+01:00",
      "2024-01-01T00:00:00",
      "2024-01-01T00:00:00Zx",
    ])
      assert.ok(Number.isNaN(utcInstantIn(text, 0, text.length)), text);
    assert.equal(utcInstantIn("x,2024-02-29T23:59:59Z,1", 2, 22), Date.UTC(2024, 1, 29, 23, 59, 59));
    assert.equal(utcInstantIn("2024-12-31T23:00:00.000Z", 0, 24), Date.UTC(2024, 11, 31, 23));
    assert.equal(utcInstantIn("2024-12-31T23:00:00+00:00", 0, 25), Date.UTC(2024, 11, 31, 23));
    assert.ok(Number.isNaN(utcInstantIn("2023-02-29T00:00:00Z", 0, 20)));
    // Years below 100 as Date.UTC reads them (19xx), as parseInstantIn does.
    assert.equal(utcInstantIn("0050-01-01T00:00:00Z", 0, 20), parseInstant("0050-01-01T00:00:00Z"));
  });
});
