// The done-when check, simulated on one machine: `srun` on 2 nodes × 8 tasks, one tracker per
// task started concurrently with Slurm's variables (the second node pretends with SLURMD_NODENAME), each
// tracked task holding a fake GPU; `mlco2 report DIR` merges the 16 logs into one run whose total is the
// sum of the parts. Needs the built CLI (npm run build).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { fakeAppsEnv, fakeGpuEnv, tempDir } from "../../tracker/fixtures/test-helpers.ts";
import { parseJsonlLog } from "../../tracker/log-jsonl.ts";
import { cli } from "../fixtures/run-cli.ts";

const CLI = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
const skip = !existsSync(CLI);

type Summary = {
  type: "summary";
  task: { runKey: string; host: string; node: number; rank: number; localRank: number };
  allocationIdle: {
    reported: boolean;
    energyKWh: number;
    emissionsKg: number;
    components: { label: string }[];
  };
  result: {
    energyKWh: number;
    facilityEnergyKWh: number;
    emissionsKg: number;
    range: { lowKg: number; highKg: number };
    components: { component: string; label: string; energyKWh: number }[];
  };
};

/** One simulated srun task: `mlco2 track` around a process that writes its pid (the fake GPU's holder) and sleeps. */
const task = (logs: string, pids: string, node: number, local: number): Promise<number | null> => {
  const rank = node * 8 + local;
  const env = {
    ...fakeGpuEnv("a100x8-energy.csv", fakeAppsEnv(`srun-node${node + 1}-apps.csv`, pids)),
    FAKE_NVIDIA_SMI_LOOP: "1",
    // The first compute-apps answer waits (up to 4 s) until every task has started, as CUDA contexts
    // appear; the GPUs' energy until then is held and charged with it.
    FAKE_NVIDIA_SMI_APPS_WAIT_MS: "4000",
    HOME: process.env.HOME ?? "/tmp",
    SLURM_JOB_ID: "4242",
    SLURM_STEP_ID: "0",
    SLURM_NODEID: String(node),
    SLURM_PROCID: String(rank),
    SLURM_LOCALID: String(local),
    SLURM_NTASKS: "16",
    SLURM_STEP_NUM_NODES: "2",
    SLURM_STEP_TASKS_PER_NODE: "8(x2)",
    SLURMD_NODENAME: `node00${node + 1}`,
  };
  // sh writes its own pid, then becomes `sleep` under the same pid: the process the fake lists on the GPU.
  const holder = 'echo $$ > "$FAKE_NVIDIA_SMI_PIDS/rank$SLURM_PROCID"; exec sleep 5';
  const child = spawn(
    process.execPath,
    [CLI, "track", "--quiet", "--interval", "0.5", "--country", "DE", "--", "sh", "-c", holder],
    { cwd: logs, env, stdio: "ignore" },
  );
  return new Promise((resolve) => child.on("close", resolve));
};

const summaryOf = (file: string): Summary => parseJsonlLog(readFileSync(file, "utf8")).at(-1) as Summary;

