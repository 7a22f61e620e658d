/** Lower-cases and drops spacing and punctuation so "NVIDIA A100-SXM4-80GB" and "nvidia a100 sxm4 80gb" meet. */
export const normalizeName = (text: string): string => text.toLowerCase().replace(/[\s\-_().,/+®™]+/g, "");

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
