// `mlco2 track --server URL` as real processes (npm run build first) against the real team server: two
// Slurm tasks on two nodes stream into one run that shows up while they run, and the server's figures
// equal the local logs'; a server that is away costs one warning, never the job's exit code, and the log
// it kept is pushed afterwards; a server stopped mid-run and restarted on the same port gets every sample
// once; a missing token is refused before the command starts.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { dataset } from "../../data/index.ts";
import { testPostgres } from "../../server/fixtures/postgres-cluster.ts";
import { type RunningServer, type StoreLocation, startServer } from "../../server/node.ts";
import { fakeGpuEnv, tempDir } from "../../tracker/fixtures/test-helpers.ts";

const CLI = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
const skip = !existsSync(CLI);

interface Ran {
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs the CLI with `env` (no launcher or GPU variables unless given); `onSpawn` sees the child. */
const mlco2 = (args: readonly string[], env: Record<string, string>, cwd: string): Promise<Ran> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { PATH: `${fakeGpuEnv(null).PATH}:${process.env.PATH}`, HOME: process.env.HOME ?? cwd, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("close", (code) => resolve({ code, stderr }));
  });

/** A port nothing listens on. */
const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
    });
  });

/** The summary's result and sample count of a log. */
const logFigures = (path: string) => {
  const lines = readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { type: string; result?: { energyKWh: number; emissionsKg: number } });
  const summary = lines.find((l) => l.type === "summary");
  assert.ok(summary?.result !== undefined, `${path} has a summary`);
  return { samples: lines.filter((l) => l.type === "sample").length, result: summary.result };
};

/** A command that keeps a CPU busy for `ms`, then exits with `code`. */
const busy = (ms: number, code = 0) => [
  process.execPath,
  "-e",
  `const end = Date.now() + ${ms}; while (Date.now() < end); process.exit(${code})`,
];

interface RunView {
  readonly run: { readonly energyKWh: number };
  readonly result: { readonly energyKWh: number; readonly emissionsKg: number } | null;
  readonly nodes: readonly {
    readonly hostname: string;
    readonly rank: number;
    readonly logs: readonly {
      readonly ackedThrough: number;
      readonly finished: boolean;
      readonly series: readonly { readonly samples: number }[];
    }[];
  }[];
}

const serverOn = (port: number, location: StoreLocation): Promise<RunningServer> =>
  startServer({ port, location, dataset, now: () => new Date(), log: () => {} });

/** Starts the CLI with `env` and calls `onStderr` with everything it printed so far, at each chunk. */
const mlco2Watched = (
  args: readonly string[],
  env: Record<string, string>,
  cwd: string,
  onStderr: (text: string) => void,
): Promise<Ran> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { PATH: `${fakeGpuEnv(null).PATH}:${process.env.PATH}`, HOME: process.env.HOME ?? cwd, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      onStderr(stderr);
    });
    child.on("close", (code) => resolve({ code, stderr }));
  });

