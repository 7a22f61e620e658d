// Prices job quantities through the engine's own figures: the location, PUE and GPU factors are
// resolved once per kind of node (the batch layer's jobFactorsOf), the CPU and memory bands with the
// engine's power model, and the arithmetic is the engine's (priceBands). Each kind of node's first jobs
// are priced by the full engine too and compared bit for bit; any difference, and any input outside
// the engine's bounds, sends the job to the full engine. The figures are those of `mlco2 estimate`.
import { jobFactorsOf } from "../batch/job-factors.ts";
import {
  emptyPricedRow,
  type LeanFactors,
  type PricedRow,
  priceBands,
  pricedFrom,
  sameFigures,
  underflowed,
} from "../batch/priced-row.ts";
import type { Problem } from "../core/errors.ts";
import { modelledBand } from "../core/estimate/power.ts";
import { tryEstimateWith } from "../core/estimate.ts";
import { INPUT_LIMITS, withinLimits } from "../core/input-limits.ts";
import { type PowerModel, powerModelOf } from "../core/power-model.ts";
import { outOfRange } from "../core/problems.ts";
import type { Dataset } from "../core/types.ts";
import type { NodeSpec } from "./cluster.ts";
import { engineInputOf, type JobQuantities, perCpuTdpW } from "./job-model.ts";

/** Factors of one kind of node (and GPU, and measured or modelled). */
interface NodeFactors {
  /** PUE and intensity bands, and the per-GPU band (when the key has a GPU). */
  readonly lean: LeanFactors | null;
  /** The CPU model of one CPU (a share of the node's TDP). */
  readonly cpuModel: PowerModel;
  /** Whether one CPU's TDP is within the engine's bounds. */
  readonly cpuTdpOk: boolean;
  /** Jobs still to check against the full engine. */
  toCheck: number;
  /** A check failed (or the shortcut is not available): every job goes through the engine. */
  engineOnly: boolean;
  /** The problem of the kind of node itself (e.g. a GPU the engine refuses), for every job on it. */
  readonly problem: Problem | null;
}

/** Jobs of each kind of node priced by both ways and compared before the shortcut is trusted. */
const CHECKED_JOBS = 3;

/** The outcome of pricing one job: the row is filled, or the problem says why not. */
export type PriceOutcome =
  | { readonly ok: true; readonly row: PricedRow }
  | { readonly ok: false; readonly problem: Problem };

/** Prices jobs; one per run (it remembers the factors of each kind of node). */
export class JobPricer {
  private readonly byKey = new Map<NodeSpec, Map<string, NodeFactors>>();
  private readonly row = emptyPricedRow();
  /** The outcome of every priced job: the row, refilled. */
  private readonly priced: PriceOutcome = { ok: true, row: this.row };
  private readonly memoryWPerGB: number;
  /** Jobs priced by the shortcut and by the full engine (for the report and the tests). */
  readonly counts = { lean: 0, engine: 0 };

  constructor(private readonly dataset: Dataset) {
    this.memoryWPerGB = dataset.defaults.memoryWPerGB.value;
  }

  /** Prices a job's quantities on `spec`; the row is reused by the next call. */
  price(q: JobQuantities, spec: NodeSpec): PriceOutcome {
    const f = this.factorsOf(spec, q.measuredW > 0 ? "\u0000measured" : q.gpuName);
    if (f.problem !== null) return { ok: false, problem: f.problem };
    if (f.engineOnly || f.lean === null || !this.inBounds(q, f)) return this.byEngine(q, spec);
    this.lean(q, f, f.lean, this.row);
    if (underflowed(this.row)) return this.byEngine(q, spec);
    if (f.toCheck > 0) {
      f.toCheck--;
      const full = tryEstimateWith(this.dataset, engineInputOf(q, spec));
      if (!full.ok || !sameFigures(this.row, full.value)) {
        f.engineOnly = true;
        return this.byEngine(q, spec);
      }
    }
    this.counts.lean++;
    return this.priced;
  }

