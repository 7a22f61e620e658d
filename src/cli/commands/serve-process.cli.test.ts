// `mlco2 serve` and `mlco2 serve token …` as real processes, on PGlite and on PostgreSQL, with one store
// that outlives two server processes: no anonymous reads or writes, scopes and projects kept apart, tokens
// refused in URLs and never logged; `token create` prints the token alone and the store keeps only its
// hash; a revoked token is refused at the next request; migrations are applied on the first start and not
// again on the next; /metrics counters come from the store, so a restart (on the same port) keeps them;
// `mlco2 push` uploads a log; a PGlite folder serves one process at a time.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  type Cumulative,
  DEFAULT_COMPONENTS,
  logText,
  sampleLine,
  startLine,
} from "../../server/fixtures/log-lines.ts";
import { testPostgres } from "../../server/fixtures/postgres-cluster.ts";
import {
  type CliProcessRun,
  runMlco2,
  type ServerProcess,
  spawnServer,
  stopServer,
} from "../../server/fixtures/processes.ts";
import { withRawSql } from "../../server/fixtures/raw-sql.ts";
import type { StoreLocation } from "../../server/node.ts";
import { hashToken } from "../../server/tokens.ts";

const STARTED = new Date(Date.now() - 120_000);
const LOG_ID = "log-gpu-01";
/** 20 sample lines at a steady 300 W GPU, 60 W CPU, 12 W memory, 1 s apart: 300, 60 and 12 J each. */
const cumulative: Cumulative = { energyKWh: 0, facilityEnergyKWh: 0, emissionsKg: 0 };
const LINES = Array.from({ length: 20 }, (_, i) =>
  sampleLine(i, STARTED, cumulative, DEFAULT_COMPONENTS, { scale: 1 }),
);

const batch = (first: number, count: number, project?: string) => ({
  ...(project === undefined ? {} : { project }),
  runKey: "job-1",
  node: { hostname: "gpu-01", rank: 0 },
  logId: LOG_ID,
  start: startLine(LOG_ID, STARTED),
  samples: LINES.slice(first, first + count).map((line, i) => ({ seq: first + i, line })),
});

const call = async (
  server: ServerProcess,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string; json: () => Record<string, unknown> }> => {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
};

/** The counter lines of a /metrics text (energy and emissions), sorted. */
const counterLines = (text: string): string[] =>
  text
    .split("\n")
    .filter((l) => /^mlco2_(energy_joules|emissions_grams)_total\{/.test(l))
    .sort();

/** The value of the energy counter of `component` in a /metrics text. */
const joules = (text: string, component: string): number => {
  const line = text
    .split("\n")
    .find(
      (l) =>
        l.startsWith('mlco2_energy_joules_total{project="alpha",run="job-1",node="gpu-01:0"') &&
        l.includes(`component="${component}"`),
    );
  assert.ok(line !== undefined, `an energy counter for ${component} in:\n${text}`);
  return Number(line.split(" ").at(-1));
};

const near = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= 1e-9 * expected, `${what}: ${actual}, expected ${expected}`);

/** Every file under `dir`, read as Latin-1 (a token's characters are ASCII), concatenated. */
const folderBytes = (dir: string): string =>
  readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path, "latin1"))
    .join("\n");

/** The secret part of `mlco2_<id>_<secret>`: the secret's own alphabet holds "_" too, so cut after the id. */
const secretOf = (token: string): string => {
  const secret = /^mlco2_[a-z2-7]{12}_(.{43})$/.exec(token)?.[1];
  assert.ok(secret !== undefined, `not a token: ${token.length} characters`);
  return secret;
};

const pg = await testPostgres();
after(() => {
  if ("release" in pg) pg.release();
});

