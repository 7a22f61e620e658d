/** Stable kebab-case id from a CPU name ("Intel Xeon Gold 6548Y+" → "intel-xeon-gold-6548y-plus"). */
export const cpuIdOf = (name: string): string =>
  name
    .toLowerCase()
    .replace(/\+/g, " plus")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