const until = async (check: () => boolean, what: string, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Sample lines and component rows in a log, so far. */
const logRows = (path: string) => {
  const lines = existsSync(path) ? readFileSync(path, "utf8").split("\n").filter(Boolean) : [];
  const samples = lines
    .map((l) => JSON.parse(l) as { type: string; components?: unknown[] })
    .filter((l) => l.type === "sample");
  return { samples: samples.length, rows: samples.reduce((n, l) => n + (l.components?.length ?? 0), 0) };
};

for (const kind of ["pglite", "postgres"] as const)
  describe(`mlco2 track --server (${kind})`, { skip }, () => {
    let server: RunningServer;
    let skipped: string | null = null;
    let release = () => {};
    let ingest = "";
    let read = "";
    const token = async (scope: string): Promise<string> => {
      const response = await fetch(`${server.url}api/v1/tokens`, {
        method: "POST",
        headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
        body: JSON.stringify({ project: "vision", scope }),
      });
      assert.equal(response.status, 201);
      return String(((await response.json()) as { token: string }).token);
    };
    const runView = async (key: string): Promise<RunView | null> => {
      const response = await fetch(`${server.url}api/v1/projects/vision/runs/${encodeURIComponent(key)}`, {
        headers: { authorization: `Bearer ${read}` },
      });
      return response.status === 200 ? ((await response.json()) as RunView) : null;
    };

    let location: StoreLocation = { data: join(tempDir(), "store") };
    /** The admin token of the first start (a restarted server prints none). */
    let admin = "";
    before(async () => {
      if (kind === "postgres") {
        const pg = await testPostgres();
        if ("skipped" in pg) {
          skipped = pg.skipped;
          return;
        }
        location = { database: pg.url };
        release = pg.release;
      }
      server = await serverOn(0, location);
      admin = server.adminToken ?? "";
      [ingest, read] = [await token("ingest"), await token("read")];
    });
    after(async () => {
      await server?.close();
      release();
    });

    it("streams two nodes of one Slurm step into one run, live, with the logs' figures", async (t) => {
      if (skipped !== null) return t.skip(skipped);
      const dir = tempDir();
      const task = (node: number) =>
        mlco2(
          [
            "track",
            "--interval",
            "0.5",
            "--country",
            "DE",
            "--log",
            join(dir, `rank${node}.jsonl`),
            "--server",
            server.url,
            "--",
            ...busy(7000),
          ],
          {
            MLCO2_TOKEN: ingest,
            SLURM_JOB_ID: "4242",
            SLURM_STEP_ID: "0",
            SLURM_PROCID: String(node),
            SLURM_LOCALID: "0",
            SLURM_NODEID: String(node),
            SLURM_NTASKS: "2",
            SLURM_STEP_NUM_NODES: "2",
            SLURMD_NODENAME: `node00${node + 1}`,
          },
          dir,
        );
      const ended: boolean[] = [false, false];
      const tasks = [0, 1].map((n) =>
        task(n).then((ran) => {
          ended[n] = true;
          return ran;
        }),
      );
      // Live: both nodes have samples on the server while both tasks still run.
      let seenLive = false;
      while (!seenLive && !ended.some(Boolean)) {
        const view = await runView("slurm:4242.0");
        seenLive =
          view !== null &&
          view.nodes.length === 2 &&
          view.nodes.every((n) => n.logs.some((l) => l.ackedThrough >= 0 && !l.finished));
        if (!seenLive) await new Promise((r) => setTimeout(r, 200));
      }
      const ran = await Promise.all(tasks);
      assert.ok(seenLive, "the run showed up with both nodes before they ended");
      for (const { code, stderr } of ran) {
        assert.equal(code, 0, stderr);
        assert.match(
          stderr,
          /mlco2: server: stored \d+ samples and the summary \(run "slurm:4242\.0", node node00[12]:[01]\)/,
        );
      }
      const view = await runView("slurm:4242.0");
      assert.ok(view !== null);
      assert.deepEqual(view.nodes.map((n) => [n.hostname, n.rank]).sort(), [
        ["node001", 0],
        ["node002", 1],
      ]);
      const logs = [0, 1].map((n) => logFigures(join(dir, `rank${n}.jsonl`)));
      for (const [i, node] of [...view.nodes].sort((a, b) => a.rank - b.rank).entries())
        assert.deepEqual(
          node.logs.map((l) => [l.ackedThrough + 1, l.finished]),
          [[logs[i]?.samples, true]],
        );
      const energy = (logs[0]?.result.energyKWh ?? 0) + (logs[1]?.result.energyKWh ?? 0);
      const emissions = (logs[0]?.result.emissionsKg ?? 0) + (logs[1]?.result.emissionsKg ?? 0);
      assert.ok(energy > 0);
      assert.ok(Math.abs((view.result?.energyKWh ?? 0) - energy) <= 1e-12 * energy, "summaries add up");
      assert.ok(Math.abs((view.result?.emissionsKg ?? 0) - emissions) <= 1e-12 * emissions);
      assert.ok(Math.abs(view.run.energyKWh - energy) <= 1e-9 * energy, "the samples add up to the same");
    });

    it("a server that is away: one warning, the command's exit code, the log complete; pushed later", async (t) => {
      if (skipped !== null) return t.skip(skipped);
      const dir = tempDir();
      const log = join(dir, "away.jsonl");
      const away = `http://127.0.0.1:${await freePort()}`;
      const env = { MLCO2_TOKEN: ingest, MLCO2_RUN_ID: "offline-1" };
      const args = ["track", "--interval", "0.25", "--country", "FR", "--log", log, "--server", away];
      const ran = await mlco2([...args, "--", ...busy(1500, 3)], env, dir);
      assert.equal(ran.code, 3, ran.stderr);
      assert.equal(ran.stderr.match(/is not answering/g)?.length, 1, ran.stderr);
      assert.match(
        ran.stderr,
        /mlco2: server: holds 0 of \d+ samples, not the summary \(run "offline-1", node /,
      );
      assert.ok(ran.stderr.includes(`mlco2 push ${log} --server ${away}`), ran.stderr);
      const figures = logFigures(log);
      const pushed = await mlco2(["push", log, "--server", server.url], env, dir);
      assert.equal(pushed.code, 0, pushed.stderr);
      const view = await runView("offline-1");
      assert.equal((view?.nodes[0]?.logs[0]?.ackedThrough ?? -1) + 1, figures.samples);
      assert.ok(
        Math.abs((view?.result?.energyKWh ?? 0) - figures.result.energyKWh) <=
          1e-12 * figures.result.energyKWh,
      );
    });

    it("rides out the server stopping mid-run and coming back on the same port: nothing lost or doubled", async (t) => {
      if (skipped !== null) return t.skip(skipped);
      const dir = tempDir();
      const log = join(dir, "outage.jsonl");
      const port = Number(new URL(server.url).port);
      let stderr = "";
      const ran = mlco2Watched(
        ["track", "--interval", "0.25", "--country", "FR", "--log", log, "--server", server.url, "--"].concat(
          busy(9000),
        ),
        { MLCO2_TOKEN: ingest, MLCO2_RUN_ID: "outage-1" },
        dir,
        (text) => {
          stderr = text;
        },
      );
      await until(() => logRows(log).samples >= 2, "the first samples");
      await server.close();
      // Back only once the tracker has found it gone (its first send fails), on the same port and store.
      await until(() => stderr.includes("is not answering"), "the tracker to notice the outage");
      const during = logRows(log).samples;
      server = await serverOn(port, location);
      const { code } = await ran;
      assert.equal(code, 0, stderr);
      assert.equal(stderr.match(/is not answering/g)?.length, 1, stderr);
      const figures = logFigures(log);
      assert.ok(figures.samples > during, "the job went on sampling after the outage");
      assert.match(stderr, new RegExp(`stored ${figures.samples} samples and the summary \\(run "outage-1"`));
      const view = await runView("outage-1");
      const logged = view?.nodes.flatMap((n) => n.logs) ?? [];
      assert.deepEqual(
        logged.map((l) => [l.ackedThrough + 1, l.finished]),
        [[figures.samples, true]],
      );
      assert.equal(
        logged.flatMap((l) => l.series).reduce((n, s) => n + s.samples, 0),
        logRows(log).rows,
        "each sample row stored once",
      );
      const energy = figures.result.energyKWh;
      assert.ok(
        Math.abs((view?.run.energyKWh ?? 0) - energy) <= 1e-9 * energy,
        "the samples add up to the log",
      );
    });

    it("the admin token printed at the first start works as it is; --project names the project", async (t) => {
      if (skipped !== null) return t.skip(skipped);
      const dir = tempDir();
      const run = (env: Record<string, string>, project: string[]) =>
        mlco2(
          [
            "track",
            "--interval",
            "0.2",
            "--intensity",
            "100",
            ...project,
            "--server",
            server.url,
            "--",
            ...busy(600),
          ],
          env,
          dir,
        );
      const byAdmin = await run({ MLCO2_TOKEN: admin, MLCO2_RUN_ID: "admin-run" }, []);
      assert.equal(byAdmin.code, 0, byAdmin.stderr);
      assert.match(byAdmin.stderr, /mlco2: server: stored \d+ samples and the summary \(run "admin-run"/);
      const inDefault = await fetch(`${server.url}api/v1/projects/default/runs/admin-run`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      assert.equal(inDefault.status, 200);
      const named = await run({ MLCO2_TOKEN: ingest, MLCO2_RUN_ID: "named-run" }, ["--project", "vision"]);
      assert.equal(named.code, 0, named.stderr);
      assert.ok((await runView("named-run")) !== null);
      // Another project's name with this ingest token: refused once, uploads stop, the job's exit code stays.
      const other = await run({ MLCO2_TOKEN: ingest, MLCO2_RUN_ID: "other-run" }, ["--project", "audio"]);
      assert.equal(other.code, 0, other.stderr);
      assert.equal(other.stderr.match(/refused the token/g)?.length, 1, other.stderr);
      assert.match(other.stderr, /another project/);
    });

    it("refuses a missing token, a token flag and a bad URL before the command starts (exit 2)", async (t) => {
      if (skipped !== null) return t.skip(skipped);
      const dir = tempDir();
      const marker = join(dir, "ran");
      const touch = [
        process.execPath,
        "-e",
        `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "")`,
      ];
      const cases: [readonly string[], Record<string, string>, RegExp][] = [
        [
          ["--server", server.url],
          {},
          /^mlco2: track --server: no token: set MLCO2_TOKEN or give --token-file FILE/m,
        ],
        [
          ["--server", server.url, "--token", "mlco2_x"],
          {},
          /--token: a token is never given on the command line/,
        ],
        [
          ["--server", "ftp://x"],
          { MLCO2_TOKEN: ingest },
          /--server: "ftp:\/\/x" is not allowed; expected an http\(s\) URL/,
        ],
        [["--token-file", join(dir, "t")], {}, /--token-file: only with --server URL/],
        [
          ["--server", server.url, "--token-file", join(dir, "none")],
          {},
          /--token-file: cannot read .*none \(ENOENT\)/,
        ],
      ];
      for (const [flags, env, message] of cases) {
        const ran = await mlco2(
          ["track", "--country", "FR", "--log", join(dir, "x.jsonl"), ...flags, "--", ...touch],
          env,
          dir,
        );
        assert.equal(ran.code, 2, `${flags.join(" ")}: ${ran.stderr}`);
        assert.match(ran.stderr, message);
        assert.equal(ran.stderr.trim().split("\n").length, 1, ran.stderr);
        assert.equal(existsSync(marker), false, "the command did not run");
      }
    });
  });
