// `mlco2 hpc sacct`: flags → cluster, input and output; the pricing itself is src/hpc.

import { once } from "node:events";
import { createWriteStream, readFileSync } from "node:fs";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { Problem } from "../../core/errors.ts";
import { formatMassKg, sig3 } from "../../core/format-number.ts";
import { formatProblem } from "../../core/problems.ts";
import {
  type ByteSink,
  CLUSTER_NAME_ALLOWED,
  type Cluster,
  clusterFromTable,
  GROUP_BY,
  type GroupBy,
  isClusterName,
  type LineProblem,
  MAX_LISTED,
  priceSacct,
  readCluster,
  renderSummary,
  SacctInputError,
  type SacctTotals,
  type SpecTable,
  SUMMARY_FORMATS,
  type SummaryFormat,
} from "../../hpc/index.ts";
import { CliError, problemsError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";
import { parseChoice, parseIntegerFlag, parseNumberFlag } from "../parse-values.ts";
import { type ServerTarget, serverTargetOf } from "../server-target.ts";
import { openSacctInput } from "./hpc-input.ts";
import type { SacctUploads } from "./hpc-sacct-server.ts";

/** Flags of `mlco2 hpc sacct`, as commander hands them over. */
export interface HpcSacctFlags {
  cluster?: string;
  gpu?: string;
  cpu?: string;
  sockets?: string;
  cpusPerNode?: string;
  memoryGbPerNode?: string;
  region?: string;
  country?: string;
  zone?: string;
  intensity?: string;
  year?: string;
  pue?: string;
  slurmEnergy?: string;
  memory?: string;
  running?: boolean;
  since?: string;
  until?: string;
  allUsers?: boolean;
  by?: string;
  format?: string;
  output?: string;
  strict?: boolean;
  server?: string;
  tokenFile?: string;
  token?: string;
  project?: string;
  retryFor?: string;
  clusterName?: string;
}

/** Cluster-file keys as flags, for messages. */
const FLAG_OF_KEY: Readonly<Record<string, string>> = {
  gpu: "--gpu",
  cpu: "--cpu",
  sockets: "--sockets",
  cpus_per_node: "--cpus-per-node",
  memory_gb_per_node: "--memory-gb-per-node",
  region: "--region",
  country: "--country",
  zone: "--zone",
  intensity: "--intensity",
  year: "--year",
  pue: "--pue",
  slurm_energy: "--slurm-energy",
};

const HARDWARE_FLAGS = [
  "gpu",
  "cpu",
  "sockets",
  "cpusPerNode",
  "memoryGbPerNode",
  "region",
  "country",
  "zone",
  "intensity",
  "year",
  "pue",
  "slurmEnergy",
] as const;

const flagName = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** A one-partition cluster from the flags. */
const tableOfFlags = (f: HpcSacctFlags): SpecTable => {
  const n = (flag: string, text: string | undefined, allowed: string) =>
    text === undefined ? undefined : parseNumberFlag(flag, text, allowed);
  const i = (flag: string, text: string | undefined) =>
    text === undefined ? undefined : parseIntegerFlag(flag, text, "a whole number from 1");
  const cpu = f.cpu === undefined ? undefined : /^\s*\d+(\.\d+)?\s*$/.test(f.cpu) ? Number(f.cpu) : f.cpu;
  const table: Record<string, unknown> = {
    gpu: f.gpu,
    cpu,
    sockets: i("--sockets", f.sockets),
    cpus_per_node: i("--cpus-per-node", f.cpusPerNode),
    memory_gb_per_node: n("--memory-gb-per-node", f.memoryGbPerNode, "GB, 0 or more"),
    region: f.region,
    country: f.country,
    zone: f.zone,
    intensity: n("--intensity", f.intensity, "gCO2eq/kWh from 0 to 2000"),
    year: f.year === undefined ? undefined : parseIntegerFlag("--year", f.year, "a year such as 2024"),
    pue: n("--pue", f.pue, "a number from 1 to 3"),
    slurm_energy:
      f.slurmEnergy === undefined
        ? undefined
        : parseChoice("--slurm-energy", f.slurmEnergy, ["use", "ignore"] as const),
  };
  for (const key of Object.keys(table)) if (table[key] === undefined) delete table[key];
  return table as SpecTable;
};

/** The cluster: from --cluster (problems as FILE:LINE), else from the flags. */
const clusterOf = async (f: HpcSacctFlags): Promise<Cluster> => {
  const { dataset } = await import("../../data/index.ts");
  if (f.cluster !== undefined) {
    const given = HARDWARE_FLAGS.filter((k) => f[k] !== undefined);
    if (given.length > 0)
      throw new CliError(
        `${flagName(given[0] as string)}: cannot be combined with --cluster; set it in ${f.cluster}`,
      );
    let text: string;
    try {
      text = readFileSync(f.cluster, "utf8");
    } catch (error) {
      const code = error instanceof Error && "code" in error ? String(error.code) : "failed";
      throw new CliError(`--cluster: cannot read "${f.cluster}" (${code}); write one with mlco2 hpc init`);
    }
    const read = readCluster(dataset, text, f.cluster);
    if (!read.ok)
      throw new CliError(
        read.problems
          .map((p) => `${f.cluster}:${p.line > 0 ? `${p.line}:` : ""} ${formatProblem(p)}`)
          .join("\n"),
        { code: read.problems[0]?.code ?? "invalid" },
      );
    return read.cluster;
  }
  if (f.cpu === undefined)
    throw new CliError(
      "--cpu: give the nodes' CPU (catalog name or TDP in watts), or describe the cluster in a file with --cluster (mlco2 hpc init)",
      { code: "required" },
    );
  const cluster = clusterFromTable(dataset, tableOfFlags(f));
  if (Array.isArray(cluster))
    throw problemsError(cluster as [Problem, ...Problem[]], (path) => FLAG_OF_KEY[path] ?? path);
  return cluster;
};

/** A sink on a stream, with backpressure; after a failure of the stream nothing more is written. */
const streamSink = (stream: Writable): { sink: ByteSink; failure: () => unknown } => {
  let failure: unknown = null;
  stream.on("error", (error) => {
    failure ??= error;
  });
  const sink: ByteSink = {
    write: (bytes, written) => {
      if (failure === null) return stream.write(bytes, () => written?.());
      written?.();
      return true;
    },
    drain: async () => {
      if (failure === null) await once(stream, "drain").catch(() => {});
    },
  };
  return { sink, failure: () => failure };
};

const codeOf = (error: unknown): string =>
  error instanceof Error && "code" in error ? String(error.code) : "failed";

/** A sink on stdout (whose failure the bin reports), or on the --output file. */
const openOutput = async (
  output: string | undefined,
  io: CliIo,
): Promise<{ sink: ByteSink; finish: () => Promise<void> }> => {
  if (output === undefined) {
    if (io.stdoutWritable !== undefined)
      return { sink: streamSink(io.stdoutWritable).sink, finish: async () => {} };
    const decoder = new TextDecoder();
    const sink: ByteSink = {
      write: (bytes, written) => {
        io.stdout(decoder.decode(bytes, { stream: true }));
        written?.();
        return true;
      },
      drain: async () => {},
    };
    return { sink, finish: async () => {} };
  }
  const stream = createWriteStream(output);
  const failure = await once(stream, "open").then(
    () => null,
    (e: unknown) => e,
  );
  if (failure !== null) throw new CliError(`--output: cannot write "${output}"; use a writable file path`);
  const { sink, failure: failed } = streamSink(stream);
  return {
    sink,
    finish: async () => {
      stream.end();
      await finished(stream).catch(() => {});
      if (failed() !== null) throw new CliError(`--output: cannot write "${output}" (${codeOf(failed())})`);
    },
  };
};

/** Writes the summary (with --by) and closes the output. */
const finishOutput = async (
  groupBy: GroupBy | null,
  summaryFormat: SummaryFormat | null,
  totals: SacctTotals,
  output: { sink: ByteSink; finish: () => Promise<void> },
): Promise<void> => {
  if (groupBy !== null && summaryFormat !== null) {
    const summary = Buffer.from(renderSummary(groupBy, totals.groups ?? [], summaryFormat), "utf8");
    if (!output.sink.write(summary)) await output.sink.drain();
  }
  await output.finish();
};

const count = (n: number): string => n.toLocaleString("en-US");

/** `total N of M jobs priced, …` with what was not priced and why. */
export const sacctTotalLine = (t: SacctTotals): string => {
  const rules = [
    t.pending > 0 ? `${count(t.pending)} pending` : "",
    t.running > 0 ? `${count(t.running)} running (--running prices them)` : "",
    t.neverStarted > 0 ? `${count(t.neverStarted)} ended before starting` : "",
  ].filter((s) => s !== "");
  const notPriced = t.pending + t.running + t.neverStarted;
  return `total ${count(t.priced)} of ${count(t.jobs)} jobs priced${t.skipped > 0 ? `, ${count(t.skipped)} skipped` : ""}${notPriced > 0 ? `, ${count(notPriced)} not priced (${rules.join(", ")})` : ""}: ${sig3(t.facilityEnergyKWh)} kWh with PUE, ${formatMassKg(t.emissionsKg)} CO2eq (range ${formatMassKg(t.lowKg)} – ${formatMassKg(t.highKg)})${t.measured > 0 ? `; ${count(t.measured)} from energy measured by Slurm` : ""}`;
};

/** A job that could not be priced: `FILE:LINE: Field: message; job skipped`. */
const problemLine = (file: string, p: LineProblem): string =>
  `${file}:${p.line}: ${formatProblem(p)}; job skipped`;

/** The server to store jobs on (null without --server), checked before anything is read. */
const storeTargetOf = (f: HpcSacctFlags, io: CliIo): { target: ServerTarget; cluster: string } | null => {
  const target = serverTargetOf(f, io.env ?? {}, "hpc sacct --server");
  if (target === null) {
    if (f.clusterName !== undefined) throw new CliError("--cluster-name: needs --server");
    return null;
  }
  if (f.running === true)
    throw new CliError(
      "--running: cannot be combined with --server (a running job would be stored with its figures so far, and never updated: its key is already taken when it ends)",
    );
  // The cluster's name in run keys (rows with sacct's own Cluster column use theirs).
  const cluster = f.clusterName ?? "default";
  if (!isClusterName(cluster))
    throw new CliError(
      `--cluster-name: ${JSON.stringify(cluster)} is not allowed; use ${CLUSTER_NAME_ALLOWED}`,
    );
  return { target, cluster };
};

/** Sends what is still queued: what was stored as stderr lines, and whether every priced job is on the server. */
const finishStore = async (
  uploads: SacctUploads | undefined,
  server: string,
): Promise<{ lines: string; ok: boolean }> => {
  if (uploads === undefined) return { lines: "", ok: true };
  const { storeLines } = await import("./hpc-sacct-server.ts");
  const outcome = await uploads.finish();
  const lines = storeLines(server, outcome)
    .map((line) => `mlco2: ${line}\n`)
    .join("");
  return { lines, ok: outcome.failed === 0 };
};

/** Runs `mlco2 hpc sacct`; returns the exit code (0, or 1 when jobs were skipped or not stored). */
export const runHpcSacct = async (file: string | undefined, f: HpcSacctFlags, io: CliIo): Promise<number> => {
  const groupBy = f.by === undefined ? null : parseChoice("--by", f.by, GROUP_BY);
  const summaryFormat =
    groupBy === null ? null : parseChoice("--format", f.format ?? "text", SUMMARY_FORMATS);
  const rows = groupBy !== null ? null : parseChoice("--format", f.format ?? "csv", ["csv", "json"] as const);
  const memory = parseChoice("--memory", f.memory ?? "allocated", ["allocated", "max-rss"] as const);
  const store = storeTargetOf(f, io);
  const cluster = await clusterOf(f);
  const { dataset } = await import("../../data/index.ts");
  const uploads =
    store === null
      ? undefined
      : new (await import("./hpc-sacct-server.ts")).SacctUploads(dataset, store.cluster, store.target);
  const input = openSacctInput(file, f, io);
  try {
    const output = await openOutput(f.output, io);
    let totals: SacctTotals;
    try {
      totals = await priceSacct({
        chunks: input.chunks,
        dataset,
        cluster,
        memory,
        running: f.running === true,
        strict: f.strict === true,
        rows,
        groupBy,
        sink: output.sink,
        onProblem: (p) => io.stderr(`mlco2: ${problemLine(input.name, p)}\n`),
        ...(uploads === undefined ? {} : { taker: uploads }),
      });
    } catch (error) {
      if (error instanceof SacctInputError) {
        await input.done();
        const hint = error.code === "empty" && input.emptyHint !== undefined ? ` (${input.emptyHint})` : "";
        throw new CliError(`${input.name}: ${error.message}${hint}`, { code: error.code });
      }
      throw error;
    }
    if (totals.stoppedAt === null) await input.done();
    await finishOutput(groupBy, summaryFormat, totals, output);
    const stored = await finishStore(uploads, store?.target.server ?? "");
    if (totals.stoppedAt !== null) {
      if (stored.lines !== "") io.stderr(stored.lines);
      throw new CliError(
        `${input.name}:${totals.stoppedAt.line}: ${formatProblem(totals.stoppedAt)} (stopped: --strict)`,
        { code: totals.stoppedAt.code },
      );
    }
    if (totals.skipped > MAX_LISTED)
      io.stderr(`mlco2: ${input.name}: more jobs skipped; only the count is reported from here on\n`);
    io.stderr(`mlco2: ${sacctTotalLine(totals)}\n${stored.lines}`);
    return totals.skipped > 0 || !stored.ok ? 1 : 0;
  } finally {
    input.close();
  }
};
