import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { tryEstimateWith } from "../core/estimate.ts";
import { dataset } from "../data/index.ts";
import type { Cluster } from "./cluster.ts";
import { clusterFromTable, readCluster } from "./cluster-file.ts";
import { engineInputOf, quantitiesOf } from "./job-model.ts";
import { LineFields } from "./line-fields.ts";
import type { LineProblem } from "./problems.ts";
import { fieldIndexOf } from "./sacct-columns.ts";
import { closeJob, JobReader, SacctJob } from "./sacct-job.ts";
import { priceSacct, type SacctOptions } from "./sacct-run.ts";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const clusterRead = readCluster(dataset, fixture("cluster.toml"), "cluster.toml");
if (!clusterRead.ok) throw new Error("fixture cluster");
const cluster = clusterRead.cluster;

const run = async (text: string, options: Partial<SacctOptions> = {}) => {
  let out = "";
  const decoder = new TextDecoder();
  const problems: LineProblem[] = [];
  const totals = await priceSacct({
    chunks: [text],
    dataset,
    cluster,
    memory: "allocated",
    running: false,
    strict: false,
    rows: "json",
    groupBy: null,
    sink: {
      write: (bytes, written) => {
        out += decoder.decode(bytes, { stream: true });
        written?.();
        return true;
      },
      drain: async () => {},
    },
    onProblem: (p) => problems.push(p),
    ...options,
  });
  const rows =
    out.trim() === "" || (options.rows ?? "json") !== "json"
      ? []
      : out
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { totals, rows, problems, out };
};

const near = (a: unknown, b: number) =>
  assert.ok(Math.abs((a as number) - b) <= 1e-12 * Math.max(1, b), `${a} ≠ ${b}`);

