// Sums of priced jobs by user, account, partition or month, rendered as a text table, Markdown, JSON
// or CSV. Memory grows with the number of groups, not of jobs.
import type { PricedRow } from "../batch/priced-row.ts";
import { formatCsvNumber } from "../core/format-csv-number.ts";
import { formatMassKg, sig3 } from "../core/format-number.ts";
import type { JobQuantities } from "./job-model.ts";
import type { SacctJob } from "./sacct-job.ts";

/** What jobs are grouped by. */
export const GROUP_BY = ["user", "account", "partition", "month"] as const;
/** A grouping. */
export type GroupBy = (typeof GROUP_BY)[number];

/** The sacct field each grouping but month reads. */
const GROUP_FIELD = { user: "User", account: "Account", partition: "Partition" } as const;

/** Sums of a group. */
export interface GroupSums {
  /** The group's name ("(none)" when the field is empty). */
  readonly key: string;
  jobs: number;
  gpuHours: number;
  cpuHours: number;
  energyKWh: number;
  facilityEnergyKWh: number;
  emissionsKg: number;
  lowKg: number;
  highKg: number;
  /** Jobs priced from Slurm's measured energy. */
  measured: number;
}

/** Adds priced jobs up by a field. */
export class GroupTotals {
  private readonly groups = new Map<string, GroupSums>();

  constructor(readonly by: GroupBy) {}

  /** Adds a priced job. */
  add(job: SacctJob, q: JobQuantities, row: PricedRow): void {
    const key = (this.by === "month" ? job.month : job.text(GROUP_FIELD[this.by])) || "(none)";
    let g = this.groups.get(key);
    if (g === undefined) {
      g = {
        key,
        jobs: 0,
        gpuHours: 0,
        cpuHours: 0,
        energyKWh: 0,
        facilityEnergyKWh: 0,
        emissionsKg: 0,
        lowKg: 0,
        highKg: 0,
        measured: 0,
      };
      this.groups.set(key, g);
    }
    g.jobs++;
    g.gpuHours += q.gpus * q.hours;
    g.cpuHours += q.cpus * q.hours;
    g.energyKWh += row.energyKWh;
    g.facilityEnergyKWh += row.facilityEnergyKWh;
    g.emissionsKg += row.emissionsKg;
    g.lowKg += row.lowKg;
    g.highKg += row.highKg;
    if (q.measuredW > 0) g.measured++;
  }

  /** The groups, largest emissions first (months in order). */
  sorted(): GroupSums[] {
    const list = [...this.groups.values()];
    return this.by === "month"
      ? list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      : list.sort((a, b) => b.emissionsKg - a.emissionsKg || (a.key < b.key ? -1 : 1));
  }
}

/** Summary formats. */
export const SUMMARY_FORMATS = ["text", "markdown", "json", "csv"] as const;
/** A summary format. */
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

const count = (n: number): string => n.toLocaleString("en-US");

const HEADINGS = ["jobs", "GPU-h", "CPU-h", "kWh (with PUE)", "kg CO2eq", "range"] as const;

const cells = (g: GroupSums): string[] => [
  count(g.jobs),
  sig3(g.gpuHours),
  sig3(g.cpuHours),
  sig3(g.facilityEnergyKWh),
  formatMassKg(g.emissionsKg),
  `${formatMassKg(g.lowKg)} – ${formatMassKg(g.highKg)}`,
];

/** Renders the groups (and a total row) in a format. */
export const renderSummary = (by: GroupBy, groups: readonly GroupSums[], format: SummaryFormat): string => {
  const total: GroupSums = {
    key: "total",
    jobs: 0,
    gpuHours: 0,
    cpuHours: 0,
    energyKWh: 0,
    facilityEnergyKWh: 0,
    emissionsKg: 0,
    lowKg: 0,
    highKg: 0,
    measured: 0,
  };
  for (const g of groups) {
    total.jobs += g.jobs;
    total.gpuHours += g.gpuHours;
    total.cpuHours += g.cpuHours;
    total.energyKWh += g.energyKWh;
    total.facilityEnergyKWh += g.facilityEnergyKWh;
    total.emissionsKg += g.emissionsKg;
    total.lowKg += g.lowKg;
    total.highKg += g.highKg;
    total.measured += g.measured;
  }
  if (format === "json")
    return `${JSON.stringify(
      {
        by,
        groups: groups.map(jsonGroup),
        total: jsonGroup(total),
      },
      null,
      2,
    )}\n`;
  if (format === "csv") {
    const head = `${by},jobs,gpu_hours,cpu_hours,energy_kwh,facility_energy_kwh,emissions_kg,low_kg,high_kg,measured_jobs\n`;
    const line = (g: GroupSums) =>
      `${/[",\n\r]/.test(g.key) ? `"${g.key.replace(/"/g, '""')}"` : g.key},${g.jobs},${[g.gpuHours, g.cpuHours, g.energyKWh, g.facilityEnergyKWh, g.emissionsKg, g.lowKg, g.highKg].map(formatCsvNumber).join(",")},${g.measured}\n`;
    return head + groups.map(line).join("");
  }
  const rows = [...groups.map((g) => [g.key, ...cells(g)]), ["total", ...cells(total)]];
  const head = [by, ...HEADINGS];
  if (format === "markdown") {
    const esc = (t: string) => t.replace(/\|/g, "\\|");
    return `${[
      `| ${head.join(" | ")} |`,
      `|${head.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`,
      ...rows.map(
        (r, i) =>
          `| ${r.map((c, j) => (i === rows.length - 1 && j === 0 ? "**total**" : esc(c))).join(" | ")} |`,
      ),
    ].join("\n")}\n`;
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return `${[line(head), ...rows.slice(0, -1).map(line), widths.map((w) => "-".repeat(w)).join("  "), line(rows.at(-1) ?? [])].join("\n")}\n`;
};

const jsonGroup = (g: GroupSums) => ({
  key: g.key,
  jobs: g.jobs,
  gpu_hours: g.gpuHours,
  cpu_hours: g.cpuHours,
  energy_kwh: g.energyKWh,
  facility_energy_kwh: g.facilityEnergyKWh,
  emissions_kg: g.emissionsKg,
  low_kg: g.lowKg,
  high_kg: g.highKg,
  measured_jobs: g.measured,
});
