import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { emptyPricedRow, type PricedRow } from "../batch/priced-row.ts";
import type { JobQuantities } from "./job-model.ts";
import type { SacctJob } from "./sacct-job.ts";
import { type GroupBy, GroupTotals, renderSummary } from "./summary.ts";

/** A sacct job as the summary reads it: its month and its text fields. */
const sacct = (fields: Record<string, string>, month = "2026-01"): SacctJob =>
  ({ month, text: (field: string) => fields[field] ?? "" }) as unknown as SacctJob;

const quantities = (gpus: number, cpus: number, hours: number, measuredW = Number.NaN): JobQuantities => ({
  hours,
  nodes: 1,
  gpus,
  gpuName: gpus > 0 ? "A100" : "",
  cpus,
  cpuUtilization: Number.NaN,
  memoryGB: Number.NaN,
  memoryBasis: "none",
  measuredW,
});

/** A priced row whose figures are simple multiples of `kWh`: PUE 1.5, 200 g/kWh, range ×0.5–×2. */
const row = (kWh: number): PricedRow => ({
  ...emptyPricedRow(),
  energyKWh: kWh,
  facilityEnergyKWh: kWh * 1.5,
  emissionsKg: kWh * 0.3,
  lowKg: kWh * 0.15,
  highKg: kWh * 0.6,
  intensityGPerKWh: 200,
  pue: 1.5,
});

/** Three users' jobs: alice twice (one measured), bob once, and a job without a user. */
const totals = (by: GroupBy) => {
  const t = new GroupTotals(by);
  t.add(sacct({ User: "alice", Account: "ml" }, "2026-02"), quantities(4, 16, 2), row(10));
  t.add(sacct({ User: "bob", Account: "ml" }, "2026-01"), quantities(0, 64, 10), row(20));
  t.add(sacct({ User: "alice", Account: "physics" }, "2026-02"), quantities(2, 8, 1, 900), row(2));
  t.add(sacct({ User: "", Account: "physics" }, "2025-12"), quantities(0, 1, 1), row(1));
  return t;
};

describe("GroupTotals", () => {
  test("by user: sums per group, largest emissions first, an empty field as (none)", () => {
    const groups = totals("user").sorted();
    assert.deepEqual(
      groups.map((g) => [g.key, g.jobs, g.gpuHours, g.cpuHours, g.energyKWh, g.measured]),
      [
        ["bob", 1, 0, 640, 20, 0],
        ["alice", 2, 4 * 2 + 2 * 1, 16 * 2 + 8 * 1, 12, 1],
        ["(none)", 1, 0, 1, 1, 0],
      ],
    );
    const alice = groups[1];
    assert.ok(Math.abs((alice?.emissionsKg ?? 0) - 3.6) < 1e-12);
    assert.ok(Math.abs((alice?.facilityEnergyKWh ?? 0) - 18) < 1e-12);
    assert.ok(Math.abs((alice?.lowKg ?? 0) - 1.8) < 1e-12);
    assert.ok(Math.abs((alice?.highKg ?? 0) - 7.2) < 1e-12);
  });

  test("by account: equal emissions are ordered by name", () => {
    const t = new GroupTotals("account");
    t.add(sacct({ Account: "zeta" }), quantities(0, 1, 1), row(1));
    t.add(sacct({ Account: "alpha" }), quantities(0, 1, 1), row(1));
    assert.deepEqual(
      t.sorted().map((g) => g.key),
      ["alpha", "zeta"],
    );
  });

  test("by month: in calendar order, whatever the emissions", () => {
    assert.deepEqual(
      totals("month")
        .sorted()
        .map((g) => [g.key, g.jobs]),
      [
        ["2025-12", 1],
        ["2026-01", 1],
        ["2026-02", 2],
      ],
    );
  });
});

