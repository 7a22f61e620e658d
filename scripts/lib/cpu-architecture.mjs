// CPU microarchitecture of a processor name, from the vendors' model-numbering schemes (Intel ARK's
// "code name" and AMD's series pages). Used by the CPU catalog generator and the power-model fit, so
// that a catalog entry and a SPECpower result of the same part get the same power curve.
// Returns null where the numbering does not say (old mobile parts, embedded SoCs): those entries use the
// generic CPU curve.

/** Architecture ids, oldest first within a vendor; docs/methodology.md lists what each covers. */
export const ARCHITECTURES = [
  "intel-core2",
  "intel-nehalem",
  "intel-sandybridge",
  "intel-ivybridge",
  "intel-haswell",
  "intel-broadwell",
  "intel-skylake-client",
  "intel-skylake-sp",
  "intel-cascadelake",
  "intel-icelake-sp",
  "intel-hybrid-client",
  "intel-sapphirerapids",
  "intel-emeraldrapids",
  "intel-xeon6",
  "amd-k10",
  "amd-bulldozer",
  "amd-zen1",
  "amd-zen2",
  "amd-zen3",
  "amd-zen4",
  "amd-zen5",
];

const SCALABLE_GEN = {
  1: "intel-skylake-sp",
  2: "intel-cascadelake",
  3: "intel-icelake-sp",
  4: "intel-sapphirerapids",
  5: "intel-emeraldrapids",
};
const E5_VERSION = {
  "": "intel-sandybridge",
  2: "intel-ivybridge",
  3: "intel-haswell",
  4: "intel-broadwell",
};
const CORE_GEN = {
  2: "intel-sandybridge",
  3: "intel-ivybridge",
  4: "intel-haswell",
  5: "intel-broadwell",
  6: "intel-skylake-client",
  7: "intel-skylake-client",
  8: "intel-skylake-client",
  9: "intel-skylake-client",
  10: "intel-skylake-client",
  11: "intel-skylake-client",
  12: "intel-hybrid-client",
  13: "intel-hybrid-client",
  14: "intel-hybrid-client",
};
const EPYC_GEN = { 1: "amd-zen1", 2: "amd-zen2", 3: "amd-zen3", 4: "amd-zen4", 5: "amd-zen5" };

/** Lower-cases and strips trademark signs, "(R)", "CPU", clock speeds and core counts. */
const clean = (name) =>
  name
    .toLowerCase()
    .replace(/\((r|tm)\)|[®™]|â®/g, " ")
    .replace(/@?\s*\d+(\.\d+)?\s*[gm]hz/g, " ")
    .replace(/(\d{4}[a-z]?)v(\d)\b/g, "$1 v$2")
    .replace(/\s+/g, " ")
    .trim();

const intelArchitecture = (n) => {
  let m = n.match(/xeon.*\b(platinum|gold|silver|bronze)\s*(\d)(\d)(\d\d)/);
  if (m) return SCALABLE_GEN[m[3]] ?? null;
  m = n.match(/xeon\s+(8)(\d)(\d\d)(?!\d)/);
  if (m) return SCALABLE_GEN[m[2]] ?? null;
  if (/xeon\s*6\d{3}[pe]\b|xeon 6\b/.test(n)) return "intel-xeon6";
  m = n.match(/\be[57]-\s?\d{4}[a-z]*\s*(?:v(\d))?/);
  if (m)
    return m[0].startsWith("e7") && m[1] === undefined ? "intel-nehalem" : (E5_VERSION[m[1] ?? ""] ?? null);
  m = n.match(/\be3-\s?\d{4}[a-z]*\s*(?:v(\d))?/);
  if (m) {
    const v = m[1] ?? "";
    return v === "5" || v === "6" ? "intel-skylake-client" : (E5_VERSION[v] ?? null);
  }
  m = n.match(/xeon.*\be-?2(\d)\d\d[a-z]*\b/);
  if (m && /xeon (e-|e)2\d{3}/.test(n))
    return m[1] === "1" || m[1] === "2" ? "intel-skylake-client" : "intel-skylake-client";
  m = n.match(/xeon.*\bw-?([1-3])(\d)\d\d/);
  if (m) {
    const gen = Number(m[2]);
    if (m[1] === "1") return "intel-skylake-client";
    return gen <= 1
      ? "intel-skylake-sp"
      : gen === 2
        ? "intel-cascadelake"
        : gen === 3
          ? "intel-icelake-sp"
          : "intel-sapphirerapids";
  }
  if (/xeon.*\bd-?\s?15\d\d/.test(n)) return "intel-broadwell";
  if (/xeon.*\bd-?\s?21\d\d/.test(n)) return "intel-skylake-sp";
  if (/xeon.*\bd-?\s?(17|27)\d\d/.test(n)) return "intel-icelake-sp";
  m = n.match(/(?:xeon.*|intel )\b([lexw])?([3571])(\d)(\d\d)(?!\d)/);
  if (m) {
    const series = Number(m[2] + m[3]);
    if (series >= 34 && series <= 36 && m[2] === "3") return "intel-nehalem";
    if ((series >= 55 && series <= 56) || series === 65 || series === 75) return "intel-nehalem";
    if (series >= 30 && series <= 33) return "intel-core2";
    if (series >= 51 && series <= 54) return "intel-core2";
    if (series >= 72 && series <= 74) return "intel-core2";
    return null;
  }
  m = n.match(/core.*\bi[3579]-?\s?(\d{4,5})[a-z]*\b/);
  if (m) {
    const digits = m[1];
    const gen = digits.length === 5 ? Number(digits.slice(0, 2)) : Number(digits[0]);
    return CORE_GEN[gen] ?? null;
  }
  m = n.match(/core.*\bi[357]-?\s?(\d{3})[a-z]*\b/);
  if (m) return "intel-nehalem";
  if (/core ultra/.test(n)) return "intel-hybrid-client";
  if (/core ?2|pentium d|xeon 3\.\d/.test(n)) return "intel-core2";
  return null;
};

