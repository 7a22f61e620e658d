// The logs of one distributed run (one per rank, on several nodes) added up into one result, with a
// breakdown per node, per rank and per component. Pure: logs in, result out.
import { equivalentsOf } from "../equivalents.ts";
import { formatQuantity, formatRatio } from "../format-number.ts";
import type {
  ComponentEstimate,
  EquivalenceFactors,
  EstimateResult,
  Factor,
  PerUnit,
  ResolvedJob,
} from "../types.ts";
import type { LeftOutLog, RunLog } from "./run-log.ts";

/** One row of a breakdown. */
export interface BreakdownRow {
  /** IT energy, kWh. */
  readonly energyKWh: number;
  /** Emissions, kg CO2eq. */
  readonly emissionsKg: number;
}

/** One node: its host, its ranks' figures added up, and the idle energy it reported. */
export interface NodeRow extends BreakdownRow {
  /** Host name ("unknown" for logs without one). */
  readonly host: string;
  /** Node index, when the launcher said. */
  readonly node: number | null;
  /** Logs (ranks) on it. */
  readonly ranks: number;
  /** Its allocation idle energy, kWh. */
  readonly allocationIdleKWh: number;
}

/** One rank's log. */
export interface RankRow extends BreakdownRow {
  /** The log's file name. */
  readonly log: string;
  /** Host name. */
  readonly host: string;
  /** Global and local rank (null when no launcher said). */
  readonly rank: number | null;
  readonly localRank: number | null;
  /** How long its tracker ran, h. */
  readonly hours: number;
}

/** One component over the whole run: GPUs (devices), CPU, memory, and the allocation's idle energy. */
export interface ComponentRow extends BreakdownRow {
  /** Which part. */
  readonly component: ComponentEstimate["component"] | "allocation idle";
}

/** What was merged and how it breaks down. */
export interface MergeBreakdown {
  /** The runs merged (one, unless asked to merge several). */
  readonly runs: readonly string[];
  /** Logs merged, and those left out with why. */
  readonly logs: { readonly merged: number; readonly leftOut: readonly LeftOutLog[] };
  /** Per node, per rank, per component. */
  readonly nodes: readonly NodeRow[];
  readonly ranks: readonly RankRow[];
  readonly components: readonly ComponentRow[];
  /** The node's energy no process owned (reported once per node), and the job's total plus it. */
  readonly allocationIdle: BreakdownRow;
  readonly allocation: BreakdownRow;
}

/** A merged run: the total as an estimate-shaped result, and its breakdown. */
export interface MergedRun {
  /** The run's total, shaped like any result (every report format renders it). */
  readonly result: EstimateResult;
  /** Where it came from. */
  readonly merged: MergeBreakdown;
}

const sum = <T>(items: readonly T[], of: (item: T) => number): number =>
  items.reduce((total, item) => total + of(item), 0);

/** The runs found among logs, with how many logs each has (for the "different runs" message). */
export const runsOf = (logs: readonly RunLog[]): Map<string, number> => {
  const runs = new Map<string, number>();
  for (const log of logs) runs.set(log.run, (runs.get(log.run) ?? 0) + 1);
  return runs;
};

/** Wall-clock hours from the first start to the last end (else the longest log's hours). */
const spanHours = (logs: readonly RunLog[]): number => {
  const starts = logs.map((l) => Date.parse(l.startedAt ?? "")).filter(Number.isFinite);
  const ends = logs.map((l) => Date.parse(l.endedAt ?? "")).filter(Number.isFinite);
  const longest = Math.max(...logs.map((l) => l.result.job.hours));
  if (starts.length !== logs.length || ends.length !== logs.length) return longest;
  return Math.max(longest, (Math.max(...ends) - Math.min(...starts)) / 3_600_000);
};

/** Emissions of one component of one log: its energy × the log's emissions per kWh. */
const componentKg = (log: RunLog, energyKWh: number): number =>
  log.result.energyKWh > 0 ? (energyKWh * log.result.emissionsKg) / log.result.energyKWh : 0;

const COMPONENT_NAMES = { devices: "GPUs", cpu: "CPU", memory: "memory" } as const;

/** Components added up over the logs, kind "estimated" where any log's is. */
const componentsOf = (logs: readonly RunLog[], hours: number): ComponentEstimate[] => {
  const groups = new Map<
    ComponentEstimate["component"],
    { energyKWh: number; kind: Factor["kind"]; logs: number }
  >();
  for (const log of logs)
    for (const c of log.result.components) {
      const g = groups.get(c.component) ?? { energyKWh: 0, kind: c.kind, logs: 0 };
      g.energyKWh += c.energyKWh;
      g.logs++;
      if (c.kind === "estimated") g.kind = "estimated";
      groups.set(c.component, g);
    }
  return [...groups].map(([component, g]) => ({
    component,
    label: `${COMPONENT_NAMES[component]} of ${g.logs} log${g.logs === 1 ? "" : "s"}`,
    powerW: hours > 0 ? (g.energyKWh * 1000) / hours : 0,
    energyKWh: g.energyKWh,
    kind: g.kind,
  }));
};

