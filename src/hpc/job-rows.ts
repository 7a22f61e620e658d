// One priced row per job, as CSV or JSON Lines: the job's identity, the batch output columns, then what
// the figures were made from.
import { OUTPUT_COLUMNS } from "../batch/columns.ts";
import type { PricedRow } from "../batch/priced-row.ts";
import { formatCsvNumber } from "../core/format-csv-number.ts";
import type { JobQuantities } from "./job-model.ts";
import type { SacctJob } from "./sacct-job.ts";

/** Output formats of job rows. */
export type RowFormat = "csv" | "json";

/** How a job's energy was obtained. */
export type EnergyBasis = "model" | "measured";

/** Columns of a job row, in order. */
export const JOB_ROW_COLUMNS = [
  "job_id",
  "user",
  "account",
  "partition",
  "state",
  ...OUTPUT_COLUMNS,
  "hours",
  "nodes",
  "gpus",
  "gpu_model",
  "cpus",
  "cpu_utilization",
  "memory_gb",
  "memory_basis",
  "energy_basis",
  "month",
] as const;

/** The CSV header line. */
export const JOB_ROW_HEADER = `${JOB_ROW_COLUMNS.join(",")}\n`;

/** A cell as CSV: quoted when it holds a comma, a quote or a line break. */
const csvCell = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

const optional = (n: number): string => (Number.isNaN(n) ? "" : formatCsvNumber(n));

/** The energy basis of a job: Slurm's measured energy (which field), or the model. */
export const energyBasisOf = (job: SacctJob, q: JobQuantities): string =>
  q.measuredW > 0 ? `measured (${job.energyFrom})` : "model";

/** One job as a CSV line. */
export const csvRow = (job: SacctJob, q: JobQuantities, r: PricedRow): string =>
  `${csvCell(job.id)},${csvCell(job.user)},${csvCell(job.account)},${csvCell(job.partition)},${job.state},${formatCsvNumber(r.energyKWh)},${formatCsvNumber(r.facilityEnergyKWh)},${formatCsvNumber(r.emissionsKg)},${formatCsvNumber(r.lowKg)},${formatCsvNumber(r.highKg)},${formatCsvNumber(r.intensityGPerKWh)},${formatCsvNumber(r.pue)},${formatCsvNumber(q.hours)},${q.nodes},${q.gpus},${csvCell(q.gpuName)},${q.cpus},${q.measuredW > 0 ? "" : optional(q.cpuUtilization)},${q.measuredW > 0 ? "" : optional(q.memoryGB)},${q.measuredW > 0 ? "" : q.memoryBasis},${energyBasisOf(job, q)},${job.month}\n`;

/** One job as a JSON line (numbers at full precision). */
export const jsonRow = (job: SacctJob, q: JobQuantities, r: PricedRow): string =>
  `${JSON.stringify({
    job_id: job.id,
    user: job.user,
    account: job.account,
    partition: job.partition,
    state: job.state,
    energy_kwh: r.energyKWh,
    facility_energy_kwh: r.facilityEnergyKWh,
    emissions_kg: r.emissionsKg,
    low_kg: r.lowKg,
    high_kg: r.highKg,
    intensity_g_per_kwh: r.intensityGPerKWh,
    pue: r.pue,
    hours: q.hours,
    nodes: q.nodes,
    gpus: q.gpus,
    gpu_model: q.gpuName === "" ? null : q.gpuName,
    cpus: q.cpus,
    cpu_utilization: q.measuredW > 0 || Number.isNaN(q.cpuUtilization) ? null : q.cpuUtilization,
    memory_gb: q.measuredW > 0 || Number.isNaN(q.memoryGB) ? null : q.memoryGB,
    memory_basis: q.measuredW > 0 ? null : q.memoryBasis,
    energy_basis: energyBasisOf(job, q),
    month: job.month === "" ? null : job.month,
  } satisfies Record<(typeof JOB_ROW_COLUMNS)[number], unknown>)}\n`;
