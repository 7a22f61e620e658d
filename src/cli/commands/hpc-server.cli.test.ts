// `mlco2 hpc sacct … --server URL` against a real `mlco2 serve` on the embedded store: each priced job
// stored once as an estimate run under slurm-sacct:<cluster>:<JobID>, labelled as Slurm accounting; a
// second import of the same window storing nothing new, the project's totals unchanged; the token
// checked before anything is read; each job's User recorded as the run's user (totals per person),
// a name the server would refuse sent as none; sacct's own Cluster column in the key.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { cli } from "../fixtures/run-cli.ts";
import { mlco2Process, startTeamServer, type TeamServer } from "../fixtures/team-server.ts";

const here = (p: string) => fileURLToPath(new URL(`../../hpc/fixtures/${p}`, import.meta.url));
const SACCT = here("sacct-mixed.txt");
const CLUSTERS = here("sacct-clusters.txt");
const CLUSTER = here("cluster.toml");

interface JobRow {
  readonly job_id: string;
  readonly user: string;
  readonly emissions_kg: number;
  readonly energy_kwh: number;
}

describe("mlco2 hpc sacct --server (real mlco2 serve, embedded store)", () => {
  let team: TeamServer;
  before(async () => {
    team = await startTeamServer(["hpc", "clusters", "names"]);
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

  /** `mlco2 hpc sacct FILE --format json --server …` into `project`: the exit, stderr and the rows. */
  const store = async (project: string, file: string, ...more: string[]) => {
    const r = await mlco2Process(
      ["hpc", "sacct", file, "--cluster", CLUSTER, "--server", team.url, "--format", "json", ...more],
      team.tokens[project] ?? "",
      { TZ: "UTC" },
    );
    const rows = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as JobRow);
    return { ...r, rows };
  };

  /** GET …/totals?by=user: per user (null: none recorded), runs and emissions. */
  const byUser = async (project: string) => {
    const r = await team.api(`/projects/${project}/totals?by=user`);
    assert.equal(r.status, 200);
    const body = (await r.json()) as {
      users: { user: string | null; origin: string; runs: number; emissionsKg: number }[];
    };
    return body.users.map((u) => ({ user: u.user, origin: u.origin, runs: u.runs, kg: u.emissionsKg }));
  };

  /** The rows' emissions summed per user. */
  const kgOf = (rows: readonly JobRow[], user: string) =>
    rows.filter((r) => r.user === user).reduce((sum, r) => sum + r.emissions_kg, 0);

  const near = (actual: number, expected: number) =>
    assert.ok(Math.abs(actual - expected) <= 1e-12 * expected, `${actual} ≠ ${expected}`);

  it("sacct -M output: each row keyed by its own Cluster (the same JobID on two clusters is two runs), each run by its User", async () => {
    const first = await store("clusters", CLUSTERS, "--cluster-name", "unused");
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /: stored 4 of 4 priced jobs as estimate runs\n$/);
    assert.doesNotMatch(first.stderr, /not a user name/);
    const runs = await team.runs("clusters");
    assert.deepEqual(
      runs.map((r) => r.key),
      ["slurm-sacct:alpha:2001", "slurm-sacct:alpha:2002", "slurm-sacct:beta:2001", "slurm-sacct:beta:2003"],
    );
    // Job 2001 of alpha (alice, 2 GPUs) and of beta (bob, 4 CPUs): two runs with their own figures.
    const [alpha2001, beta2001] = [runs[0], runs[2]];
    assert.deepEqual(
      [alpha2001?.emissionsKg, beta2001?.emissionsKg],
      [first.rows[0]?.emissions_kg, first.rows[2]?.emissions_kg],
    );
    const users = await byUser("clusters");
    assert.deepEqual(
      users.map((u) => [u.user, u.origin, u.runs]),
      [
        ["alice", "estimate", 2],
        ["bob", "estimate", 2],
      ],
    );
    near(users[0]?.kg ?? 0, kgOf(first.rows, "alice"));
    near(users[1]?.kg ?? 0, kgOf(first.rows, "bob"));
    const listed = await team.api("/projects/clusters/runs?user=bob");
    assert.deepEqual(((await listed.json()) as { runs: { key: string }[] }).runs.map((r) => r.key).sort(), [
      "slurm-sacct:alpha:2002",
      "slurm-sacct:beta:2001",
    ]);
  });

  it("a User the server would refuse: the job stored without a user, one warning per name; no Cluster: --cluster-name", async () => {
    const long = "u".repeat(120);
    // The beta rows again, with no cluster and a user name of 120 characters on both of its jobs.
    const lines = readFileSync(CLUSTERS, "utf8").trim().split("\n");
    const header = lines[0] ?? "";
    const text = lines
      .filter((l) => l.startsWith("beta|"))
      .map((l) => l.replace(/^beta\|/, "|").replace(/\|(alice|bob)\|/, `|${long}|`))
      .join("\n");
    const file = join(mkdtempSync(join(tmpdir(), "mlco2-sacct-users-")), "sacct.txt");
    writeFileSync(file, `${header}\n${text}\n${lines[3]}\n`);
    const r = await store("names", file, "--cluster-name", "hpc1");
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr.match(/is not a user name the server records/g)?.length, 1, r.stderr);
    assert.match(
      r.stderr,
      /: User "u+…" \(120 characters\) \(first in job "slurm-sacct:hpc1:2001"\) is not a user name the server records \(1 to 100 characters, no control characters\): its jobs are stored without a user\n/,
    );
    assert.match(r.stderr, /: stored 3 of 3 priced jobs as estimate runs\n$/);
    assert.deepEqual(
      (await team.runs("names")).map((run) => run.key),
      ["slurm-sacct:alpha:2002", "slurm-sacct:hpc1:2001", "slurm-sacct:hpc1:2003"],
    );
    const users = await byUser("names");
    assert.deepEqual(
      users.map((u) => [u.user, u.runs]),
      [
        ["bob", 1],
        [null, 2],
      ],
    );
    near(users[1]?.kg ?? 0, kgOf(r.rows, long));
  });
});