describe("hpc sacct: realistic output priced job by job", () => {
  it("a GPU job: 4 × A100 (400 W) + 32 of 128 CPUs of 2 × 280 W at 50 % + 256 GB, 2 h, PUE 1.2", async () => {
    const { rows } = await run(fixture("sacct-mixed.txt"));
    const r = rows.find((x) => x.job_id === "1001") as Record<string, number>;
    // One CPU = 560 W / 128 = 4.375 W TDP; idle 21 % = 0.91875 W; at 50 %: 2.646875 W; × 32 = 84.7 W.
    // Memory 256 GB × 0.3725 W/GB = 95.36 W. (1600 + 84.7 + 95.36) W × 2 h = 3.56012 kWh.
    near(r.energy_kwh, 3.56012);
    near(r.facility_energy_kwh, 3.56012 * 1.2);
    near(r.emissions_kg, (3.56012 * 1.2 * (r.intensity_g_per_kwh as number)) / 1000);
    assert.equal(r.cpu_utilization, 0.5); // TotalCPU 32 h / CPUTime 64 h
    assert.equal(r.gpu_model, "NVIDIA A100 SXM4 80GB");
    assert.equal(r.memory_basis, "allocated");
  });

  it("a CPU-only job: 16 CPUs at 93.75 % (TotalCPU/CPUTime), 62.5 GB allocated, 30 min", async () => {
    const { rows } = await run(fixture("sacct-mixed.txt"));
    const r = rows.find((x) => x.job_id === "1003") as Record<string, number>;
    // 0.91875 + 3.45625 × 0.9375 = 4.158984375 W × 16 = 66.54375 W; 62.5 GB × 0.3725 = 23.28125 W.
    near(r.energy_kwh, (89.825 * 0.5) / 1000);
    assert.equal(r.state, "FAILED");
  });

  it("multi-node: 8 GPUs on 2 nodes, TotalCPU from the steps (the job line says 0)", async () => {
    const { rows } = await run(fixture("sacct-mixed.txt"));
    const r = rows.find((x) => x.job_id === "1002") as Record<string, number>;
    assert.equal(r.nodes, 2);
    assert.equal(r.gpus, 8);
    assert.equal(r.cpu_utilization, 0.5); // (1 h + 767 h) / 1536 h
    assert.equal(r.memory_gb, 1024);
  });

  it("Slurm's measured energy (ConsumedEnergyRaw, J) replaces the model and says so", async () => {
    const { rows } = await run(fixture("sacct-mixed.txt"));
    const r = rows.find((x) => x.job_id === "1009") as Record<string, number>;
    near(r.energy_kwh, 1); // 3,600,000 J
    assert.equal(r.energy_basis, "measured (ConsumedEnergyRaw)");
    const ignored = readCluster(
      dataset,
      fixture("cluster.toml").replace("pue = 1.2", 'pue = 1.2\nslurm_energy = "ignore"'),
      "c",
    );
    assert.ok(ignored.ok);
    const modelled = (await run(fixture("sacct-mixed.txt"), { cluster: ignored.cluster })).rows.find(
      (x) => x.job_id === "1009",
    );
    assert.equal(modelled?.energy_basis, "model");
  });

  it("steps counted once; arrays, cancelled-after-start and OOM priced; pending, running and never-started not; totals add up", async () => {
    const { totals, rows, problems } = await run(fixture("sacct-mixed.txt"));
    assert.deepEqual(
      rows.map((r) => r.job_id),
      ["1001", "1002", "1003", "1004", "1008_1", "1008_2", "1009", "1013"],
    );
    assert.equal(totals.jobs, 14);
    assert.equal(totals.priced, 8);
    assert.equal(totals.skipped, 3);
    assert.equal(totals.pending, 1);
    assert.equal(totals.running, 1);
    assert.equal(totals.neverStarted, 1);
    assert.equal(
      totals.priced + totals.skipped + totals.pending + totals.running + totals.neverStarted,
      totals.jobs,
    );
    assert.deepEqual(
      problems.map((p) => [p.line, p.code, p.path]),
      [
        [21, "unknown-tres", "AllocTRES"],
        [22, "field-count", ""],
        [23, "unknown-partition", "Partition"],
      ],
    );
    const sum = rows.reduce((s, r) => s + (r.emissions_kg as number), 0);
    near(totals.emissionsKg, sum);
  });

  it("--running prices running jobs for their Elapsed so far", async () => {
    const { rows, totals } = await run(fixture("sacct-mixed.txt"), { running: true });
    assert.equal(rows.find((r) => r.job_id === "1006")?.hours, 5);
    assert.equal(totals.running, 0);
  });

  it("--memory max-rss charges the largest MaxRSS of the steps", async () => {
    const { rows } = await run(fixture("sacct-mixed.txt"), { memory: "max-rss" });
    const r = rows.find((x) => x.job_id === "1001") as Record<string, number>;
    near(r.memory_gb, 120_000_000 / 1024 / 1024);
    assert.equal(r.memory_basis, "max-rss");
  });

  it("every priced job equals the engine's estimate for its input, bit for bit", async () => {
    const text = fixture("sacct-mixed.txt");
    const lines = text.trim().split("\n");
    const found = fieldIndexOf((lines[0] as string).split("|"));
    assert.ok("index" in found);
    const { rows } = await run(text, { running: true });
    const reader = new JobReader(found.index);
    const lf = new LineFields();
    for (const row of rows) {
      const n = lines.findIndex((l) => l.startsWith(`${row.job_id}|`));
      const job: SacctJob = new SacctJob(found.index);
      lf.readText(lines[n] as string);
      assert.equal(reader.job(lf, n + 1, job), null);
      for (const s of lines.filter((l) => l.startsWith(`${row.job_id}.`))) {
        lf.readText(s);
        assert.equal(reader.step(lf, 0, job), null);
      }
      const spec = cluster.partitions.get(job.text("Partition"));
      assert.ok(spec !== undefined);
      const q = quantitiesOf(closeJob(job), spec, cluster.gres, "allocated");
      assert.ok(!("code" in q));
      const full = tryEstimateWith(dataset, engineInputOf(q, spec));
      assert.ok(full.ok);
      assert.equal(row.energy_kwh, full.value.energyKWh, String(row.job_id));
      assert.equal(row.emissions_kg, full.value.emissionsKg, String(row.job_id));
      assert.equal(row.low_kg, full.value.range.lowKg, String(row.job_id));
      assert.equal(row.high_kg, full.value.range.highKg, String(row.job_id));
    }
  });

  it("GA4HPC's field list and example line; steps without their job are reported", async () => {
    const flags = clusterFromTable(dataset, {
      gpu: "A100 SXM4 80GB",
      cpu: "AMD EPYC 7763",
      sockets: 2,
      country: "GB",
    });
    assert.ok(!Array.isArray(flags));
    const { rows, problems, totals } = await run(fixture("ga4hpc-example.txt"), {
      cluster: flags as Cluster,
    });
    assert.equal(rows.length, 1);
    const r = rows[0] as Record<string, number>;
    near(r.hours, 3 + 30 / 3600);
    assert.equal(r.gpus, 1);
    assert.equal(r.cpu_utilization, null); // TotalCPU 0: the engine's default band
    assert.equal(r.memory_gb, 250);
    assert.deepEqual(
      problems.map((p) => [p.line, p.code]),
      [[4, "orphan-step"]],
    );
    assert.equal(totals.jobs, 2);
  });

  it("sacct -M: the same JobID on two clusters is two jobs; a step belongs to its own cluster's job", async () => {
    const text = fixture("sacct-clusters.txt");
    const { rows, totals } = await run(text);
    // alpha 2001 (2 GPUs, 16 CPUs), alpha 2002, beta 2001 (4 CPUs), beta 2003: each priced once.
    assert.deepEqual(
      rows.map((r) => [r.job_id, r.user, r.gpus, r.cpus]),
      [
        ["2001", "alice", 2, 16],
        ["2002", "bob", 0, 8],
        ["2001", "bob", 0, 4],
        ["2003", "alice", 1, 8],
      ],
    );
    assert.equal(totals.jobs, 4);
    // beta's 2001.batch right after alpha's 2001 (beta's job line missing) is not alpha's step.
    const lines = text.trim().split("\n");
    const orphan = [lines[0], lines[1], lines[2], lines[5], ""].join("\n");
    const cut = await run(orphan);
    assert.deepEqual(
      cut.problems.map((p) => [p.line, p.code]),
      [[4, "orphan-step"]],
    );
    assert.deepEqual([cut.totals.priced, cut.totals.skipped], [1, 1]);
  });

  it("--strict stops at the first job that cannot be priced", async () => {
    const { totals, rows } = await run(fixture("sacct-mixed.txt"), { strict: true });
    assert.equal(totals.stoppedAt?.line, 21);
    assert.equal(rows.length, 7);
  });

  it("sums by account", async () => {
    const { totals } = await run(fixture("sacct-mixed.txt"), { groupBy: "account", rows: null });
    const groups = totals.groups ?? [];
    assert.deepEqual(groups.map((g) => g.key).sort(), ["bio", "eng", "ml-lab", "nlp", "physics"]);
    near(
      groups.reduce((s, g) => s + g.emissionsKg, 0),
      totals.emissionsKg,
    );
    assert.equal(groups.find((g) => g.key === "bio")?.jobs, 3);
  });

  it("input cut anywhere (inside a UTF-8 character, between CR and LF), as bytes or text, reads the same", async () => {
    const nodes = readCluster(dataset, fixture("cluster-nodes.toml"), "cluster-nodes.toml");
    assert.ok(nodes.ok);
    const text = fixture("sacct-edge.txt");
    const bytes = Buffer.from(text, "utf8");
    const cut = (size: number): Uint8Array[] => {
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
      return chunks;
    };
    const seen = async (chunks: SacctOptions["chunks"]) => {
      const r = await run("", { chunks, cluster: nodes.cluster, rows: "csv" });
      return { out: r.out, problems: r.problems, totals: r.totals };
    };
    const whole = await seen([text]);
    assert.ok(whole.out.includes("josé") && whole.totals.priced > 10 && whole.problems.length > 5);
    for (const size of [1, 2, 3, 5, 64, 4096])
      assert.deepEqual(await seen(cut(size)), whole, `${size}-byte chunks`);
    const lines = text.split(/(?<=\n)/);
    assert.deepEqual(await seen(lines), whole, "a string per line");
    // A byte-order mark before the header is not part of it (bytes, as a file is read).
    assert.deepEqual(
      await seen([Buffer.from([0xef, 0xbb]), Buffer.concat([Buffer.from([0xbf]), bytes])]),
      whole,
    );
  });

  it("a header without JobID, State or Elapsed is refused whole", async () => {
    await assert.rejects(run("User|Account\nalice|ml\n"), /lacks JobID, State, Elapsed/);
    await assert.rejects(run(""), /is empty/);
  });
});