const close = (actual: number, expected: number, what: string) =>
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} against ${expected}`,
  );

describe("simulated srun, 2 nodes × 8 tasks: one run total equal to the sum of the parts", { skip }, () => {
  const logs = tempDir("mlco2-srun-");
  const pids = tempDir("mlco2-pids-");
  let files: string[] = [];
  let parts: Summary[] = [];

  before(async () => {
    const codes = await Promise.all(
      [0, 1].flatMap((node) => [0, 1, 2, 3, 4, 5, 6, 7].map((local) => task(logs, pids, node, local))),
    );
    assert.deepEqual(codes, new Array(16).fill(0));
    files = readdirSync(logs)
      .filter((f) => f.endsWith(".jsonl"))
      .map((f) => join(logs, f));
    parts = files.map(summaryOf);
  });

  it("16 trackers, 16 logs named by run key, host and rank", () => {
    assert.equal(files.length, 16, files.join("\n"));
    for (let rank = 0; rank < 16; rank++)
      assert.equal(
        files.filter((f) => f.includes(`-slurm-4242.0-node00${rank < 8 ? 1 : 2}-rank${rank}-`)).length,
        1,
        `rank ${rank}`,
      );
  });

  it("each tracker charges only the GPU its task holds; a shared GPU is split by memory; the idle GPU once", () => {
    const byRank = new Map(parts.map((p) => [p.task.rank, p]));
    for (let rank = 0; rank < 14; rank++) {
      const devices = byRank.get(rank)?.result.components.find((c) => c.component === "devices");
      assert.equal(devices?.label, `GPU ${rank % 8} NVIDIA A100-SXM4-80GB`, `rank ${rank}`);
    }
    const shared = (rank: number) =>
      byRank.get(rank)?.result.components.find((c) => c.component === "devices")?.label ?? "";
    assert.match(
      shared(14),
      /^GPU 6 NVIDIA A100-SXM4-80GB \(75 % of it, split by GPU memory with 1 other process\)$/,
    );
    assert.match(
      shared(15),
      /^GPU 6 NVIDIA A100-SXM4-80GB \(25 % of it, split by GPU memory with 1 other process\)$/,
    );
    // Allocation idle: node 2's local rank 0 reports GPU 7; every other tracker reports nothing.
    const reporters = parts.filter((p) => p.allocationIdle.reported).map((p) => p.task.rank);
    assert.deepEqual(
      reporters.sort((a, b) => a - b),
      [0, 8],
    );
    const idle = byRank.get(8)?.allocationIdle;
    assert.ok((idle?.energyKWh ?? 0) > 0);
    assert.ok(
      idle?.components.some((c) => /^GPU 7 .*\(no process on it\)$/.test(c.label)),
      JSON.stringify(idle),
    );
    assert.equal(byRank.get(0)?.allocationIdle.energyKWh, 0);
  });

  it("mlco2 report DIR: the merged total is the sum of the 16 logs, with nodes, ranks and components", async () => {
    const r = await cli("report", logs, "--format", "json");
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stderr, "");
    const merged = JSON.parse(r.stdout);
    const total = (of: (s: Summary) => number) => parts.reduce((sum, s) => sum + of(s), 0);
    close(
      merged.energyKWh,
      total((s) => s.result.energyKWh),
      "energy",
    );
    close(
      merged.facilityEnergyKWh,
      total((s) => s.result.facilityEnergyKWh),
      "facility energy",
    );
    close(
      merged.emissionsKg,
      total((s) => s.result.emissionsKg),
      "emissions",
    );
    close(
      merged.range.lowKg,
      total((s) => s.result.range.lowKg),
      "low",
    );
    close(
      merged.range.highKg,
      total((s) => s.result.range.highKg),
      "high",
    );
    assert.deepEqual(merged.merged.runs, ["slurm:4242.0"]);
    assert.deepEqual(merged.merged.logs, { merged: 16, leftOut: [] });
    assert.deepEqual(
      merged.merged.nodes.map((n: { host: string; node: number; ranks: number }) => [
        n.host,
        n.node,
        n.ranks,
      ]),
      [
        ["node001", 0, 8],
        ["node002", 1, 8],
      ],
    );
    for (const node of merged.merged.nodes)
      close(
        node.energyKWh,
        total((s) => (s.task.host === node.host ? s.result.energyKWh : 0)),
        `${node.host} energy`,
      );
    assert.deepEqual(
      merged.merged.ranks.map((row: { rank: number }) => row.rank),
      [...Array(16).keys()],
    );
    const devices = merged.components.find((c: { component: string }) => c.component === "devices");
    close(
      devices.energyKWh,
      total((s) => s.result.components.find((c) => c.component === "devices")?.energyKWh ?? 0),
      "GPU energy",
    );
    assert.equal(merged.job.count, 16, "16 GPUs charged (GPU 6 by two tasks, in shares)");
    close(
      merged.merged.allocationIdle.energyKWh,
      total((s) => s.allocationIdle.energyKWh),
      "allocation idle",
    );
    close(
      merged.merged.allocation.energyKWh,
      merged.energyKWh + merged.merged.allocationIdle.energyKWh,
      "allocation",
    );
    // The JSON reads back as a saved estimate.
    const saved = join(tempDir(), "merged.json");
    writeFileSync(saved, r.stdout);
    const again = await cli("report", saved, "--format", "csv");
    assert.equal(again.exitCode, 0, again.stderr);
  });

  it("text and Markdown show the breakdown; LaTeX the merged total", async () => {
    const text = await cli("report", ...files);
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /^Merged run slurm:4242\.0: 16 logs merged\n/);
    assert.match(text.stdout, /Per node\n {2}host {5}node {2}ranks/);
    assert.match(text.stdout, /node002 +1 +8 /);
    assert.match(text.stdout, /allocation idle \(no process's/);
    const markdown = await cli("report", logs, "--format", "markdown");
    assert.match(markdown.stdout, /### Breakdown/);
    assert.match(markdown.stdout, /\| node002 \| 1 \| 8 \|/);
    const latex = await cli("report", logs, "--format", "latex");
    assert.match(latex.stdout, /Total emissions are estimated at/);
  });

  it("a torn and an unfinished log are named and left out, the rest merged, exit 1; another run is refused", async () => {
    const dir = tempDir("mlco2-merge-");
    for (const file of files.slice(0, 3)) copyFileSync(file, join(dir, file.split("/").at(-1) as string));
    const [first] = files as [string];
    const lines = readFileSync(first, "utf8").trimEnd().split("\n");
    writeFileSync(join(dir, "killed.jsonl"), `${lines.slice(0, -1).join("\n")}\n`);
    writeFileSync(join(dir, "torn.jsonl"), `${lines.slice(0, -1).join("\n")}\n${lines.at(-1)?.slice(0, 40)}`);
    const r = await cli("report", dir, "--format", "json");
    assert.equal(r.exitCode, 1, r.stderr);
    assert.match(
      r.stderr,
      /mlco2: report: killed\.jsonl: left out: it has no summary line .*its last sample had/,
    );
    assert.match(r.stderr, /mlco2: report: torn\.jsonl: left out: its last line is cut/);
    const merged = JSON.parse(r.stdout);
    assert.equal(merged.merged.logs.merged, 3);
    assert.deepEqual(
      merged.merged.logs.leftOut.map((l: { name: string }) => l.name),
      ["killed.jsonl", "torn.jsonl"],
    );
    // A log of another run (another job) in the same directory: refused, unless --merge-runs.
    const other = join(dir, "other.jsonl");
    writeFileSync(other, readFileSync(first, "utf8").replaceAll("slurm:4242.0", "slurm:4243.0"));
    const refused = await cli("report", dir);
    assert.equal(refused.exitCode, 2);
    assert.match(
      refused.stderr,
      /report: these logs are of 2 different runs: slurm:4242\.0 \(3 logs\), slurm:4243\.0 \(1 log\); give the logs of one run, or --merge-runs/,
    );
    const allowed = await cli("report", dir, "--merge-runs", "--format", "json");
    assert.equal(allowed.exitCode, 1);
    assert.deepEqual(JSON.parse(allowed.stdout).merged.runs, ["slurm:4242.0", "slurm:4243.0"]);
  });

  it("a directory without logs, or nothing complete to merge: one line, exit 2", async () => {
    const empty = tempDir("mlco2-empty-");
    const none = await cli("report", empty);
    assert.equal(none.exitCode, 2);
    assert.match(none.stderr, /is a directory with no tracker logs/);
    const broken = join(empty, "sub");
    mkdirSync(broken);
    writeFileSync(join(broken, "a.jsonl"), '{"type":"start"}\n');
    const nothing = await cli("report", broken);
    assert.equal(nothing.exitCode, 2);
    assert.match(
      nothing.stderr,
      /a\.jsonl: left out: it has no summary line[\s\S]*no complete tracker log to merge/,
    );
  });
});
