// One tracker log read for merging: its first line (who ran, where) and its last (the summary). Pure.
import * as v from "valibot";
import { formatProblem } from "../problems.ts";
import { issuesToProblems } from "../schemas/issues.ts";
import { StartLineSchema, SummaryLineSchema } from "../schemas/tracker-log.ts";
import type { EstimateResult } from "../types.ts";

/** Where a log's tracker sat in its run. */
export interface RunLogTask {
  /** Host name. */
  readonly host: string;
  /** Node index (null when no launcher said). */
  readonly node: number | null;
  /** Global rank. */
  readonly rank: number | null;
  /** Rank on its node. */
  readonly localRank: number | null;
}

/** The node's energy no process owns, as one log reports it. */
export interface RunLogIdle {
  /** IT energy, kWh. */
  readonly energyKWh: number;
  /** Emissions, kg CO2eq. */
  readonly emissionsKg: number;
}

/** One complete tracker log, ready to merge. */
export interface RunLog {
  /** The file's name, for messages and the per-rank table. */
  readonly name: string;
  /** The run it belongs to: its run key, else its own tracker id (then it is a run of its own). */
  readonly run: string;
  /** Whether `run` is a shared run key (false: the tracker's own id). */
  readonly keyed: boolean;
  /** Where its tracker sat (null for logs of trackers before the run key existed). */
  readonly task: RunLogTask | null;
  /** Start and end, ISO 8601 (null when not recorded). */
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  /** The tracker's result. */
  readonly result: EstimateResult;
  /** Idle energy of its node that it reported (null: none). */
  readonly allocationIdle: RunLogIdle | null;
}

/** A log left out of a merge, and why. */
export interface LeftOutLog {
  /** The file's name. */
  readonly name: string;
  /** Why, in a few words. */
  readonly reason: string;
}

const parse = (line: string | null): unknown => {
  if (line === null) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
};

const typeOf = (value: unknown): unknown =>
  typeof value === "object" && value !== null ? (value as { type?: unknown }).type : undefined;

/** "(last sample 0.42 kWh at 812 s)" when the last line is a readable sample. */
const lastSample = (value: unknown): string => {
  if (typeOf(value) !== "sample") return "";
  const sample = value as { elapsedS?: unknown; cumulative?: { energyKWh?: unknown } };
  const kWh = sample.cumulative?.energyKWh;
  const at = sample.elapsedS;
  return typeof kWh === "number" && typeof at === "number"
    ? `; its last sample had ${Number(kWh.toPrecision(3))} kWh at ${Math.round(at)} s`
    : "";
};

/**
 * Reads a tracker log from its first and last non-empty lines: a {@link RunLog}, or why it is left out
 * (no summary line: the tracker was stopped, or its last line was cut; a summary that does not check).
 *
 * @example
 * readRunLog("rank3.jsonl", startLine, summaryLine) // { ok: true, log: { run: "slurm:4242.0", task: { host: "gpu001", rank: 3, … }, … } }
 */
export const readRunLog = (
  name: string,
  firstLine: string | null,
  lastLine: string | null,
): { readonly ok: true; readonly log: RunLog } | { readonly ok: false; readonly leftOut: LeftOutLog } => {
  const leave = (reason: string) => ({ ok: false as const, leftOut: { name, reason } });
  if (lastLine === null) return leave("the file is empty");
  if (!["start", "sample", "summary"].includes(String(typeOf(parse(firstLine)))))
    return leave("not a tracker log (its first line is not a start, sample or summary line)");
  const last = parse(lastLine);
  if (last === undefined) return leave("its last line is cut (the tracker was killed while writing it)");
  if (typeOf(last) !== "summary")
    return leave(`it has no summary line (the tracker was stopped before the end?)${lastSample(last)}`);
  const summary = v.safeParse(SummaryLineSchema, last);
  if (!summary.success) {
    const [problem] = issuesToProblems(summary.issues);
    return leave(`its summary line does not check (${formatProblem(problem)})`);
  }
  const start = v.safeParse(StartLineSchema, parse(firstLine));
  const head = start.success ? start.output : null;
  const line = summary.output;
  const task = line.task ?? head?.task ?? null;
  const runKey = task?.runKey ?? null;
  const ownId = line.runId ?? head?.runId ?? name;
  const idle = line.allocationIdle;
  return {
    ok: true,
    log: {
      name,
      run: runKey ?? ownId,
      keyed: runKey !== null,
      task:
        task === null
          ? null
          : { host: task.host, node: task.node, rank: task.rank, localRank: task.localRank },
      startedAt: head?.startedAt ?? null,
      endedAt:
        typeof (last as { endedAt?: unknown }).endedAt === "string"
          ? (last as { endedAt: string }).endedAt
          : null,
      result: (last as { result: EstimateResult }).result,
      allocationIdle:
        idle === undefined || !idle.reported
          ? null
          : { energyKWh: idle.energyKWh, emissionsKg: idle.emissionsKg },
    },
  };
};