const ryzenArchitecture = (n) => {
  if (/threadripper/.test(n)) {
    const m = n.match(/threadripper (?:pro )?(\d)(\d)\d\d/);
    if (!m) return null;
    return (
      { 1: "amd-zen1", 2: "amd-zen1", 3: "amd-zen2", 5: "amd-zen3", 7: "amd-zen4", 9: "amd-zen5" }[m[1]] ??
      null
    );
  }
  const m = n.match(/ryzen (?:ai )?(?:\d )?(?:pro )?(\d)(\d)(\d)\d?([a-z0-9]*)/);
  if (!m) return null;
  const series = m[1];
  const suffix = m[4];
  const mobile = /^(u|h|hs|hx|g|ge|c)$/.test(suffix);
  // Desktop parts follow the series digit; APUs (G) and mobile parts lag one Zen generation until 6000.
  if (series === "1") return "amd-zen1";
  if (series === "2") return "amd-zen1";
  if (series === "3") return mobile ? "amd-zen1" : "amd-zen2";
  if (series === "4") return "amd-zen2";
  if (series === "5") return mobile ? null : "amd-zen3";
  if (series === "6") return "amd-zen3";
  if (series === "7") return mobile ? null : "amd-zen4";
  if (series === "8") return "amd-zen4";
  if (series === "9") return "amd-zen5";
  return null;
};

const amdArchitecture = (n) => {
  let m = n.match(/epyc\s*(\d)\d\d(\d)[a-z]*\b/);
  if (m) {
    if (m[1] === "7" || m[1] === "9" || m[1] === "8" || m[1] === "4") return EPYC_GEN[m[2]] ?? null;
    return null;
  }
  if (/ryzen/.test(n)) return ryzenArchitecture(n);
  m = n.match(/opteron.*?\b(\d)(\d)(\d\d)(?!\d)/);
  if (m) {
    const first = m[1];
    const second = m[2];
    if (first === "6" || first === "4" || first === "3") {
      // 61xx / 41xx are K10 (Magny-Cours, Lisbon); 62xx, 63xx, 42xx, 43xx, 32xx, 33xx are Bulldozer-family.
      return second === "1" ? "amd-k10" : "amd-bulldozer";
    }
    if (first === "2" || first === "8" || first === "1")
      return second === "2" && m[0].length >= 4 ? null : "amd-k10";
    return null;
  }
  if (/phenom|athlon ii/.test(n)) return "amd-k10";
  if (/\bfx-?\s?\d{4}|\ba(4|6|8|10|12)-\d{4}/.test(n)) return "amd-bulldozer";
  return null;
};

/**
 * Microarchitecture id of a CPU from its name, or null when its numbering does not say.
 * @param {string} name e.g. "Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz", "AMD EPYC 7B13"
 * @returns {string | null}
 */
export const cpuArchitectureOf = (name) => {
  const n = clean(name);
  if (/\bamd\b|epyc|ryzen|opteron|athlon|phenom|\bfx-/.test(n)) return amdArchitecture(n);
  if (/intel|xeon|core|pentium|celeron/.test(n)) return intelArchitecture(n);
  return null;
};
