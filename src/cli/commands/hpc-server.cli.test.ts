// `mlco2 hpc sacct … --server URL` against a real `mlco2 serve` on the embedded store: each priced job
// stored once as an estimate run under slurm-sacct:<cluster>:<JobID>, labelled as Slurm accounting; a
// second import of the same window storing nothing new, the project's totals unchanged; the token
// checked before anything is read.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { cli } from "../fixtures/run-cli.ts";
import { mlco2Process, startTeamServer, type TeamServer } from "../fixtures/team-server.ts";

const here = (p: string) => fileURLToPath(new URL(`../../hpc/fixtures/${p}`, import.meta.url));
const SACCT = here("sacct-mixed.txt");
const CLUSTER = here("cluster.toml");

interface JobRow {
  readonly job_id: string;
  readonly emissions_kg: number;
  readonly energy_kwh: number;
}

describe("mlco2 hpc sacct --server (real mlco2 serve, embedded store)", () => {
  let team: TeamServer;
  before(async () => {
    team = await startTeamServer(["hpc"]);
  });
  after(() => team?.stop());

  it("stores each priced job once as a labelled estimate run; a second import stores nothing new", async () => {
    const sacct = (...more: string[]) =>
      mlco2Process(
        [
          "hpc",
          "sacct",
          SACCT,
          "--cluster",
          CLUSTER,
          "--server",
          team.url,
          "--cluster-name",
          "hpc1",
          ...more,
        ],
        team.tokens.hpc ?? "",
        { TZ: "UTC" },
      );
    const first = await sacct("--format", "json");
    // 3 jobs of the fixture cannot be priced (named on stderr): exit 1 for them, not for storing.
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stderr, /mlco2: total 8 of 14 jobs priced, 3 skipped/);
    assert.match(first.stderr, /: stored 8 of 8 priced jobs as estimate runs\n$/);
    const rows = first.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as JobRow);
    assert.equal(rows.length, 8);
    const stored = await team.runs("hpc");
    assert.deepEqual(
      stored.map((r) => [r.key, r.origin]),
      rows
        .map((r) => [`slurm-sacct:hpc1:${r.job_id}`, "estimate"] as const)
        .sort((a, b) => a[0].localeCompare(b[0])),
    );
    for (const run of stored) {
      const row = rows.find((r) => `slurm-sacct:hpc1:${r.job_id}` === run.key);
      // The engine's full result: the very figures of the row.
      assert.deepEqual([run.emissionsKg, run.energyKWh], [row?.emissions_kg, row?.energy_kwh]);
    }
    // Job 1001 started 2024-03-01T08:05:00 (read in TZ=UTC).
    assert.equal(
      stored.find((r) => r.key === "slurm-sacct:hpc1:1001")?.startedAt,
      "2024-03-01T08:05:00.000Z",
    );
    const detail = (await (await team.api("/projects/hpc/runs/slurm-sacct:hpc1:1001")).json()) as {
      result: { warnings: string[] };
    };
    assert.equal(
      detail.result.warnings[0],
      "From Slurm accounting (mlco2 hpc sacct): cluster hpc1, job 1001, user alice, account ml-lab, partition gpu, COMPLETED; energy model",
    );
    const totals = await (await team.api("/projects/hpc/totals")).json();
    const again = await sacct("--by", "account");
    assert.equal(again.code, 1, again.stderr);
    assert.match(
      again.stderr,
      /: stored 0 of 8 priced jobs as estimate runs \(8 stored before, left as they are\)\n$/,
    );
    assert.deepEqual(await team.runs("hpc"), stored);
    assert.deepEqual(await (await team.api("/projects/hpc/totals")).json(), totals);
  });

  it("the token is checked before the input is read; --running and --cluster-name refused as documented", async () => {
    const missing = await cli("hpc", "sacct", "no-such-file.txt", "--cpu", "100", "--server", team.url);
    assert.deepEqual([missing.exitCode, missing.code, missing.stdout], [2, "required", ""]);
    assert.match(
      missing.stderr,
      /^mlco2: hpc sacct --server: no token: set MLCO2_TOKEN or give --token-file/,
    );
    const running = await mlco2Process(
      ["hpc", "sacct", SACCT, "--cluster", CLUSTER, "--server", team.url, "--running"],
      "mlco2_x",
    );
    assert.equal(running.code, 2);
    assert.match(running.stderr, /--running: cannot be combined with --server/);
    const name = await cli("hpc", "sacct", SACCT, "--cluster", CLUSTER, "--cluster-name", "a");
    assert.match(name.stderr, /--cluster-name: needs --server/);
  });

  it("a refused token: every priced job named or counted as not stored, exit 1", async () => {
    const r = await mlco2Process(
      ["hpc", "sacct", SACCT, "--cluster", CLUSTER, "--server", team.url],
      "mlco2_bad",
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, /: job "slurm-sacct:default:1001" not stored: /);
    assert.match(r.stderr, /: 3 more not stored\n/);
    assert.match(
      r.stderr,
      /: stored 0 of 8 priced jobs as estimate runs; 8 not stored: run the import again/,
    );
  });
});