describe("renderSummary", () => {
  const groups = totals("user").sorted();

  test("csv: one line per group with full-precision numbers, no total line", () => {
    assert.equal(
      renderSummary("user", groups, "csv"),
      [
        "user,jobs,gpu_hours,cpu_hours,energy_kwh,facility_energy_kwh,emissions_kg,low_kg,high_kg,measured_jobs",
        "bob,1,0,640,20,30,6,3,12,0",
        "alice,2,10,40,12,18,3.6,1.8,7.2,1",
        "(none),1,0,1,1,1.5,0.3,0.15,0.6,0",
        "",
      ].join("\n"),
    );
  });

  test("csv: a group name with a comma or a quote is quoted", () => {
    const t = new GroupTotals("account");
    t.add(sacct({ Account: 'a,"b"' }), quantities(0, 1, 1), row(1));
    assert.match(renderSummary("account", t.sorted(), "csv"), /\n"a,""b""",1,/);
  });

  test("json: the groups and their total", () => {
    const json = JSON.parse(renderSummary("user", groups, "json")) as {
      by: string;
      groups: { key: string; jobs: number }[];
      total: Record<string, number | string>;
    };
    assert.equal(json.by, "user");
    assert.deepEqual(
      json.groups.map((g) => g.key),
      ["bob", "alice", "(none)"],
    );
    assert.equal(json.total.key, "total");
    assert.equal(json.total.jobs, 4);
    assert.equal(json.total.gpu_hours, 10);
    assert.equal(json.total.cpu_hours, 681);
    assert.equal(json.total.energy_kwh, 33);
    assert.equal(json.total.measured_jobs, 1);
    assert.ok(Math.abs(Number(json.total.emissions_kg) - 9.9) < 1e-12);
  });

  test("text: aligned columns, a rule, then the total", () => {
    const lines = renderSummary("user", groups, "text").trimEnd().split("\n");
    assert.equal(lines.length, 6);
    assert.match(lines[0] ?? "", /^user\s+jobs\s+GPU-h\s+CPU-h\s+kWh \(with PUE\)\s+kg CO2eq\s+range$/);
    assert.match(lines[1] ?? "", /^bob\s+1\s+0\s+640\s+30\s+6 kg\s+3 kg – 12 kg$/);
    assert.match(lines[4] ?? "", /^-+( +-+){6}$/);
    assert.match(lines[5] ?? "", /^total\s+4\s+10\s+681\s+49\.5\s+9\.9 kg\s+4\.95 kg – 19\.8 kg$/);
    // Columns are aligned: numbers end where their heading ends.
    const jobsEnd = (lines[0] ?? "").indexOf("jobs") + "jobs".length;
    for (const line of [lines[1], lines[2], lines[3], lines[5]])
      assert.match(line?.slice(jobsEnd - 1, jobsEnd) ?? "", /\d/);
  });

  test("markdown: a table with right-aligned numbers, | escaped, the total in bold", () => {
    const t = new GroupTotals("partition");
    t.add(sacct({ Partition: "gpu|a" }), quantities(1, 1, 1), row(1));
    const lines = renderSummary("partition", t.sorted(), "markdown").trimEnd().split("\n");
    assert.equal(lines[0], "| partition | jobs | GPU-h | CPU-h | kWh (with PUE) | kg CO2eq | range |");
    assert.equal(lines[1], "| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    assert.ok(lines[2]?.startsWith("| gpu\\|a | 1 | 1 | 1 | 1.5 | 300 g |"));
    assert.ok(lines[3]?.startsWith("| **total** | 1 |"));
  });

  test("no group: the total alone, zero", () => {
    assert.equal(
      renderSummary("user", [], "csv"),
      "user,jobs,gpu_hours,cpu_hours,energy_kwh,facility_energy_kwh,emissions_kg,low_kg,high_kg,measured_jobs\n",
    );
    const json = JSON.parse(renderSummary("user", [], "json")) as { total: { jobs: number } };
    assert.equal(json.total.jobs, 0);
  });
});