for (const kind of ["pglite", "postgres"] as const) {
  const skip = kind === "postgres" && "skipped" in pg ? pg.skipped : false;
  describe(`mlco2 serve processes on ${kind}, one store across a restart`, { skip, timeout: 240_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), `mlco2-serve-${kind}-`));
    const location: StoreLocation =
      kind === "pglite" ? { data: join(dir, "data") } : { database: "url" in pg ? pg.url : "" };
    const storeArgs = "data" in location ? ["--data", location.data] : ["--database", location.database];
    const servers: ServerProcess[] = [];
    const cliRuns: CliProcessRun[] = [];
    const t: Record<"admin" | "ingest" | "readAlpha" | "readBeta" | "cli", string> = {
      admin: "",
      ingest: "",
      readAlpha: "",
      readBeta: "",
      cli: "",
    };
    let first: ServerProcess;
    let metricsBefore = "";
    let migrationsBefore: unknown[] = [];
    const token = async (project: string, scope: string) => {
      const made = await call(first, t.admin, "POST", "/api/v1/tokens", { project, scope });
      assert.equal(made.status, 201, made.text);
      return String(made.json().token);
    };
    const mlco2 = async (...args: string[]) => {
      const ran = await runMlco2(["serve", "token", ...args, ...storeArgs]);
      cliRuns.push(ran);
      assert.equal(ran.status, 0, ran.stderr);
      return ran;
    };

    before(async () => {
      if ("database" in location)
        await withRawSql(location, async (q) => {
          await q("CREATE TABLE their_table (note text)");
          await q("INSERT INTO their_table VALUES ('theirs')");
        });
      first = await spawnServer(["--port", "0", ...storeArgs]);
      servers.push(first);
      assert.ok(first.readyS < 60, `ready in ${first.readyS} s`);
      assert.match((await fetch(`${first.url}/`)).headers.get("content-type") ?? "", /^text\/html/);
      t.admin = /\n(mlco2_\S+)\n/.exec(first.stdout())?.[1] ?? "";
      assert.notEqual(t.admin, "", "the first start prints an admin token");
      t.ingest = await token("alpha", "ingest");
      t.readAlpha = await token("alpha", "read");
      t.readBeta = await token("beta", "read");
    });
    after(async () => {
      for (const server of servers) await stopServer(server);
      rmSync(dir, { recursive: true, force: true });
    });

    it("answers no anonymous read or write, and takes no token from the URL", async () => {
      const routes: [string, string, unknown?][] = [
        ["GET", "/api/v1/projects"],
        ["GET", "/api/v1/projects/alpha/totals"],
        ["GET", "/api/v1/projects/alpha/runs"],
        ["GET", "/api/v1/projects/alpha/runs/job-1"],
        ["GET", "/api/v1/tokens"],
        ["POST", "/api/v1/tokens", { project: "alpha", scope: "admin" }],
        ["DELETE", `/api/v1/tokens/${t.admin.slice(6, 18)}`],
        ["POST", "/api/v1/ingest", batch(0, 10, "alpha")],
        ["GET", "/metrics"],
      ];
      for (const [method, path, body] of routes) {
        const answer = await call(first, null, method, path, body);
        assert.equal(answer.status, 401, `${method} ${path}`);
        assert.equal(answer.json().code, "unauthorized", `${method} ${path}`);
      }
      for (const query of [`token=${t.readAlpha}`, `access_token=${t.admin}`]) {
        const answer = await call(first, null, "GET", `/api/v1/projects?${query}`);
        assert.equal(answer.status, 401);
        assert.match(String(answer.json().message), /tokens are not accepted in URLs/);
      }
      const unknown = await call(first, `mlco2_aaaaaaaaaaaa_${"A".repeat(43)}`, "GET", "/api/v1/projects");
      assert.deepEqual([unknown.status, unknown.json().message], [401, "unknown token"]);
      const projects = await call(first, t.admin, "GET", "/api/v1/projects");
      assert.deepEqual(
        (projects.json().projects as { name: string; runs: number }[]).map((p) => [p.name, p.runs]).sort(),
        [
          ["alpha", 0],
          ["beta", 0],
          ["default", 0],
        ],
        "nothing stored by the anonymous requests",
      );
      const tokens = await call(first, t.admin, "GET", "/api/v1/tokens");
      assert.equal((tokens.json().tokens as unknown[]).length, 4, "no token made, none revoked");
    });

    it("keeps scopes and projects apart: an ingest token reads nothing, a read token only its project", async () => {
      assert.equal((await call(first, t.ingest, "POST", "/api/v1/ingest", batch(0, 10))).status, 200);
      const refused: [keyof typeof t, string, string, unknown?][] = [
        ["ingest", "GET", "/api/v1/projects"],
        ["ingest", "GET", "/api/v1/projects/alpha/runs"],
        ["ingest", "GET", "/api/v1/projects/alpha/runs/job-1"],
        ["ingest", "GET", "/metrics"],
        ["ingest", "POST", "/api/v1/ingest", batch(0, 10, "beta")],
        ["ingest", "POST", "/api/v1/tokens", { project: "alpha", scope: "read" }],
        ["readBeta", "GET", "/api/v1/projects/alpha/totals"],
        ["readBeta", "GET", "/api/v1/projects/alpha/runs"],
        ["readBeta", "GET", "/api/v1/projects/alpha/runs/job-1"],
        ["readBeta", "GET", "/api/v1/projects/alpha/runs/job-1/samples.csv"],
        ["readBeta", "POST", "/api/v1/ingest", batch(0, 10, "beta")],
        ["readAlpha", "POST", "/api/v1/ingest", batch(0, 10)],
        ["readAlpha", "GET", "/api/v1/tokens"],
      ];
      for (const [who, method, path, body] of refused) {
        const answer = await call(first, t[who], method, path, body);
        assert.equal(answer.status, 403, `${who} ${method} ${path}: ${answer.text}`);
        assert.equal(answer.json().code, "forbidden");
      }
      const beta = await call(first, t.readBeta, "GET", "/api/v1/projects");
      assert.deepEqual(
        (beta.json().projects as { name: string }[]).map((p) => p.name),
        ["beta"],
      );
      const betaMetrics = await call(first, t.readBeta, "GET", "/metrics");
      assert.equal(betaMetrics.status, 200);
      assert.ok(!betaMetrics.text.includes("alpha"), betaMetrics.text);
      const alpha = await call(first, t.readAlpha, "GET", "/api/v1/projects/alpha/runs");
      assert.deepEqual(
        (alpha.json().runs as { key: string }[]).map((r) => r.key),
        ["job-1"],
      );
      const betaRuns = await call(first, t.admin, "GET", "/api/v1/projects/beta/runs");
      assert.deepEqual(betaRuns.json().runs, [], "the refused writes stored nothing");
    });

    it("counts energy in /metrics from the store: a batch sent twice counts once", async () => {
      assert.equal((await call(first, t.ingest, "POST", "/api/v1/ingest", batch(0, 10))).status, 200);
      const metrics = await call(first, t.readAlpha, "GET", "/metrics");
      assert.equal(metrics.status, 200);
      // 10 samples of 1 s: 3000 J of GPU, 600 J of CPU, 120 J of memory.
      near(joules(metrics.text, "gpu"), 3000, "GPU joules");
      near(joules(metrics.text, "cpu"), 600, "CPU joules");
      near(joules(metrics.text, "memory"), 120, "memory joules");
      metricsBefore = metrics.text;
      // `mlco2 push` of a log written by a job with no network: its samples count too.
      const logPath = join(dir, "offline.jsonl");
      writeFileSync(logPath, logText("log-offline", STARTED, 12).text);
      const pushed = await runMlco2(["push", logPath, "--server", first.url, "--run-id", "offline"], {
        ...process.env,
        MLCO2_TOKEN: t.ingest,
      });
      cliRuns.push(pushed);
      assert.equal(pushed.status, 0, pushed.stderr);
      assert.match(pushed.stdout, /stored 12 samples and the summary for run "offline" \(from --run-id\)/);
      const withPush = await call(first, t.readAlpha, "GET", "/metrics");
      assert.ok(withPush.text.includes('run="offline"'));
      assert.deepEqual(
        counterLines(withPush.text).filter((l) => !l.includes('run="offline"')),
        counterLines(metricsBefore),
      );
      metricsBefore = withPush.text;
      if (kind === "pglite") {
        const busy = await runMlco2(["serve", "--port", "0", ...storeArgs]);
        assert.equal(busy.status, 1, "one server per PGlite folder");
        assert.match(busy.stderr, /is in use by process \d+/);
      }
      assert.equal(await stopServer(first), 0);
    });

    it("token create prints the token alone; the store keeps its hash only; migrations applied once", async () => {
      const created = await mlco2("create", "--project", "alpha", "--scope", "read", "--label", "cli");
      assert.match(created.stdout, /^mlco2_[a-z2-7]{12}_[A-Za-z0-9_-]{43}\n$/, "the token alone on stdout");
      t.cli = created.stdout.trim();
      const id = t.cli.slice(6, 18);
      assert.match(created.stderr, new RegExp(`read token ${id} for project "alpha" created`));
      const listed = await mlco2("list");
      assert.match(listed.stdout, new RegExp(`${id}\\s+read\\s+alpha\\s+\\S+\\s+valid\\s+cli`));
      const all = Object.values(t);
      const rows = await withRawSql(location, async (q) => {
        migrationsBefore = await q("SELECT version, name, applied_at FROM schema_migrations ORDER BY 1");
        return q<{ id: string; hash: string }>("SELECT * FROM tokens ORDER BY created_at");
      });
      assert.deepEqual(
        migrationsBefore.map((r) => [(r as { version: number }).version, (r as { name: string }).name]),
        [
          [1, "initial"],
          [2, "unwrap_jsonb"],
          [3, "run_user"],
        ],
      );
      assert.deepEqual(
        rows.map((r) => r.hash).sort(),
        all.map(hashToken).sort(),
        "one row per token, holding its SHA-256",
      );
      const stored = JSON.stringify(rows);
      for (const secret of all.map(secretOf)) assert.ok(!stored.includes(secret), "no secret in a row");
      if ("data" in location) {
        const bytes = folderBytes(location.data);
        for (const secret of all.map(secretOf)) assert.ok(!bytes.includes(secret), "no secret on disk");
      }
      if (kind === "pglite") await mlco2("revoke", t.readAlpha.slice(6, 18));
    });

    it("restarts on the same port: no new admin token, migrations not re-applied, counters kept", async () => {
      const port = new URL(first.url).port;
      const second = await spawnServer(["--port", port, ...storeArgs]);
      servers.push(second);
      assert.equal(new URL(second.url).port, port);
      assert.ok(!second.stdout().includes("Admin token"), second.stdout());
      // PostgreSQL may be managed while the server runs: the revocation holds from the next request.
      if (kind === "postgres") await mlco2("revoke", t.readAlpha.slice(6, 18));
      const revoked = await call(second, t.readAlpha, "GET", "/api/v1/projects");
      assert.equal(revoked.status, 401);
      assert.match(String(revoked.json().message), /revoked/);
      const metrics = await call(second, t.cli, "GET", "/metrics");
      assert.equal(metrics.status, 200, "the token made by the CLI works");
      assert.deepEqual(counterLines(metrics.text), counterLines(metricsBefore));
      assert.ok(counterLines(metrics.text).length >= 6);
      for (const sent of [batch(0, 10), batch(10, 10)])
        assert.equal((await call(second, t.ingest, "POST", "/api/v1/ingest", sent)).status, 200);
      const grown = await call(second, t.cli, "GET", "/metrics");
      near(joules(grown.text, "gpu"), 6000, "GPU joules after 20 samples");
      near(joules(grown.text, "memory"), 240, "memory joules after 20 samples");
      assert.equal(await stopServer(second), 0);
      await withRawSql(location, async (q) => {
        assert.deepEqual(
          await q("SELECT version, name, applied_at FROM schema_migrations ORDER BY 1"),
          migrationsBefore,
          "nothing re-applied or re-dated",
        );
        if (kind === "postgres")
          assert.deepEqual(
            await q("SELECT note FROM their_table"),
            [{ note: "theirs" }],
            "others' tables kept",
          );
      });
    });

    it("never prints a token in a log: only the first admin token, once, on stdout", () => {
      const [one, two] = servers;
      assert.equal(one?.stdout().split(t.admin).length, 2, "the admin token once");
      const logs = [
        one?.stdout().replace(t.admin, "") ?? "",
        one?.stderr() ?? "",
        two?.stdout() ?? "",
        two?.stderr() ?? "",
        ...cliRuns.map((r) => (r.stdout.includes(t.cli) ? r.stderr : `${r.stdout}${r.stderr}`)),
      ].join("\n");
      for (const secret of Object.values(t).map(secretOf))
        assert.ok(!logs.includes(secret), `a token in the logs:\n${logs}`);
      assert.doesNotMatch(logs, /internal error/);
    });
  });
}
