// Non-ASCII characters in regular expressions are written as \u escapes: the bundles stay ASCII (scripts/build.mjs).
/** Lower-cases and drops spacing and punctuation so "NVIDIA A100-SXM4-80GB" and "nvidia a100 sxm4 80gb" meet. */
export const normalizeName = (text: string): string =>
  text.toLowerCase().replace(/[\s\-_().,/+\u00ae\u2122]+/g, "");

/** Vendor words that may prefix a device name ("NVIDIA A100…", "Tesla V100…"). */
const VENDOR_PREFIXES = [
  "nvidia",
  "tesla",
  "geforce",
  "amd",
  "google",
  "intel",
  "aws",
  "amazon",
  "apple",
  "cloud",
];

/** The normalised name without its leading vendor/brand words ("nvidiageforce…"), or null when it has none. */
export const withoutVendorPrefix = (normalized: string): string | null => {
  let rest = normalized;
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const prefix of VENDOR_PREFIXES) {
      if (rest.startsWith(prefix) && rest.length > prefix.length + 1) {
        rest = rest.slice(prefix.length);
        stripped = true;
      }
    }
  }
  return rest === normalized ? null : rest;
};

/**
 * The part name inside a `/proc/cpuinfo` (or `lscpu`, WMI) model string, or null when the text has none
 * of its decorations. Drops "(R)"/"(TM)", "CPU", "Processor", clock speeds ("@ 2.40GHz", "(Intel Turbo
 * Boost Technology up to 3.00 GHz)"), "64-Core" / "Quad-Core", "Nth Gen",
 * "with Radeon Graphics" and the "0" Intel printed after Sandy Bridge Xeon numbers.
 *
 * @example
 * cpuModelName("Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz") // "Intel Xeon E5-2620 v3"
 * cpuModelName("AMD EPYC 7B13 64-Core Processor") // "AMD EPYC 7B13"
 */
export const cpuModelName = (text: string): string | null => {
  const cleaned = text
    .replace(/\((?:r|tm|c)\)|[\u00ae\u2122]/gi, " ")
    .replace(/@\s*[\d.]+\s*[gm]hz.*$/i, " ")
    .replace(/\([^)]*(?:[gm]hz|turbo)[^)]*\)/gi, " ")
    .replace(/\b[\d.]+\s*[gm]hz\b/gi, " ")
    .replace(/\b\d+(?:st|nd|rd|th) gen\b/i, " ")
    .replace(/\b[a-z\d]+-cores?\b/gi, " ")
    .replace(/\bwith radeon(?: [\w-]+)* graphics\b/i, " ")
    .replace(/\b(?:cpu|processor)\b/gi, " ")
    .replace(/(\b[ex][357]-\d{4}[a-z]*) 0\b/i, "$1")
    .replace(/\s+/g, " ")
    .trim();
  return cleaned === text.replace(/\s+/g, " ").trim() || cleaned === "" ? null : cleaned;
};

/** Family words a query may leave out ("E5-2620 v3" for "Xeon E5-2620 v3", "i7-8700" for "Core i7-8700"). */
export const FAMILY_WORDS = ["xeon", "core", "ryzen"] as const;
