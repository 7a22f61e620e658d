// The team server (npm run bench server), on the embedded store (PGlite) and on PostgreSQL:
//  1. start-up: `mlco2 serve` to its URL line, on a fresh folder and on an existing one (budget 10 s);
//  2. ingest: 100 simulated trackers posting batches of 500 lines (the client's batch) at once for MLCO2_BENCH_INGEST_S seconds (default 20):
//     samples/s (a sample = one component's reading over one interval, the stored row), p50/p99 request
//     latency, the server's peak RSS (budget 20,000 samples/s);
//  3. dashboard: MLCO2_BENCH_SAMPLES samples (default 10,000,000) across 1,000 runs seeded through the store
//     in bulk, then the overview (projects, totals by week and month, runs list) and a run's chart and
//     detail asked over HTTP, p95 (budget 200 ms); then the dashboard page itself in Chromium: navigation →
//     the project's totals and runs on screen, and → a run's chart drawn (bench/dashboard-page.ts).
// Figures are ratios to the budgets, measured in one run on a shared 2-core machine. Run after `npm run build`.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, startPostgresCluster } from "../src/server/fixtures/postgres-cluster.ts";
import { openStore, type StoreLocation } from "../src/server/node.ts";
import type { SampleRow } from "../src/server/store/store.ts";
import { buildDashboard } from "../web/dashboard-harness.ts";
import { benchDashboardPage } from "./dashboard-page.ts";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const INGEST_S = Number(process.env.MLCO2_BENCH_INGEST_S ?? 20);
const TRACKERS = 100;
/** Sample lines per request: the client's own batch size (a tracker catching up sends full batches). */
const LINES_PER_BATCH = Number(process.env.MLCO2_BENCH_BATCH ?? 500);
const COMPONENTS = 3;
const SAMPLES = Number(process.env.MLCO2_BENCH_SAMPLES ?? 10_000_000);
const RUNS = 1000;
const QUERIES = 40;
const only = (process.env.MLCO2_BENCH_STORES ?? "pglite,postgres").split(",");
const parts = (process.env.MLCO2_BENCH_PARTS ?? "startup,ingest,dashboard").split(",");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const peakRssMB = (pid: number): number =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

/** Servers still running are killed if the bench itself dies. */
const children = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

interface Served {
  child: ChildProcess;
  url: string;
  out: string;
  readyS: number;
}

const serve = async (storeArgs: readonly string[]): Promise<Served> => {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0", ...storeArgs], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    process.stderr.write(`[server] ${chunk}`);
  });
  child.once("exit", (code, signal) => {
    if (code !== 0) process.stderr.write(`[server] exited ${code ?? signal}\n`);
  });
  for (let i = 0; i < 1200; i++) {
    const match = /mlco2 server: (http:\/\/\S+?)\/? /.exec(out);
    if (match !== null && (!out.includes("Admin token") || /\nmlco2_\S+\n/.test(out)))
      return { child, url: match[1] as string, out, readyS: (performance.now() - started) / 1000 };
    await sleep(25);
  }
  throw new Error("mlco2 serve did not start in 30 s");
};

const stop = async (served: Served) => {
  const exited = new Promise((resolve) => served.child.once("exit", resolve));
  served.child.kill("SIGTERM");
  await exited;
};

const post = async (url: string, token: string, path: string, body: string) => {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body,
  });
  return (await response.json()) as Record<string, unknown>;
};

const tokenFor = async (served: Served, project: string, scope: string): Promise<string> => {
  const admin = /\n(mlco2_\S+)\n/.exec(served.out)?.[1] ?? "";
  return String((await post(served.url, admin, "/api/v1/tokens", JSON.stringify({ project, scope }))).token);
};

// One sample line as the tracker writes it (3 components); every batch repeats it with new seqs.
const line = (time: string) =>
  JSON.stringify({
    type: "sample",
    time,
    elapsedS: 1,
    intervalS: 1,
    components: [
      {
        key: "gpu:0",
        component: "gpu",
        label: "GPU 0",
        powerW: 300,
        energyKWh: 300 / 3.6e6,
        method: "measured",
        via: "nvidia-smi",
      },
      {
        key: "cpu:load",
        component: "cpu",
        label: "CPU",
        powerW: 60,
        energyKWh: 60 / 3.6e6,
        method: "estimated",
        via: "load model",
      },
      {
        key: "memory",
        component: "memory",
        label: "memory",
        powerW: 12,
        energyKWh: 12 / 3.6e6,
        method: "estimated",
        via: "model",
      },
    ],
    powerW: 372,
    energyKWh: 372 / 3.6e6,
    intensityGPerKWh: 56,
    emissionsKg: ((372 / 3.6e6) * 1.1 * 56) / 1000,
    cumulative: { energyKWh: 1, facilityEnergyKWh: 1.1, emissionsKg: 0.0616 },
    details: {},
  });

