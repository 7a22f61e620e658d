/** Lower-cases and drops spacing and punctuation so "NVIDIA A100-SXM4-80GB" and "nvidia a100 sxm4 80gb" meet. */
export const normalizeName = (text: string): string => text.toLowerCase().replace(/[\s\-_().,/+®™]+/g, "");

/** Vendor words that may prefix a device name ("NVIDIA A100…", "Tesla V100…"). */
const VENDOR_PREFIXES = ["nvidia", "tesla", "amd", "google", "intel", "aws", "amazon", "apple", "cloud"];

/** The normalised name without one leading vendor word, or null when it has none. */
export const withoutVendorPrefix = (normalized: string): string | null => {
  for (const prefix of VENDOR_PREFIXES) {
    if (normalized.startsWith(prefix) && normalized.length > prefix.length + 1) {
      return normalized.slice(prefix.length);
    }
  }
  return null;
};
