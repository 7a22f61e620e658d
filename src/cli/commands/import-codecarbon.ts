// `mlco2 import codecarbon emissions.csv`: CodeCarbon's figure and ours side by side, per run; with
// --server, the re-priced runs stored on the team server.
import { readFileSync, writeFileSync } from "node:fs";
import { formatMassKg } from "../../core/format-number.ts";
import { formatProblem } from "../../core/problems.ts";
import {
  csvRecords,
  headerNote,
  type LocationOverride,
  type Repriced,
  readHeader,
  readRun,
  repriceRun,
} from "../../import/index.ts";
import { CliError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";
import { parseChoice, parseIntegerFlag, parseNumberFlag } from "../parse-values.ts";
import { checkServerUrl, serverTokenOf } from "../server-token.ts";
import { csvLine, IMPORT_COLUMNS, jsonLine, textBlock } from "./import-codecarbon-render.ts";
import type { ServerTarget, StoredRun } from "./import-codecarbon-server.ts";

/** Flags of `mlco2 import codecarbon`. */
export interface ImportFlags {
  region?: string;
  country?: string;
  zone?: string;
  intensity?: string;
  year?: string;
  pue?: string;
  format?: string;
  output?: string;
  strict?: boolean;
  server?: string;
  tokenFile?: string;
  token?: string;
  project?: string;
  retryFor?: string;
}

const readText = async (file: string, io: CliIo): Promise<string> => {
  if (file === "-") {
    const stdin = io.stdin?.();
    if (stdin === undefined) throw new CliError("-: no standard input to read");
    // Bytes first, decoded once: a character split across two chunks stays whole.
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "failed";
    throw new CliError(`cannot read "${file}" (${code}); give CodeCarbon's emissions.csv`);
  }
};

const overrideOf = (f: ImportFlags): LocationOverride => {
  const o: Record<string, unknown> = {
    region: f.region,
    country: f.country,
    zone: f.zone,
    intensity:
      f.intensity === undefined
        ? undefined
        : parseNumberFlag("--intensity", f.intensity, "gCO2eq/kWh from 0 to 2000"),
    year: f.year === undefined ? undefined : parseIntegerFlag("--year", f.year, "a year such as 2024"),
    pue: f.pue === undefined ? undefined : parseNumberFlag("--pue", f.pue, "a number from 1 to 3"),
  };
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o as LocationOverride;
};

/** The server to store on, checked before anything is read (null without --server). */
const targetOf = (f: ImportFlags, io: CliIo): ServerTarget | null => {
  if (f.server === undefined) {
    const stray = (
      [
        ["--token-file", f.tokenFile],
        ["--project", f.project],
        ["--retry-for", f.retryFor],
      ] as const
    ).find(([, v]) => v !== undefined);
    if (stray !== undefined) throw new CliError(`${stray[0]}: needs --server`);
    return null;
  }
  const token = serverTokenOf(f, io.env ?? {}, "import codecarbon --server");
  checkServerUrl(f.server);
  const retryFor =
    f.retryFor === undefined ? 60 : parseNumberFlag("--retry-for", f.retryFor, "seconds from 0 to 86400");
  if (!(retryFor >= 0 && retryFor <= 86_400))
    throw new CliError(`--retry-for: ${retryFor} is not allowed; use seconds from 0 to 86400`, {
      code: "out-of-range",
    });
  return {
    server: f.server,
    token,
    retryForMs: retryFor * 1000,
    ...(f.project === undefined ? {} : { project: f.project }),
  };
};

/** Why a row's width differs from the header's. */
const widthProblem = (cells: number, header: number): string =>
  `${cells} fields where the header has ${header}${
    cells < header
      ? " (CodeCarbon 3.2.9 and later leave a run's empty columns out when they append a row, so which value belongs to which column cannot be told)"
      : ""
  }`;

/** What the rows came to. */
interface Priced {
  readonly out: string;
  readonly runs: number;
  readonly priced: StoredRun[];
}

/** Prices every row after the header; bad rows are FILE:LINE lines on stderr (the first, with --strict, stops). */
const priceRows = async (
  records: Generator<{ cells: string[]; line: number }>,
  header: readonly string[],
  name: string,
  f: ImportFlags,
  format: "text" | "csv" | "json",
  io: CliIo,
): Promise<Priced> => {
  const override = overrideOf(f);
  const { dataset } = await import("../../data/index.ts");
  let out = format === "csv" ? `${IMPORT_COLUMNS.join(",")}\n` : "";
  let runs = 0;
  const priced: StoredRun[] = [];
  for (const { cells, line } of records) {
    runs++;
    const fail = (message: string): void => {
      if (f.strict === true)
        throw new CliError(`${name}:${line}: ${message} (stopped: --strict)`, { code: "invalid" });
      io.stderr(`mlco2: ${name}:${line}: ${message}; row skipped\n`);
    };
    if (cells.length !== header.length) {
      fail(widthProblem(cells.length, header.length));
      continue;
    }
    const run = readRun(header, cells, line);
    if ("column" in run) {
      fail(`${run.column}: ${run.reason}`);
      continue;
    }
    const repriced = repriceRun(dataset, run, override);
    if ("code" in repriced) {
      fail(formatProblem(repriced));
      continue;
    }
    priced.push({ repriced, cells });
    out +=
      format === "text" ? textBlock(repriced) : format === "csv" ? csvLine(repriced) : jsonLine(repriced);
  }
  return { out, runs, priced };
};

const writeOut = (out: string, output: string | undefined, io: CliIo): void => {
  if (output === undefined) {
    io.stdout(out);
    return;
  }
  try {
    writeFileSync(output, out);
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "failed";
    throw new CliError(`--output: cannot write "${output}" (${code})`);
  }
};

const total = (priced: readonly StoredRun[], pick: (r: Repriced) => number): number =>
  priced.reduce((sum, p) => sum + pick(p.repriced), 0);

/** Runs `mlco2 import codecarbon`; returns 0, or 1 when rows were skipped or runs not stored. */
export const runImportCodecarbon = async (file: string, f: ImportFlags, io: CliIo): Promise<number> => {
  const format = parseChoice("--format", f.format ?? "text", ["text", "csv", "json"] as const);
  const target = targetOf(f, io);
  const name = file === "-" ? "stdin" : file;
  const records = csvRecords(await readText(file, io));
  const first = records.next();
  if (first.done) throw new CliError(`${name} is empty; expected CodeCarbon's emissions.csv with its header`);
  const header = first.value.cells;
  const reading = readHeader(header);
  if (!reading.ok) throw new CliError(`${name}:1: ${reading.reason}`, { code: "invalid" });
  const note = headerNote(reading);
  if (note !== null) io.stderr(`mlco2: ${name}:1: ${note}\n`);
  const { out, runs, priced } = await priceRows(records, header, name, f, format, io);
  writeOut(out, f.output, io);
  const skipped = runs - priced.length;
  const count = (n: number) => n.toLocaleString("en-US");
  io.stderr(
    `mlco2: total ${count(priced.length)} of ${count(runs)} runs re-priced${skipped > 0 ? `, ${count(skipped)} skipped` : ""} (CodeCarbon ${reading.versions} columns${reading.exact ? "" : ", closest"}): CodeCarbon ${formatMassKg(total(priced, (r) => r.run.emissionsKg))} CO2eq, ours ${formatMassKg(total(priced, (r) => r.ours.emissionsKg))} CO2eq\n`,
  );
  let stored = true;
  if (target !== null) {
    const { storeRepriced } = await import("./import-codecarbon-server.ts");
    stored = await storeRepriced(priced, target, io);
  }
  return skipped > 0 || !stored ? 1 : 0;
};
