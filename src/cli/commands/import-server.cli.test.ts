// `mlco2 import codecarbon FILE --server URL` against a real `mlco2 serve` on the embedded store: each
// re-priced run stored once as an estimate run under codecarbon-repriced:<run_id>, a second import
// storing nothing twice; the token checked before anything is read; a server that is away, exit 1.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { type ServerProcess, spawnServer } from "../../server/fixtures/processes.ts";
import { cli } from "../fixtures/run-cli.ts";

const here = (p: string) => fileURLToPath(new URL(`../../import/fixtures/${p}`, import.meta.url));
const BIN = fileURLToPath(new URL("../bin.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "mlco2-import-server-"));

/** `mlco2 import codecarbon …` as a real process with MLCO2_TOKEN set. */
const importer = (args: readonly string[], token: string) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", BIN, "import", "codecarbon", ...args], {
      env: { ...process.env, MLCO2_TOKEN: token },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let [stdout, stderr] = ["", ""];
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });

interface Run {
  readonly key: string;
  readonly origin: string;
  readonly startedAt: string | null;
  readonly energyKWh: number;
  readonly emissionsKg: number;
}

describe("mlco2 import codecarbon --server (real mlco2 serve, embedded store)", () => {
  let server: ServerProcess;
  let admin = "";
  const tokens: Record<string, string> = {};
  const api = async (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    });
  const runs = async (project: string): Promise<Run[]> => {
    const r = await api(`/projects/${project}/runs`, admin);
    assert.equal(r.status, 200);
    return ((await r.json()) as { runs: Run[] }).runs.sort((a, b) => a.key.localeCompare(b.key));
  };

  before(async () => {
    server = await spawnServer(["--port", "0", "--data", join(dir, "store")]);
    admin = /\n(mlco2_\S+)\n/.exec(server.stdout())?.[1] ?? "";
    for (const project of ["cc", "old"]) {
      const made = await api("/tokens", admin, {
        method: "POST",
        body: JSON.stringify({ project, scope: "ingest" }),
      });
      assert.equal(made.status, 201);
      tokens[project] = ((await made.json()) as { token: string }).token;
    }
  });
  after(() => {
    server?.child.kill("SIGTERM");
  });

  it("stores each re-priced run once as an estimate run; a second import stores nothing twice", async () => {
    const file = here("emissions-v3.csv");
    const first = await importer([file, "--server", server.url, "--format", "json"], tokens.cc ?? "");
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stderr, /emissions-v3\.csv:4: duration: "abc" is not a number ≥ 0; row skipped/);
    assert.match(first.stderr, /: stored 2 of 2 re-priced runs as estimate runs\n/);
    const ours = first.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { run_id: string; energy_kwh: number; emissions_kg: number });
    const stored = await runs("cc");
    assert.deepEqual(
      stored.map((r) => [r.key, r.origin, r.startedAt]),
      [
        // CodeCarbon stamps a row at the end of its run: 10:00 − 2 h and 09:00 − 1 h.
        ["codecarbon-repriced:5b0fa12a-3dd7-45bb-9766-cc326314d9f1", "estimate", "2025-12-01T08:00:00.000Z"],
        ["codecarbon-repriced:7c1e9d3e-0000-4a2b-9f00-1234567890ab", "estimate", "2025-12-02T08:00:00.000Z"],
      ],
    );
    for (const run of stored) {
      const mine = ours.find((o) => `codecarbon-repriced:${o.run_id}` === run.key);
      assert.ok(mine !== undefined);
      assert.ok(Math.abs(run.emissionsKg - mine.emissions_kg) < 1e-9);
      assert.ok(Math.abs(run.energyKWh - mine.energy_kwh) < 1e-9);
    }
    const totals = await (await api("/projects/cc/totals", admin)).json();
    const again = await importer([file, "--server", server.url], tokens.cc ?? "");
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      /: stored 0 of 2 re-priced runs as estimate runs \(2 stored before, left as they are\)\n/,
    );
    assert.deepEqual(await runs("cc"), stored);
    assert.deepEqual(await (await api("/projects/cc/totals", admin)).json(), totals);
  });

  it("--token-file; 1.x runs keyed by their experiment_id; a run written twice stored once (its longest row)", async () => {
    const tokenFile = join(dir, "token");
    writeFileSync(tokenFile, `${tokens.old}\n`);
    const text = readFileSync(here("emissions-1.2.0.csv"), "utf8");
    const twice = join(dir, "twice.csv");
    // The same run written again, shorter (an earlier flush), after the others.
    writeFileSync(twice, `${text}${text.split("\n")[1]?.replace(",7200.0,", ",3600.0,")}\n`);
    const r = await cli("import", "codecarbon", twice, "--server", server.url, "--token-file", tokenFile);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(
      r.stderr,
      /stored 2 of 2 re-priced runs as estimate runs; 1 row\(s\) of a run written more than once: its longest row stored\n/,
    );
    const stored = await runs("old");
    assert.deepEqual(
      stored.map((s) => s.key),
      [
        "codecarbon-repriced:1f0b2a77-0e3c-45d9-b8a4-5c6d7e8f9a01",
        "codecarbon-repriced:9d4a3f0e-6c1b-4f7e-8a52-3b1f2c9e7d10",
      ],
    );
    // The 7,200 s row: CodeCarbon's 3 kWh kept as measured.
    assert.equal(stored[1]?.energyKWh, 3);
    assert.equal(stored[1]?.startedAt, "2021-04-20T07:15:02.000Z");
  });

  it("no token: refused before anything is read or printed; a server that is away: exit 1", async () => {
    const missing = await cli("import", "codecarbon", here("emissions-v2.csv"), "--server", server.url);
    assert.deepEqual([missing.exitCode, missing.code, missing.stdout], [2, "required", ""]);
    assert.match(
      missing.stderr,
      /import codecarbon --server: no token: set MLCO2_TOKEN or give --token-file/,
    );
    const stray = await cli("import", "codecarbon", here("emissions-v2.csv"), "--token-file", "x");
    assert.match(stray.stderr, /--token-file: needs --server/);
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
      });
    });
    const away = await importer(
      [here("emissions-v2.csv"), "--server", `http://127.0.0.1:${port}`, "--retry-for", "0"],
      "mlco2_x",
    );
    assert.equal(away.code, 1);
    assert.match(away.stdout, /^run 1a2b3c4d-0000-0000-0000-000000000001/);
    assert.match(
      away.stderr,
      /run "codecarbon-repriced:1a2b3c4d-0000-0000-0000-000000000001" not stored: ECONNREFUSED\n.*stored 0 of 1 re-priced runs as estimate runs; 1 not stored: run the import again to send them\n/s,
    );
  });
});
