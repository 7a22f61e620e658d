// The two writers of job rows agree: the CSV rows (written byte by byte) hold, cell for cell, what the
// JSON lines hold (written by JSON.stringify), for every job of the recorded sacct fixtures.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { cli } from "../cli/fixtures/run-cli.ts";
import { formatCsvNumber } from "../core/format-csv-number.ts";
import { JOB_ROW_COLUMNS, JOB_ROW_HEADER } from "./job-rows.ts";

const FIX = fileURLToPath(new URL("./fixtures", import.meta.url));

/** Splits CSV text into records of cells (RFC 4180: quoted cells may hold commas, quotes, line breaks). */
const parseCsv = (text: string): string[][] => {
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n") {
      cells.push(cell);
      records.push(cells);
      cells = [];
      cell = "";
    } else cell += c;
  }
  return records;
};

/** A JSON value as the CSV cell must show it. */
const asCell = (value: unknown): string =>
  value === null ? "" : typeof value === "number" ? formatCsvNumber(value) : String(value);

const RUNS: readonly (readonly string[])[] = [
  [`${FIX}/sacct-mixed.txt`, "--cluster", `${FIX}/cluster.toml`],
  [`${FIX}/sacct-mixed.txt`, "--cluster", `${FIX}/cluster.toml`, "--running", "--memory", "max-rss"],
  [`${FIX}/sacct-edge.txt`, "--cluster", `${FIX}/cluster-nodes.toml`],
  [`${FIX}/sacct-edge.txt`, "--cluster", `${FIX}/cluster-nodes.toml`, "--running"],
];

describe("job rows: CSV and JSON Lines", () => {
  test("the header lists the columns once each, in the documented order", () => {
    assert.equal(JOB_ROW_HEADER, `${JOB_ROW_COLUMNS.join(",")}\n`);
    assert.equal(new Set(JOB_ROW_COLUMNS).size, JOB_ROW_COLUMNS.length);
    assert.deepEqual(JOB_ROW_COLUMNS.slice(0, 5), ["job_id", "user", "account", "partition", "state"]);
    assert.equal(JOB_ROW_COLUMNS.at(-1), "month");
  });

  for (const args of RUNS)
    test(`every job's CSV cells equal its JSON values: ${args.slice(1).join(" ").replaceAll(FIX, "…")}`, async () => {
      const csv = await cli("hpc", "sacct", ...args);
      const json = await cli("hpc", "sacct", ...args, "--format", "json");
      assert.equal(csv.exitCode, json.exitCode);
      assert.equal(csv.stderr, json.stderr, "the same jobs are skipped");
      const [header, ...rows] = parseCsv(csv.stdout);
      assert.deepEqual(header, [...JOB_ROW_COLUMNS]);
      const lines = json.stdout
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.ok(rows.length >= 3, `${rows.length} rows`);
      assert.equal(rows.length, lines.length);
      rows.forEach((row, i) => {
        const line = lines[i] ?? {};
        assert.deepEqual(Object.keys(line), [...JOB_ROW_COLUMNS]);
        assert.deepEqual(
          row,
          JOB_ROW_COLUMNS.map((c) => asCell(line[c])),
          `job ${String(line.job_id)}`,
        );
        // Measured jobs carry no modelled CPU utilization or memory.
        if (String(line.energy_basis).startsWith("measured"))
          assert.deepEqual([line.cpu_utilization, line.memory_gb, line.memory_basis], [null, null, null]);
        else assert.equal(line.energy_basis, "model");
      });
    });
});
