import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { cli } from "../fixtures/run-cli.ts";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const SACCT = here("../../hpc/fixtures/sacct-mixed.txt");
const CLUSTER = here("../../hpc/fixtures/cluster.toml");
const FAKE = here("../fixtures/fake-sacct");
const BIN = here("../bin.ts");

describe("mlco2 hpc sacct (in-process)", () => {
  it("job rows as CSV, bad jobs as FILE:LINE, a total that adds up, exit 1", async () => {
    const r = await cli("hpc", "sacct", SACCT, "--cluster", CLUSTER);
    assert.equal(r.exitCode, 1);
    const lines = r.stdout.trim().split("\n");
    assert.match(
      lines[0] ?? "",
      /^job_id,user,account,partition,state,energy_kwh,facility_energy_kwh,emissions_kg,low_kg,high_kg,intensity_g_per_kwh,pue,/,
    );
    assert.equal(lines.length, 9);
    assert.match(
      r.stderr,
      /sacct-mixed\.txt:21: AllocTRES: "gres\/fpga" is a resource the pricing does not know.*; job skipped/,
    );
    assert.match(r.stderr, /sacct-mixed\.txt:23: Partition: "debug" is not described in .*cluster\.toml/);
    assert.match(
      r.stderr,
      /total 8 of 14 jobs priced, 3 skipped, 3 not priced \(1 pending, 1 running \(--running prices them\), 1 ended before starting\)/,
    );
  });

  it("--strict stops with exit 2 at the first bad job", async () => {
    const r = await cli("hpc", "sacct", SACCT, "--cluster", CLUSTER, "--strict");
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /:21: AllocTRES: .*\(stopped: --strict\)/);
  });

  it("--by account as Markdown and JSON", async () => {
    const md = await cli(
      "hpc",
      "sacct",
      SACCT,
      "--cluster",
      CLUSTER,
      "--by",
      "account",
      "--format",
      "markdown",
    );
    assert.match(md.stdout, /^\| account \| jobs \|/);
    assert.match(md.stdout, /\| \*\*total\*\* \| 8 \|/);
    const json = await cli("hpc", "sacct", SACCT, "--cluster", CLUSTER, "--by", "month", "--format", "json");
    const parsed = JSON.parse(json.stdout) as {
      groups: { key: string; jobs: number }[];
      total: { jobs: number };
    };
    assert.deepEqual(
      parsed.groups.map((g) => [g.key, g.jobs]),
      [
        ["2024-03", 6],
        ["2024-04", 2],
      ],
    );
    assert.equal(parsed.total.jobs, 8);
  });

  it("flags for a one-partition cluster; a bad flag names itself; --cluster excludes them", async () => {
    const ok = await cli(
      "hpc",
      "sacct",
      SACCT,
      "--cpu",
      "AMD EPYC 7763",
      "--sockets",
      "2",
      "--gpu",
      "A100 SXM4 80GB",
      "--country",
      "DE",
    );
    assert.equal(ok.exitCode, 1); // the fpga job and the malformed line
    const bad = await cli("hpc", "sacct", SACCT, "--cpu", "EPYC 9999", "--country", "DE");
    assert.equal(bad.exitCode, 2);
    assert.match(bad.stderr, /^mlco2: --cpu: unknown hardware "EPYC 9999"/);
    const both = await cli("hpc", "sacct", SACCT, "--cluster", CLUSTER, "--gpu", "A100");
    assert.match(both.stderr, /--gpu: cannot be combined with --cluster/);
    const none = await cli("hpc", "sacct", SACCT);
    assert.equal(none.code, "required");
  });

  it("a cluster file with errors: FILE:LINE: key: reason, exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mlco2-hpc-"));
    const file = join(dir, "c.toml");
    writeFileSync(file, '[partitions.gpu]\ncpu = "AMD EPYC 7763"\ncountry = "DE"\ngpus = 4\n');
    const r = await cli("hpc", "sacct", SACCT, "--cluster", file);
    assert.equal(r.exitCode, 2);
    assert.match(
      r.stderr,
      new RegExp(
        `${file}:4: partitions\\.gpu\\.gpus: is not a cluster file key \\("gpus"\\); did you mean gpu`,
      ),
    );
  });

  it("hpc init writes the template, and will not overwrite without --force", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mlco2-hpc-"));
    const file = join(dir, "cluster.toml");
    assert.equal((await cli("hpc", "init", "--output", file)).exitCode, 0);
    assert.match(readFileSync(file, "utf8"), /\[partitions\.gpu\]/);
    const again = await cli("hpc", "init", "--output", file);
    assert.match(again.stderr, /exists; give --force/);
    const printed = await cli("hpc", "init");
    assert.match(printed.stdout, /^# mlco2 cluster file/);
  });
});