const ingestBench = async (label: string, storeArgs: readonly string[]) => {
  const served = await serve(storeArgs);
  const token = await tokenFor(served, "bench", "ingest");
  const lineText = line(new Date(Date.now() - 3_600_000).toISOString());
  const latencies: number[] = [];
  let rows = 0;
  let failures = 0;
  const until = performance.now() + INGEST_S * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: TRACKERS }, async (_, t) => {
      const meta = `{"runKey":"bench-${t}","node":{"hostname":"node-${t}","rank":0},"logId":"log-${t}","samples":[`;
      for (let seq = 0; performance.now() < until; seq += LINES_PER_BATCH) {
        const samples = Array.from(
          { length: LINES_PER_BATCH },
          (_, i) => `{"seq":${seq + i},"line":${lineText}}`,
        );
        const sent = performance.now();
        try {
          const answer = await post(served.url, token, "/api/v1/ingest", `${meta}${samples.join(",")}]}`);
          latencies.push(performance.now() - sent);
          if (typeof answer.inserted === "number") rows += answer.inserted;
          else failures++;
        } catch {
          failures++; // a reset connection: the client would retry the same batch (stored once)
          seq -= LINES_PER_BATCH;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const rss = peakRssMB(served.child.pid as number);
  await stop(served);
  const perS = rows / seconds;
  console.log(
    `${label}: ingest, ${TRACKERS} trackers × batches of ${LINES_PER_BATCH} lines × ${COMPONENTS} components, ${seconds.toFixed(1)} s`,
  );
  console.log(
    `  samples/s: ${Math.round(perS).toLocaleString("en-US")} (budget ≥ 20,000: ratio ${(perS / 20_000).toFixed(2)}); sample lines/s ${Math.round(perS / COMPONENTS).toLocaleString("en-US")}`,
  );
  console.log(
    `  request latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms (${latencies.length} requests, ${failures} failed)`,
  );
  console.log(
    `  server peak RSS ${rss.toFixed(0)} MB${label === "PostgreSQL" ? " (the Node process; PostgreSQL's own processes not counted)" : ""}`,
  );
};

/** Seeds SAMPLES rows across RUNS runs (one node, 3 components, 10 s interval) through store.ingest in bulk. */
const seed = async (location: StoreLocation): Promise<number> => {
  const opened = await openStore(location, () => new Date());
  const started = performance.now();
  try {
    const project = await opened.store.ensureProject("dashboard", new Date());
    const linesPerRun = Math.max(1, Math.floor(SAMPLES / RUNS / COMPONENTS));
    const firstDay = Date.UTC(2026, 0, 1);
    const keys = [
      ["gpu:0", "gpu", "measured", 300],
      ["cpu:load", "cpu", "estimated", 60],
      ["memory", "memory", "estimated", 12],
    ] as const;
    const perBatch = Math.floor(12_000 / COMPONENTS);
    for (let r = 0; r < RUNS; r++) {
      const startMs = firstDay + (r % 120) * 86_400_000 + (r % 24) * 3_600_000;
      const node = {
        projectId: project.id,
        runKey: `run-${String(r).padStart(4, "0")}`,
        hostname: `node-${r % 16}`,
        rank: 0,
        logId: `log-${r}`,
      };
      for (let first = 0; first < linesPerRun; first += perBatch) {
        const rows: SampleRow[] = [];
        const last = Math.min(linesPerRun, first + perBatch) - 1;
        for (let seq = first; seq <= last; seq++) {
          const time = new Date(startMs + (seq + 1) * 10_000).toISOString();
          for (const [key, component, method, watts] of keys) {
            const powerW = watts * (1 + 0.1 * Math.sin(seq / 50));
            const energyKWh = (powerW * 10) / 3.6e6;
            rows.push({
              seq,
              time,
              intervalS: 10,
              key,
              component,
              label: key,
              method,
              via: "bench",
              powerW,
              energyKWh,
              emissionsKg: (energyKWh * 1.1 * 56) / 1000,
              facilityKWh: energyKWh * 1.1,
            });
          }
        }
        await opened.store.ingest({
          node,
          at: new Date(),
          startedAt: null,
          start: null,
          summary: null,
          rows,
          contiguous: { first, last },
        });
      }
    }
    return (performance.now() - started) / 1000;
  } finally {
    await opened.release();
  }
};

const dashboardBench = async (label: string, location: StoreLocation, storeArgs: readonly string[]) => {
  const seededS = await seed(location);
  const served = await serve(storeArgs);
  const token = await tokenFor(served, "dashboard", "read");
  const get = async (path: string) => {
    const sent = performance.now();
    const response = await fetch(`${served.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return performance.now() - sent;
  };
  const overview = [
    "/api/v1/projects",
    "/api/v1/projects/dashboard/totals?by=week",
    "/api/v1/projects/dashboard/totals?by=month",
    "/api/v1/projects/dashboard/runs",
  ];
  for (const path of overview) await get(path); // warm
  const overviewMs: number[] = [];
  const chartMs: number[] = [];
  const detailMs: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    let whole = 0;
    for (const path of overview) whole += await get(path);
    overviewMs.push(whole);
    const run = `run-${String((i * 37) % RUNS).padStart(4, "0")}`;
    chartMs.push(await get(`/api/v1/projects/dashboard/runs/${run}/power`));
    detailMs.push(await get(`/api/v1/projects/dashboard/runs/${run}`));
  }
  const rss = peakRssMB(served.child.pid as number);
  const p95 = (values: number[]) => percentile(values, 95);
  console.log(
    `${label}: dashboard over ${SAMPLES.toLocaleString("en-US")} samples in ${RUNS} runs (seeded through the store in ${seededS.toFixed(0)} s, ${Math.round(SAMPLES / seededS).toLocaleString("en-US")} samples/s)`,
  );
  console.log(
    `  overview (projects + totals by week + by month + runs list, all four): p95 ${p95(overviewMs).toFixed(0)} ms (budget 200 ms: ratio ${(p95(overviewMs) / 200).toFixed(2)})`,
  );
  console.log(
    `  a run's chart (power per node and component): p95 ${p95(chartMs).toFixed(0)} ms (ratio ${(p95(chartMs) / 200).toFixed(2)})`,
  );
  console.log(
    `  a run's detail (nodes, series, factors, methods): p95 ${p95(detailMs).toFixed(0)} ms (ratio ${(p95(detailMs) / 200).toFixed(2)})`,
  );
  console.log(`  server peak RSS ${rss.toFixed(0)} MB`);
  await benchDashboardPage(label, served.url, token, "dashboard", "run-0500");
  await stop(served);
};

if (parts.includes("dashboard")) await buildDashboard();
const dir = mkdtempSync(join(tmpdir(), "mlco2-bench-server-"));
try {
  if (parts.includes("startup")) {
    const fresh = await serve(["--data", join(dir, "start")]);
    await stop(fresh);
    const again = await serve(["--data", join(dir, "start")]);
    await stop(again);
    console.log(
      `start-up to serving (PGlite): fresh folder ${fresh.readyS.toFixed(1)} s (budget 10 s: ratio ${(fresh.readyS / 10).toFixed(2)}), existing folder ${again.readyS.toFixed(1)} s (ratio ${(again.readyS / 10).toFixed(2)})`,
    );
  }

  if (only.includes("pglite")) {
    if (parts.includes("ingest")) await ingestBench("PGlite", ["--data", join(dir, "ingest")]);
    if (parts.includes("dashboard"))
      await dashboardBench("PGlite", { data: join(dir, "dashboard") }, ["--data", join(dir, "dashboard")]);
  }
  if (only.includes("postgres")) {
    const cluster = await startPostgresCluster();
    try {
      const ingestUrl = await createDatabase(cluster.url, "mlco2_bench");
      if (parts.includes("ingest")) await ingestBench("PostgreSQL", ["--database", ingestUrl]);
      const dashboardUrl = await createDatabase(cluster.url, "mlco2_bench");
      if (parts.includes("dashboard"))
        await dashboardBench("PostgreSQL", { database: dashboardUrl }, ["--database", dashboardUrl]);
    } finally {
      cluster.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
