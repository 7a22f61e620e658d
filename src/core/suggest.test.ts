import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dataset } from "../data/index.ts";
import { normalizeName, withoutVendorPrefix } from "./normalize-name.ts";
import { COMPARED_MAX, closestNames, editDistance } from "./suggest.ts";

describe("suggestions", () => {
  it("edit distance counts a swap of neighbours as one edit", () => {
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("4900", "4090"), 1);
    assert.equal(editDistance("", "abc"), 3);
  });
  it("ranks names containing the query, forgiving vendor words and spacing", () => {
    assert.deepEqual(closestNames("rtx 4900", ["NVIDIA GeForce RTX 4060", "NVIDIA GeForce RTX 4090"], 1), [
      "NVIDIA GeForce RTX 4090",
    ]);
    assert.deepEqual(closestNames("SE-SE7", ["ES", "SE", "SE-SE1", "FR"]), ["SE-SE1"]);
    assert.deepEqual(closestNames("zzzzzz", ["FR", "DE"]), []);
  });
});

/** closestNames as it was before the length bound and the cap: the reference for exactness. */
const reference = (query: string, candidates: readonly string[], limit = 3): string[] => {
  const q = normalizeName(query);
  if (q.length === 0) return [];
  const bareQuery = withoutVendorPrefix(q) ?? q;
  const scored = candidates.map((candidate) => {
    const full = normalizeName(candidate);
    const c = withoutVendorPrefix(full) ?? full;
    const contains = c.includes(bareQuery) || (bareQuery.includes(c) && c.length >= bareQuery.length * 0.6);
    const distance = Math.min(editDistance(q, full), editDistance(bareQuery, c));
    return { candidate, score: contains ? distance - 1000 : distance, distance, contains };
  });
  const threshold = Math.max(2, Math.ceil(bareQuery.length * 0.4));
  return scored
    .filter((s) => s.contains || s.distance <= threshold)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((s) => s.candidate)
    .filter((value, index, all) => all.indexOf(value) === index);
};

describe("suggestions for long or unknown names (issue 11: quadratic 'did you mean')", () => {
  const names = dataset.hardware.flatMap((h) => [h.name, ...h.aliases]);

  it("skipping candidates too different in length changes no suggestion", () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const queries = ["h100", "a100 80", "rtx 4900", "mi300", "tpu v5", "m2", "xeon 8480", "epyc 9654"];
    for (let i = 0; i < 300; i++) {
      const base = names[rand(names.length)] as string;
      const chars = [...base];
      for (let k = rand(4); k > 0; k--) chars[rand(chars.length)] = String.fromCharCode(97 + rand(26));
      const cut = chars.slice(rand(3), chars.length - rand(3)).join("");
      queries.push(rand(3) === 0 ? `${cut}${"x".repeat(rand(30))}` : cut);
    }
    for (const query of queries) {
      if (normalizeName(query).length > COMPARED_MAX) continue;
      assert.deepEqual(closestNames(query, names, 8), reference(query, names, 8), query);
    }
  });

  it("a 100 KB query gets an answer (none) without comparing 100 KB strings", () => {
    assert.deepEqual(closestNames("q".repeat(100_000), names, 8), []);
    assert.ok(names.every((n) => normalizeName(n).length <= COMPARED_MAX));
  });
});

describe("suggestions stay cheap for absurd input (speed in bench/inputs.bench.ts)", () => {
  it("compares only the first 64 characters", () => {
    const names = ["alpha beta", "gamma"];
    assert.deepEqual(
      closestNames(`${"a".repeat(64)}tail-one`, names),
      closestNames(`${"a".repeat(64)}tail-two`, names),
    );
  });
});