/** Per-rank component factors ("GPU power (GPU 0 …)") are replaced by the merged components; the rest kept once. */
const RANK_FACTOR = /^(GPU|CPU|memory) power \(/;

const factorsOf = (logs: readonly RunLog[], components: readonly ComponentEstimate[]): Factor[] => {
  const merged: Factor[] = components.map((c) => ({
    name: `${c.component === "devices" ? "GPU" : c.component === "cpu" ? "CPU" : "memory"} power (all logs)`,
    value: c.powerW,
    unit: "W",
    kind: c.kind,
    source: null,
    year: null,
    note: `average over the run; the sum of ${c.label}`,
  }));
  const seen = new Set<string>();
  for (const log of logs)
    for (const f of log.result.factors) {
      if (RANK_FACTOR.test(f.name)) continue;
      const key = `${f.name}|${f.value}|${f.unit}|${f.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(f);
    }
  return merged;
};

/** The job: devices added up, hours from first start to last end, location and hardware when shared. */
const jobOf = (logs: readonly RunLog[], hours: number, devicesKWh: number): ResolvedJob => {
  const withDevices = logs.filter((l) => l.result.components.some((c) => c.component === "devices"));
  const count = Math.max(
    1,
    sum(withDevices, (l) => l.result.job.count),
  );
  const deviceHours = withDevices.length > 0 ? sum(withDevices, (l) => l.result.job.deviceHours) : hours;
  const [first] = logs as [RunLog, ...RunLog[]];
  const same = <T>(of: (l: RunLog) => T): T | null => {
    const value = of(first);
    return logs.every((l) => JSON.stringify(of(l)) === JSON.stringify(value)) ? value : null;
  };
  const location = same((l) => l.result.job.location);
  const labels = [...new Set(logs.map((l) => l.result.job.location.label))];
  return {
    hardware: same((l) => l.result.job.hardware),
    count,
    hours,
    deviceHours,
    powerPerDeviceW: deviceHours > 0 ? (devicesKWh * 1000) / deviceHours : 0,
    utilization: null,
    year: same((l) => l.result.job.year),
    location: location ?? { ...first.result.job.location, label: `several locations: ${labels.join("; ")}` },
  };
};

/** Units added up when the logs name the same unit; undefined when none gave units or they differ. */
const perUnitOf = (logs: readonly RunLog[], energyKWh: number, emissionsKg: number): PerUnit | undefined => {
  const given = logs.map((l) => l.result.perUnit).filter((p): p is PerUnit => p !== undefined);
  const [first] = given;
  if (first === undefined || given.some((p) => p.unit !== first.unit)) return undefined;
  const units = sum(given, (p) => p.units);
  return { unit: first.unit, units, energyKWh: energyKWh / units, emissionsKg: emissionsKg / units };
};

/** The cleanest region of the provider, when every log names the same one. */
const alternativeOf = (logs: readonly RunLog[]): EstimateResult["alternatives"]["cleanestInProvider"] => {
  const all = logs.map((l) => l.result.alternatives.cleanestInProvider);
  const [first] = all;
  if (first == null || all.some((a) => a?.region !== first.region)) return null;
  return { ...first, emissionsKg: sum(all, (a) => a?.emissionsKg ?? 0) };
};

/** Per node: hosts in order of first appearance. */
const nodesOf = (logs: readonly RunLog[]): NodeRow[] => {
  const nodes = new Map<string, NodeRow>();
  for (const log of logs) {
    const host = log.task?.host ?? "unknown";
    const row = nodes.get(host) ?? {
      host,
      node: log.task?.node ?? null,
      ranks: 0,
      energyKWh: 0,
      emissionsKg: 0,
      allocationIdleKWh: 0,
    };
    nodes.set(host, {
      ...row,
      ranks: row.ranks + 1,
      energyKWh: row.energyKWh + log.result.energyKWh,
      emissionsKg: row.emissionsKg + log.result.emissionsKg,
      allocationIdleKWh: row.allocationIdleKWh + (log.allocationIdle?.energyKWh ?? 0),
    });
  }
  return [...nodes.values()];
};

const ranksOf = (logs: readonly RunLog[]): RankRow[] =>
  [...logs]
    .sort(
      (a, b) =>
        (a.task?.rank ?? Number.MAX_SAFE_INTEGER) - (b.task?.rank ?? Number.MAX_SAFE_INTEGER) ||
        a.name.localeCompare(b.name),
    )
    .map((log) => ({
      log: log.name,
      host: log.task?.host ?? "unknown",
      rank: log.task?.rank ?? null,
      localRank: log.task?.localRank ?? null,
      hours: log.result.job.hours,
      energyKWh: log.result.energyKWh,
      emissionsKg: log.result.emissionsKg,
    }));

const componentRowsOf = (logs: readonly RunLog[], idle: BreakdownRow): ComponentRow[] => {
  const rows = new Map<ComponentEstimate["component"], { energyKWh: number; emissionsKg: number }>();
  for (const log of logs)
    for (const c of log.result.components) {
      const row = rows.get(c.component) ?? { energyKWh: 0, emissionsKg: 0 };
      row.energyKWh += c.energyKWh;
      row.emissionsKg += componentKg(log, c.energyKWh);
      rows.set(c.component, row);
    }
  return [
    ...[...rows].map(([component, row]) => ({ component, ...row })),
    ...(idle.energyKWh > 0 ? [{ component: "allocation idle" as const, ...idle }] : []),
  ];
};

/**
 * Adds up the logs of one run (or, when the caller allows it, of several): energies, emissions and
 * their ranges summed (each log's intervals were priced at its own intensity and PUE), components added
 * by kind, the devices counted over all logs, the hours from the first start to the last end; factors
 * of the location and models kept once. `equivalence` turns the total into everyday equivalents.
 * The caller reads the logs (see readRunLog) and decides whether several runs may be merged.
 *
 * @example
 * mergeRunLogs(logs, [], dataset.defaults.equivalents).result.energyKWh // the sum of the logs' energies
 */
export const mergeRunLogs = (
  logs: readonly [RunLog, ...RunLog[]],
  leftOut: readonly LeftOutLog[],
  equivalence: EquivalenceFactors,
): MergedRun => {
  const energyKWh = sum(logs, (l) => l.result.energyKWh);
  const facilityEnergyKWh = sum(logs, (l) => l.result.facilityEnergyKWh);
  const emissionsKg = sum(logs, (l) => l.result.emissionsKg);
  const hours = spanHours(logs);
  const components = componentsOf(logs, hours);
  const devicesKWh = components.find((c) => c.component === "devices")?.energyKWh ?? 0;
  const pue = energyKWh > 0 ? facilityEnergyKWh / energyKWh : logs[0].result.pue;
  const intensityGPerKWh =
    facilityEnergyKWh > 0 ? (emissionsKg * 1000) / facilityEnergyKWh : logs[0].result.intensityGPerKWh;
  const markets = logs.map((l) => l.result.marketBasedKg);
  const nodes = nodesOf(logs);
  const allocationIdle = {
    energyKWh: sum(logs, (l) => l.allocationIdle?.energyKWh ?? 0),
    emissionsKg: sum(logs, (l) => l.allocationIdle?.emissionsKg ?? 0),
  };
  const perUnit = perUnitOf(logs, energyKWh, emissionsKg);
  const perNode = nodes.map((n) => `${n.host} ${formatQuantity(n.energyKWh)}`).join(" + ");
  const result: EstimateResult = {
    energyKWh,
    facilityEnergyKWh,
    emissionsKg,
    intensityGPerKWh,
    pue,
    range: { lowKg: sum(logs, (l) => l.result.range.lowKg), highKg: sum(logs, (l) => l.result.range.highKg) },
    marketBasedKg: markets.every((m) => m !== null) ? sum(markets, (m) => m ?? 0) : null,
    factors: factorsOf(logs, components),
    warnings: [...new Set(logs.flatMap((l) => l.result.warnings))],
    derivation: `${logs.length} log${logs.length === 1 ? "" : "s"} on ${nodes.length} node${nodes.length === 1 ? "" : "s"}: ${perNode} = ${formatQuantity(energyKWh)} kWh × PUE ${formatRatio(pue)} = ${formatQuantity(facilityEnergyKWh)} kWh; ${formatQuantity(emissionsKg)} kg CO2eq (each log's intervals at its own intensity)`,
    components,
    alternatives: { cleanestInProvider: alternativeOf(logs) },
    equivalents: equivalentsOf(emissionsKg, equivalence),
    job: jobOf(logs, hours, devicesKWh),
    ...(perUnit === undefined ? {} : { perUnit }),
  };
  return {
    result,
    merged: {
      runs: [...runsOf(logs).keys()],
      logs: { merged: logs.length, leftOut },
      nodes,
      ranks: ranksOf(logs),
      components: componentRowsOf(logs, allocationIdle),
      allocationIdle,
      allocation: {
        energyKWh: energyKWh + allocationIdle.energyKWh,
        emissionsKg: emissionsKg + allocationIdle.emissionsKg,
      },
    },
  };
};