describe("mlco2 hpc sacct (real processes)", () => {
  const env = (extra: Record<string, string>) => ({
    ...process.env,
    PATH: `${FAKE}:${process.env.PATH}`,
    ...extra,
  });

  it("--since runs sacct once for the window with the documented fields, and prices its output", () => {
    const dir = mkdtempSync(join(tmpdir(), "mlco2-hpc-"));
    const args = join(dir, "args");
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        BIN,
        "hpc",
        "sacct",
        "--since",
        "2024-03-01",
        "--until",
        "2024-05-01",
        "--cluster",
        CLUSTER,
        "--by",
        "user",
      ],
      {
        encoding: "utf8",
        env: env({ FAKE_SACCT_ARGS: args, FAKE_SACCT_OUTPUT: SACCT }),
      },
    );
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^user +jobs/);
    assert.deepEqual(readFileSync(args, "utf8").trim().split("\n"), [
      "-P",
      "--format=JobID,JobName,User,Account,Partition,State,Submit,Start,End,Elapsed,NNodes,NCPUS,TotalCPU,CPUTime,ReqMem,MaxRSS,AllocTRES,NodeList,ConsumedEnergyRaw",
      "-S",
      "2024-03-01",
      "-E",
      "2024-05-01",
    ]);
  });

  it("a failing sacct is one line and exit 2; stdin is read with -", () => {
    const failed = spawnSync(
      process.execPath,
      ["--import", "tsx", BIN, "hpc", "sacct", "--since", "2024-03-01", "--cluster", CLUSTER],
      {
        encoding: "utf8",
        env: env({ FAKE_SACCT_FAIL: "1", FAKE_SACCT_OUTPUT: SACCT }),
      },
    );
    assert.equal(failed.status, 2);
    assert.match(
      failed.stderr,
      /--since: sacct exited with 1: sacct: error: Problem talking to the database/,
    );
    const piped = spawnSync(
      process.execPath,
      ["--import", "tsx", BIN, "hpc", "sacct", "-", "--cluster", CLUSTER, "--format", "json"],
      {
        encoding: "utf8",
        input: readFileSync(SACCT),
      },
    );
    assert.equal(piped.status, 1);
    assert.equal(piped.stdout.trim().split("\n").length, 8);
  });

  it("reads stdin when it is piped and no file is given: a pipe, and a redirected file", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", BIN, "hpc", "sacct", "--cluster", CLUSTER, "--format", "json"],
      { stdio: ["pipe", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const text = readFileSync(SACCT);
    // Two writes with a pause: the command reads the pipe to its end, not the first chunk.
    const cut = text.indexOf("\n", text.length >> 1) + 1;
    child.stdin.write(text.subarray(0, cut));
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.stdin.end(text.subarray(cut));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 1, stderr);
    assert.equal(stdout.trim().split("\n").length, 8);
    assert.match(stderr, /^mlco2: stdin:21: AllocTRES: "gres\/fpga"/m);
    assert.match(stderr, /total 8 of /);
    const fd = openSync(SACCT, "r");
    try {
      const redirected = spawnSync(
        process.execPath,
        ["--import", "tsx", BIN, "hpc", "sacct", "--cluster", CLUSTER, "--format", "json"],
        { encoding: "utf8", stdio: [fd, "pipe", "pipe"] },
      );
      assert.equal(redirected.status, 1, redirected.stderr);
      assert.equal(redirected.stdout, stdout);
    } finally {
      closeSync(fd);
    }
    const empty = spawnSync(
      process.execPath,
      ["--import", "tsx", BIN, "hpc", "sacct", "--cluster", CLUSTER],
      {
        encoding: "utf8",
        input: "",
      },
    );
    assert.equal(empty.status, 2);
    assert.equal(
      empty.stderr,
      "mlco2: stdin: is empty; expected sacct -P output starting with its header line (read because it is piped and no file was given; give a file or --since)\n",
    );
  });

  it("no file, no --since and stdin not piped (a terminal, /dev/null): the clear error, exit 2", () => {
    const message =
      /^mlco2: give sacct -P output as a file, on a pipe \(or -\), or --since to run sacct \(see docs\/hpc\.md\)\r?$/m;
    const devNull = spawnSync(
      process.execPath,
      ["--import", "tsx", BIN, "hpc", "sacct", "--cluster", CLUSTER],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    assert.equal(devNull.status, 2);
    assert.match(devNull.stderr, message);
    // script(1) gives the command a terminal as stdin; its output (stdout and stderr) comes back on ours.
    const command = [process.execPath, "--import", "tsx", BIN, "hpc", "sacct", "--cluster", CLUSTER]
      .map((a) => `'${a}'`)
      .join(" ");
    const tty = spawnSync("script", ["-qec", command, "/dev/null"], {
      encoding: "utf8",
      timeout: 60_000,
      stdio: ["pipe", "pipe", "pipe"],
    });
    assert.equal(tty.status, 2, tty.stdout + tty.stderr);
    assert.match(tty.stdout, message);
  });
});