  /** The engine's bands for the job, summed in the engine's order: devices, CPU, memory. */
  private lean(q: JobQuantities, f: NodeFactors, lean: LeanFactors, out: PricedRow): void {
    if (q.measuredW > 0) {
      const w = q.nodes * q.measuredW;
      priceBands(lean, w, w, w, q.hours, out);
      return;
    }
    let powerW = 0;
    let lowW = 0;
    let highW = 0;
    if (q.gpus > 0) {
      powerW = lean.powerW * q.gpus;
      lowW = lean.lowW * q.gpus;
      highW = lean.highW * q.gpus;
    }
    if (q.cpus > 0 || q.gpus === 0) {
      const u = Number.isNaN(q.cpuUtilization) ? undefined : q.cpuUtilization;
      const cpu = modelledBand(this.dataset, f.cpuModel, q.cpus, u);
      powerW += cpu.powerW;
      lowW += cpu.lowW;
      highW += cpu.highW;
    }
    if (!Number.isNaN(q.memoryGB)) {
      const memoryW = q.memoryGB * this.memoryWPerGB;
      powerW += memoryW;
      lowW += memoryW;
      highW += memoryW;
    }
    priceBands(lean, powerW, lowW, highW, q.hours, out);
  }

  /** Whether every input is within the engine's bounds (else the engine says which is not). */
  private inBounds(q: JobQuantities, f: NodeFactors): boolean {
    if (!withinLimits("hours", q.hours)) return false;
    if (q.measuredW > 0)
      return (
        withinLimits("watts", q.measuredW) &&
        withinLimits("count", q.nodes) &&
        deviceHoursOk(q.nodes, q.hours)
      );
    if (q.gpus > 0 && (!withinLimits("count", q.gpus) || !deviceHoursOk(q.gpus, q.hours))) return false;
    if (q.cpus > 0 || q.gpus === 0) {
      if (!f.cpuTdpOk || !withinLimits("cpuCount", q.cpus)) return false;
      if (q.gpus === 0 && !deviceHoursOk(q.cpus, q.hours)) return false;
      if (!Number.isNaN(q.cpuUtilization) && !withinLimits("utilization", q.cpuUtilization)) return false;
    }
    return Number.isNaN(q.memoryGB) || withinLimits("memoryGB", q.memoryGB);
  }

  private byEngine(q: JobQuantities, spec: NodeSpec): PriceOutcome {
    this.counts.engine++;
    const full = tryEstimateWith(this.dataset, engineInputOf(q, spec));
    if (!full.ok) return { ok: false, problem: full.problems[0] };
    pricedFrom(full.value, this.row);
    if (underflowed(this.row))
      return {
        ok: false,
        problem: outOfRange(
          "hours",
          q.hours,
          "a job long enough for its figures to be above the smallest double",
        ),
      };
    return this.priced;
  }

  private factorsOf(spec: NodeSpec, key: string): NodeFactors {
    let bySpec = this.byKey.get(spec);
    if (bySpec === undefined) {
      bySpec = new Map();
      this.byKey.set(spec, bySpec);
    }
    let found = bySpec.get(key);
    if (found === undefined) {
      found = this.resolve(spec, key);
      bySpec.set(key, found);
    }
    return found;
  }

  private resolve(spec: NodeSpec, key: string): NodeFactors {
    const place = { ...spec.location, ...(spec.pue === undefined ? {} : { pue: spec.pue }) };
    const gpu = key === "" || key === "\u0000measured" ? null : key;
    const factors = jobFactorsOf(
      this.dataset,
      gpu === null ? { watts: 100, ...place } : { hardware: gpu, ...place },
    );
    const tdpW = perCpuTdpW(spec);
    const cpuModel = powerModelOf({ tdpW, kind: "cpu" }, this.dataset.defaults.idleFractionByKind);
    const base = { cpuModel, cpuTdpOk: withinLimits("cpuTdpW", tdpW), toCheck: CHECKED_JOBS };
    if (!factors.ok) return { ...base, lean: null, engineOnly: true, problem: factors.problem as Problem };
    return { ...base, lean: factors.lean ? factors : null, engineOnly: !factors.lean, problem: null };
  }
}

const deviceHoursOk = (count: number, hours: number): boolean =>
  count * hours <= INPUT_LIMITS.deviceHours.max;
