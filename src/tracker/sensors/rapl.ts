import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Reading, SampleTick, Sensor } from "../types.ts";

/** Where Linux exposes RAPL energy counters. */
export const POWERCAP_ROOT = "/sys/class/powercap";

/** One RAPL zone we count. */
interface Zone {
  readonly dir: string;
  readonly name: string;
  readonly component: "cpu" | "memory";
  readonly maxRangeUJ: number;
  lastUJ: number | null;
}

/** What opening RAPL gave: a sensor, or why not (null problem: simply absent, not an error). */
export type RaplOpening =
  | { readonly sensor: Sensor; readonly problem: null; readonly hasDram: boolean }
  | { readonly sensor: null; readonly problem: string | null; readonly hasDram: false };

const ZONE_DIR = /^intel-rapl(-mmio)?:(\d+)(?::(\d+))?$/;

/** The message shown when energy_uj cannot be read (root-only since Linux 5.10, CVE-2020-8694). */
export const raplPermissionMessage = (path: string): string =>
  `RAPL: cannot read ${path} (permission denied; root-only since Linux 5.10). Grant read access with ` +
  "`sudo chmod a+r /sys/class/powercap/intel-rapl:*/energy_uj /sys/class/powercap/intel-rapl:*:*/energy_uj` " +
  "(or a udev rule, see docs/tracker.md); falling back to the CPU load model.";

/** Reads a sysfs file as text (replaceable in tests). */
export type ReadText = (path: string) => string;

const readSysfs: ReadText = (path) => readFileSync(path, "utf8");

const readNumberWith = (read: ReadText, path: string): number => {
  const value = Number(read(path).trim());
  if (!Number.isFinite(value)) throw new Error(`${path}: not a number`);
  return value;
};

/** Energy in µJ between two counter readings, across one wraparound at `maxRangeUJ`. */
export const counterDeltaUJ = (previousUJ: number, currentUJ: number, maxRangeUJ: number): number =>
  currentUJ >= previousUJ ? currentUJ - previousUJ : maxRangeUJ - previousUJ + currentUJ;

/**
 * Finds the zones to count: top-level `package-*` zones (once per name, so mirrored counters are not
 * counted twice; `intel-rapl-mmio` mirrors skipped), DRAM zones as memory; core/uncore (nested in the
 * package) and psys (the whole platform, which includes the package) are left out.
 */
const zonesOf = (root: string, read: ReadText): { zones: Zone[]; skipped: string[] } => {
  const readNumber = (path: string) => readNumberWith(read, path);
  const zones: Zone[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const entries = readdirSync(root)
    .filter((e) => ZONE_DIR.test(e))
    .sort();
  for (const entry of entries) {
    const [, mmio, , sub] = ZONE_DIR.exec(entry) ?? [];
    const dir = join(root, entry);
    let name: string;
    try {
      name = read(join(dir, "name")).trim();
    } catch {
      continue;
    }
    let component: Zone["component"] | null = null;
    if (name === "dram") component = "memory";
    else if (sub === undefined && name.startsWith("package")) component = "cpu";
    if (component === null || mmio !== undefined) {
      skipped.push(`${entry} (${name})`);
      continue;
    }
    // DRAM zones are per package: key them by their parent so two packages' DRAM both count.
    const key = component === "memory" ? `${entry.split(":").slice(0, 2).join(":")}/dram` : name;
    if (seen.has(key)) {
      skipped.push(`${entry} (${name}, mirror)`);
      continue;
    }
    seen.add(key);
    const maxRangeUJ = (() => {
      try {
        return readNumber(join(dir, "max_energy_range_uj"));
      } catch {
        return 2 ** 32;
      }
    })();
    zones.push({
      dir,
      name: component === "memory" ? `${name} (${entry})` : name,
      component,
      maxRangeUJ,
      lastUJ: null,
    });
  }
  return { zones, skipped };
};

/**
 * Opens the RAPL energy counters under `root` (default `/sys/class/powercap`).
 *
 * @example
 * const { sensor, problem } = openRapl(); // sensor null on VMs; problem set when permission is missing
 */
export const openRapl = (root: string = POWERCAP_ROOT, read: ReadText = readSysfs): RaplOpening => {
  const readNumber = (path: string) => readNumberWith(read, path);
  let found: ReturnType<typeof zonesOf>;
  try {
    found = zonesOf(root, read);
  } catch {
    return { sensor: null, problem: null, hasDram: false };
  }
  const { zones } = found;
  if (!zones.some((z) => z.component === "cpu")) return { sensor: null, problem: null, hasDram: false };
  for (const zone of zones) {
    const path = join(zone.dir, "energy_uj");
    try {
      zone.lastUJ = readNumber(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "EPERM")
        return { sensor: null, problem: raplPermissionMessage(path), hasDram: false };
      return {
        sensor: null,
        problem: `RAPL: cannot read ${path} (${code ?? String(error)}); falling back to the CPU load model.`,
        hasDram: false,
      };
    }
  }
  const warnings: string[] = [];
  const sensor: Sensor = {
    name: "rapl",
    sample(tick: SampleTick): Reading[] {
      const readings: Reading[] = [];
      for (const zone of zones) {
        let currentUJ: number;
        try {
          currentUJ = readNumber(join(zone.dir, "energy_uj"));
        } catch (error) {
          const text = `RAPL: ${zone.dir}/energy_uj became unreadable (${(error as NodeJS.ErrnoException).code ?? "error"}); its energy after that is not counted.`;
          if (!warnings.includes(text)) warnings.push(text);
          continue;
        }
        const previous = zone.lastUJ;
        zone.lastUJ = currentUJ;
        if (previous === null || tick.intervalS <= 0) continue;
        const energyJ = counterDeltaUJ(previous, currentUJ, zone.maxRangeUJ) / 1e6;
        readings.push({
          component: zone.component,
          key: `${zone.component}:rapl:${zone.name}`,
          label: `RAPL ${zone.name}`,
          powerW: energyJ / tick.intervalS,
          energyJ,
          method: "measured",
          via: "RAPL energy counter (whole machine)",
        });
      }
      return readings;
    },
    warnings: () => warnings,
    close: () => {},
  };
  return { sensor, problem: null, hasDram: zones.some((z) => z.component === "memory") };
};
