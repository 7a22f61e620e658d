// Real processes: 20 fake trackers stream to `mlco2 serve` while the server is killed with SIGKILL and
// restarted, then stopped for MLCO2_OUTAGE_S seconds (default 3) and restarted. Afterwards every tracker's
// samples on the server equal its local log exactly (0 lost, 0 doubled), and the two trackers of one
// multi-node run add up. Run on PGlite and on PostgreSQL.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { testPostgres } from "./fixtures/postgres-cluster.ts";
import { fakeTrackerScript, runFakeTracker, type ServerProcess, spawnServer } from "./fixtures/processes.ts";

const TRACKERS = 20;
const SAMPLES = 160;
const INTERVAL_MS = 25;
const OUTAGE_S = Number(process.env.MLCO2_OUTAGE_S ?? 3);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a local log holds: its sample lines' count and energy per component key. */
const localLog = (path: string) => {
  const lines = readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { type: string; components?: { energyKWh: number }[] });
  const samples = lines.filter((l) => l.type === "sample");
  const energy = samples.reduce(
    (sum, l) => sum + (l.components ?? []).reduce((s, c) => s + c.energyKWh, 0),
    0,
  );
  return {
    samples: samples.length,
    rows: samples.reduce((n, l) => n + (l.components?.length ?? 0), 0),
    energy,
  };
};

const api = async (server: string, token: string, path: string, init: RequestInit = {}) => {
  const response = await fetch(`${server}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers },
  });
  return (await response.json()) as Record<string, unknown>;
};

const pg = await testPostgres();
after(() => {
  if ("release" in pg) pg.release();
});

for (const kind of ["pglite", "postgres"] as const) {
  const skip = kind === "postgres" && "skipped" in pg ? pg.skipped : false;
  describe(`a server that dies and goes away (${kind})`, { skip, timeout: 300_000 }, () => {
    it(`keeps every sample of ${TRACKERS} trackers exactly once across kill -9 and a ${OUTAGE_S} s outage`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "mlco2-rel-"));
      const storeArgs =
        kind === "pglite" ? ["--data", join(dir, "data")] : ["--database", "url" in pg ? pg.url : ""];
      const script = await fakeTrackerScript();
      let server: ServerProcess = await spawnServer(["--port", "0", ...storeArgs]);
      try {
        const admin = /\n(mlco2_\S+)\n/.exec(server.stdout())?.[1] ?? "";
        assert.notEqual(admin, "", "first start prints an admin token");
        const made = (kind_: string) =>
          api(server.url, admin, "/api/v1/tokens", {
            method: "POST",
            body: JSON.stringify({ project: "reliable", scope: kind_ }),
          });
        const ingest = String((await made("ingest")).token);
        const read = String((await made("read")).token);
        const port = new URL(server.url).port;
        const restartArgs = ["--port", port, ...storeArgs];

        const runs = Array.from({ length: TRACKERS }, (_, i) => ({
          runKey: i < 2 ? "multi-node" : `run-${i}`,
          hostname: i < 2 ? `node-${i}` : `host-${i}`,
          rank: i < 2 ? i : 0,
          logPath: join(dir, `tracker-${i}.jsonl`),
        }));
        const finished = Promise.all(
          runs.map((r) =>
            runFakeTracker(
              script,
              { server: server.url, ...r, samples: SAMPLES, intervalMs: INTERVAL_MS },
              ingest,
            ),
          ),
        );

        await sleep(1200);
        server.child.kill("SIGKILL");
        await server.exited;
        await sleep(300);
        server = await spawnServer(restartArgs);
        assert.ok(!server.stdout().includes("Admin token"), "a store with tokens prints no new admin token");
        await sleep(800);
        server.child.kill("SIGTERM");
        await server.exited;
        await sleep(OUTAGE_S * 1000);
        server = await spawnServer(restartArgs);

        const reports = await finished;
        for (const report of reports) {
          assert.equal(report.state.ackedThrough, SAMPLES - 1, `${report.logId} acknowledged`);
          assert.equal(report.state.summaryStored, true, `${report.logId} summary`);
        }
        const warned = reports.filter((r) => r.warnings.some((w) => w.includes("not answering"))).length;
        assert.ok(
          warned >= TRACKERS / 2,
          `${warned} trackers saw the server go away (the outage really happened mid-stream)`,
        );
        const byRun = new Map<
          string,
          {
            nodes: {
              hostname: string;
              logs: { logId: string; series: { samples: number; energyKWh: number }[] }[];
            }[];
            run: { energyKWh: number };
          }
        >();
        for (const key of new Set(runs.map((r) => r.runKey)))
          byRun.set(key, (await api(server.url, read, `/api/v1/projects/reliable/runs/${key}`)) as never);
        for (const r of runs) {
          const local = localLog(r.logPath);
          const detail = byRun.get(r.runKey);
          const node = detail?.nodes.find((n) => n.hostname === r.hostname);
          const series = node?.logs.flatMap((l) => l.series) ?? [];
          assert.equal(
            series.reduce((n, s) => n + s.samples, 0),
            local.rows,
            `${r.hostname}: rows on the server = rows in its log`,
          );
          const energy = series.reduce((sum, s) => sum + s.energyKWh, 0);
          assert.ok(
            Math.abs(energy - local.energy) <= 1e-9 * local.energy,
            `${r.hostname}: ${energy} kWh on the server, ${local.energy} in its log`,
          );
        }
        const multi = byRun.get("multi-node");
        const both = localLog(runs[0]?.logPath ?? "").energy + localLog(runs[1]?.logPath ?? "").energy;
        assert.ok(
          Math.abs((multi?.run.energyKWh ?? 0) - both) <= 1e-9 * both,
          "the multi-node run is the sum of its nodes",
        );
      } finally {
        server.child.kill("SIGTERM");
        await server.exited;
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
