// `mlco2 report logs/*.jsonl` or `mlco2 report DIR`: the tracker logs of one distributed run merged into
// one result with a per-node, per-rank and per-component breakdown.
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { type ModelCardOptions, renderReport, TRAINING_TYPES } from "../../core/report/index.ts";
import { renderMarkdown } from "../../core/report/markdown.ts";
import { type MergedRun, mergeRunLogs, runsOf } from "../../core/report/merge-runs.ts";
import {
  renderBreakdownMarkdown,
  renderBreakdownText,
  renderMergedJson,
} from "../../core/report/merged-breakdown.ts";
import { type LeftOutLog, type RunLog, readRunLog } from "../../core/report/run-log.ts";
import { dataset } from "../../data/index.ts";
import { CliError } from "../cli-error.ts";
import { parseChoice } from "../parse-values.ts";
import { renderEstimateText } from "../render-estimate-text.ts";
import { RESULT_FORMATS, type ReportFlags } from "./render-result.ts";
import { toOutput } from "./write-output.ts";

/** Flags of a merge. */
export interface MergeFlags extends ReportFlags {
  /** Write to this file instead of stdout. */
  output?: string;
  /** Allow logs of several runs to be added up. */
  mergeRuns?: boolean;
}

/** What a merge printed: stdout text, lines for stderr, and the exit code (1 when logs were left out). */
export interface MergeOutcome {
  readonly stdout: string;
  readonly stderr: readonly string[];
  readonly exitCode: number;
}

/** How much of a log's start and end is read for its first and last lines. */
const HEAD_BYTES = 256 * 1024;
const TAIL_BYTES = 4 * 1024 * 1024;

const codeOf = (error: unknown): string =>
  error instanceof Error && "code" in error ? String(error.code) : "unreadable";

/** The first and last non-empty lines of a file, reading only its start and its end. */
const endLines = (file: string): { first: string | null; last: string | null } => {
  const fd = openSync(file, "r");
  try {
    const size = statSync(file).size;
    const read = (start: number, length: number): string => {
      const buffer = Buffer.alloc(length);
      const got = readSync(fd, buffer, 0, length, start);
      return buffer.subarray(0, got).toString("utf8");
    };
    const head = read(0, Math.min(size, HEAD_BYTES));
    const tail =
      size <= HEAD_BYTES ? head : read(size - Math.min(size, TAIL_BYTES), Math.min(size, TAIL_BYTES));
    const lines = (text: string) => text.split("\n").filter((l) => l.trim() !== "");
    return { first: lines(head)[0] ?? null, last: lines(tail).at(-1) ?? null };
  } finally {
    closeSync(fd);
  }
};

/** The file's real path (links resolved), or the path as given when it cannot be resolved. */
const realPathOf = (file: string): string => {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
};

/**
 * The log files named: files as given, directories by their `*.jsonl` files (sorted); a file named twice
 * (`report logs/a.jsonl logs/`) is read once, not added up twice.
 */
export const logFilesOf = (paths: readonly string[]): string[] => {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = realPathOf(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const path of paths) {
    let directory: boolean;
    try {
      directory = statSync(path).isDirectory();
    } catch (error) {
      throw new CliError(
        `report: cannot read "${path}" (${codeOf(error)}); give tracker logs (.jsonl) or a directory of them`,
        {
          code: "unreadable",
          cause: error,
        },
      );
    }
    if (!directory) {
      add(path);
      continue;
    }
    const logs = readdirSync(path)
      .filter((name) => name.endsWith(".jsonl"))
      .sort()
      .map((name) => join(path, name))
      .filter((file) => statSync(file).isFile());
    if (logs.length === 0)
      throw new CliError(`report: "${path}" is a directory with no tracker logs (*.jsonl) in it`, {
        code: "no-logs",
      });
    for (const log of logs) add(log);
  }
  return files;
};

/** Reads each log: complete ones to merge, the others left out with why. */
const readLogs = (files: readonly string[]): { logs: RunLog[]; leftOut: LeftOutLog[] } => {
  const logs: RunLog[] = [];
  const leftOut: LeftOutLog[] = [];
  for (const file of files) {
    let lines: { first: string | null; last: string | null };
    try {
      lines = endLines(file);
    } catch (error) {
      leftOut.push({ name: file, reason: `it cannot be read (${codeOf(error)})` });
      continue;
    }
    const read = readRunLog(file, lines.first, lines.last);
    if (read.ok) logs.push(read.log);
    else leftOut.push(read.leftOut);
  }
  return { logs, leftOut };
};

/** The refusal to add up different runs: which runs, and how to ask for it. */
const differentRuns = (logs: readonly RunLog[]): CliError => {
  const runs = [...runsOf(logs)];
  const shown = runs
    .slice(0, 4)
    .map(([run, n]) => `${run} (${n} log${n === 1 ? "" : "s"})`)
    .join(", ");
  const more = runs.length > 4 ? ` and ${runs.length - 4} more` : "";
  return new CliError(
    `report: these logs are of ${runs.length} different runs: ${shown}${more}; give the logs of one run, or --merge-runs to add them up`,
    { code: "different-runs" },
  );
};

/** The merged run in the format asked for: breakdowns in text, Markdown and JSON, the total in the others. */
const render = (run: MergedRun, flags: ReportFlags): string => {
  const format = parseChoice("--format", flags.format ?? "text", RESULT_FORMATS);
  const options: ModelCardOptions =
    flags.trainingType === undefined
      ? {}
      : { trainingType: parseChoice("--training-type", flags.trainingType, TRAINING_TYPES) };
  switch (format) {
    case "text":
      return `${renderBreakdownText(run.merged)}\n${renderEstimateText(run.result)}`;
    case "markdown":
      return `${renderMarkdown(run.result)}\n${renderBreakdownMarkdown(run.merged)}`;
    case "json":
      return renderMergedJson(run);
    default:
      return renderReport(run.result, format, options);
  }
};

/**
 * `mlco2 report a.jsonl b.jsonl …` / `mlco2 report DIR`: merges the logs of one run. A torn or
 * incomplete log is named on stderr and left out (exit 1); logs of different runs are refused unless
 * `--merge-runs`.
 */
export const runReportMerge = (paths: readonly string[], flags: MergeFlags): MergeOutcome => {
  // The format and the training type are checked before any file is read.
  parseChoice("--format", flags.format ?? "text", RESULT_FORMATS);
  if (flags.trainingType !== undefined) parseChoice("--training-type", flags.trainingType, TRAINING_TYPES);
  const { logs, leftOut } = readLogs(logFilesOf(paths));
  const named = leftOut.map((l) => ({ ...l, name: basename(l.name) }));
  const stderr = named.map((l) => `report: ${l.name}: left out: ${l.reason}`);
  const [first, ...rest] = logs.map((l) => ({ ...l, name: basename(l.name) }));
  if (first === undefined)
    throw new CliError([...stderr, "report: no complete tracker log to merge"].join("\n"), {
      code: "no-logs",
    });
  if (runsOf(logs).size > 1 && flags.mergeRuns !== true) throw differentRuns(logs);
  const run = mergeRunLogs([first, ...rest], named, dataset.defaults.equivalents);
  return {
    stdout: toOutput(render(run, flags), flags.output),
    stderr,
    exitCode: leftOut.length > 0 ? 1 : 0,
  };
};
