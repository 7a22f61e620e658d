// From a validated ingest body to rows to store: each sample line's components become rows with their
// share of the line's emissions and facility energy; the engine's limits are checked on the way (no
// absurd powers, energies, intensities or PUEs, no time outside 2000…tomorrow). Pure.
import * as v from "valibot";
import type { Problem } from "../core/errors.ts";
import { invalid, outOfRange } from "../core/problems.ts";
import { issuesToProblems } from "../core/schemas/issues.ts";
import type { IngestBody } from "./schemas.ts";
import { SampleLimitsSchema } from "./schemas.ts";
import type { SampleRow, SummaryFigures } from "./store/store.ts";

/** Largest PUE the engine accepts. */
const PUE_MAX = 3;
/** Largest grid intensity the engine accepts, kg per kWh. */
const INTENSITY_MAX_KG = 2;
/** Rounding allowed when comparing figures a tracker computed with floating point. */
const SLACK = 1e-9;
/** Earliest sample time accepted. */
const EARLIEST_MS = Date.UTC(2000, 0, 1);
/** Most problems reported for one batch. */
const MAX_PROBLEMS = 20;

/** Rows and figures of a batch. */
export interface BatchRows {
  /** Component rows. */
  readonly rows: SampleRow[];
  /** The seqs run first..last without a gap (null when the batch has no samples or has gaps). */
  readonly contiguous: { readonly first: number; readonly last: number } | null;
  /** Summary figures, when a summary line came. */
  readonly summary: SummaryFigures | null;
}

type SampleLine = NonNullable<IngestBody["samples"]>[number]["line"];

const lineProblems = (line: SampleLine, path: string, nowMs: number): Problem[] => {
  const limits = v.safeParse(SampleLimitsSchema, line);
  if (!limits.success) return issuesToProblems(limits.issues, path);
  const problems: Problem[] = [];
  const timeMs = Date.parse(line.time);
  if (timeMs < EARLIEST_MS || timeMs > nowMs + 86_400_000)
    problems.push(outOfRange(`${path}.time`, line.time, "a time from 2000-01-01 to one day from now"));
  const keys = new Set<string>();
  line.components.forEach((c, i) => {
    if (keys.has(c.key))
      problems.push(
        invalid(`${path}.components[${i}].key`, `${JSON.stringify(c.key)} appears twice in one sample`),
      );
    keys.add(c.key);
  });
  const energy = line.components.reduce((sum, c) => sum + c.energyKWh, 0);
  if (line.emissionsKg > energy * PUE_MAX * INTENSITY_MAX_KG * (1 + SLACK) + SLACK)
    problems.push(
      outOfRange(
        `${path}.emissionsKg`,
        line.emissionsKg,
        `at most the components' energy × PUE 3 × 2000 g/kWh (${energy * PUE_MAX * INTENSITY_MAX_KG} kg)`,
      ),
    );
  const { energyKWh, facilityEnergyKWh } = line.cumulative;
  if (energyKWh > 0) {
    const pue = facilityEnergyKWh / energyKWh;
    if (pue < 1 - SLACK || pue > PUE_MAX + SLACK)
      problems.push(
        outOfRange(
          `${path}.cumulative.facilityEnergyKWh`,
          facilityEnergyKWh,
          "between 1 and 3 times cumulative.energyKWh (the PUE)",
        ),
      );
  }
  return problems;
};

const rowsOf = (seq: number, line: SampleLine): SampleRow[] => {
  const energy = line.components.reduce((sum, c) => sum + c.energyKWh, 0);
  const { energyKWh, facilityEnergyKWh } = line.cumulative;
  const pue = energyKWh > 0 ? Math.min(PUE_MAX, Math.max(1, facilityEnergyKWh / energyKWh)) : 1;
  return line.components.map((c) => ({
    seq,
    time: line.time,
    intervalS: line.intervalS,
    key: c.key,
    component: c.component,
    label: c.label,
    method: c.method,
    via: c.via,
    powerW: c.powerW,
    energyKWh: c.energyKWh,
    emissionsKg: energy > 0 ? (line.emissionsKg * c.energyKWh) / energy : 0,
    facilityKWh: c.energyKWh * pue,
  }));
};

/** The figures of a summary line's result. */
export const summaryFiguresOf = (result: {
  readonly energyKWh: number;
  readonly emissionsKg: number;
  readonly range: { readonly lowKg: number; readonly highKg: number };
  readonly marketBasedKg: number | null;
}): SummaryFigures => ({
  energyKWh: result.energyKWh,
  emissionsKg: result.emissionsKg,
  lowKg: result.range.lowKg,
  highKg: result.range.highKg,
  marketKg: result.marketBasedKg,
});

/** Rows of a batch, or every problem found (at most 20). */
export const batchRowsOf = (
  body: IngestBody,
  nowMs: number,
): { ok: true; value: BatchRows } | { ok: false; problems: [Problem, ...Problem[]] } => {
  const samples = body.samples ?? [];
  const problems: Problem[] = [];
  const rows: SampleRow[] = [];
  let previous = -1;
  for (let i = 0; i < samples.length && problems.length < MAX_PROBLEMS; i++) {
    const { seq, line } = samples[i] as (typeof samples)[number];
    if (seq <= previous)
      problems.push(
        outOfRange(`samples[${i}].seq`, seq, `a number above the previous sample's seq (${previous})`),
      );
    previous = seq;
    const found = lineProblems(line, `samples[${i}].line`, nowMs);
    if (found.length > 0) problems.push(...found);
    else rows.push(...rowsOf(seq, line));
  }
  const [first, ...rest] = problems.slice(0, MAX_PROBLEMS);
  if (first !== undefined) return { ok: false, problems: [first, ...rest] };
  const firstSeq = samples[0]?.seq;
  const lastSeq = samples.at(-1)?.seq;
  const contiguous =
    firstSeq !== undefined && lastSeq !== undefined && lastSeq - firstSeq === samples.length - 1
      ? { first: firstSeq, last: lastSeq }
      : null;
  return {
    ok: true,
    value: {
      rows,
      contiguous,
      summary: body.summary === undefined ? null : summaryFiguresOf(body.summary.result),
    },
  };
};
