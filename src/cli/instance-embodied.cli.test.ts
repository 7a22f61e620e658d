// `mlco2 estimate` with instance types, embodied emissions and /proc/cpuinfo model strings, in-process
// through the CLI seam over the bundled dataset, plus the issue's own command line as a real process.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { estimate } from "../index.ts";
import { cli } from "./fixtures/run-cli.ts";

const near = (actual: number, expected: number, share = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= share * Math.abs(expected), `${actual} ≠ ${expected}`);

describe("mlco2 estimate --hardware with a /proc/cpuinfo model string", () => {
  // As `grep -m1 'model name' /proc/cpuinfo | cut -d: -f2` prints them (a leading space), from common
  // servers and cloud hosts: on-premises Xeons and EPYCs, AWS, Google Cloud and Azure parts.
  const servers: [string, string, number][] = [
    [" Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz", "Intel Xeon E5-2620 v3", 85],
    [" Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz", "Intel Xeon E5-2680 v4", 120],
    [" Intel(R) Xeon(R) CPU E5-2650 0 @ 2.00GHz", "Intel Xeon E5-2650", 95],
    [" Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz", "Intel Xeon Gold 6130", 125],
    [" Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz", "Intel Xeon Gold 6248R", 205],
    [" Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz", "Intel Xeon Silver 4214", 85],
    [" Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz", "Intel Xeon Platinum 8380", 270],
    [" Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz", "Intel Xeon Platinum 8259CL", 210],
    [" Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", "Intel Xeon Platinum 8375C", 300],
    [" Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz", "Intel Xeon Platinum 8481C", 350],
    [" AMD EPYC 7763 64-Core Processor", "AMD EPYC 7763", 280],
    [" AMD EPYC 7742 64-Core Processor", "AMD EPYC 7742", 225],
    [" AMD EPYC 7B13", "AMD EPYC 7B13", 280],
    [" AMD EPYC 7R13 Processor", "AMD EPYC 7R13", 225],
    [" AMD EPYC 7V12 64-Core Processor", "AMD EPYC 7V12", 225],
    [" AMD EPYC 9654 96-Core Processor", "AMD EPYC 9654", 360],
    [" 13th Gen Intel(R) Core(TM) i9-13900K", "Intel Core i9-13900K", 125],
  ];
  for (const [model, name, tdpW] of servers) {
    it(`${model.trim()} → ${name}, ${tdpW} W for an hour in France`, async () => {
      const run = await cli("estimate", "--hardware", model, "--hours", "1", "--country", "FR");
      assert.equal(run.exitCode, 0, run.stderr);
      assert.ok(run.stdout.startsWith(`1 × ${name}, 1 h each, in France`), run.stdout.slice(0, 120));
      assert.ok(run.stdout.includes(`  1 × ${tdpW} W × 1 h = ${tdpW / 1000} kWh × PUE 1.56`), run.stdout);
    });
  }

  it("strings that name no model (this machine's 'AMD EPYC', Google's, QEMU's): one line, exit 2", async () => {
    for (const model of [" AMD EPYC", " Intel(R) Xeon(R) CPU @ 2.20GHz", " QEMU Virtual CPU version 2.5+"]) {
      const run = await cli("estimate", "--hardware", model, "--hours", "1", "--country", "FR");
      assert.deepEqual([run.exitCode, run.code, run.stdout], [2, "unknown-hardware", ""]);
      assert.equal(
        run.stderr,
        `mlco2: --hardware: "${model}" is not a CPU model: it names a family or a hypervisor only (virtual machines often hide the model); give the model (from the provider's documentation), the cloud instance type, or the CPU's TDP in watts\n`,
      );
    }
  });

  it("the issue's command line, as a real process on this machine: a figure, or that message", () => {
    if (!existsSync("/proc/cpuinfo")) return;
    const bin = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
    const r = spawnSync(
      "bash",
      [
        "-c",
        `"${process.execPath}" "${bin}" estimate --hardware "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)" --hours 1 --country FR`,
      ],
      { encoding: "utf8" },
    );
    if (r.status === 0) assert.match(r.stdout, /^1 × .+, 1 h each, in France/);
    else {
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /^mlco2: --hardware: ".*" is not a CPU model: it names a family/);
    }
  });
});

describe("mlco2 estimate --instance", () => {
  it("aws:p5.48xlarge for 24 h in us-east-1: the whole node (8 GPUs, 2 CPUs, 2 TiB), hand-checked", async () => {
    // 8 × 700 W + 2 × 225 W (EPYC 7R13, 192 vCPUs of 96 threads) + 2,048 GiB = 2,199.0 GB × 0.3725 W/GB
    // = 6,869.14 W × 24 h = 164.86 kWh × AWS PUE 1.15.
    const run = await cli(
      "estimate",
      "--instance",
      "aws:p5.48xlarge",
      "--hours",
      "24",
      "--region",
      "aws:us-east-1",
      "--format",
      "json",
    );
    assert.equal(run.exitCode, 0, run.stderr);
    const r = JSON.parse(run.stdout);
    near(r.energyKWh, ((8 * 700 + 2 * 225 + 2048 * 1.073741824 * 0.3725) * 24) / 1000);
    assert.equal(r.pue, 1.15);
    assert.deepEqual(r.job.instance, { name: "aws:p5.48xlarge", count: 1 });
    assert.equal(r.job.count, 8);
    assert.equal("embodied" in r, false, "present only when asked for");
    const text = await cli(
      "estimate",
      "--instance",
      "aws:p5.48xlarge",
      "--hours",
      "24",
      "--region",
      "aws:us-east-1",
    );
    assert.ok(
      text.stdout.startsWith(
        "1 × aws:p5.48xlarge (8 × NVIDIA H100 SXM5 80GB, 2 × AMD EPYC 7R13, 2,199 GB\nmemory), 24 h each",
      ),
      text.stdout,
    );
  });

  it("--count counts instances; gcp and azure types resolve too", async () => {
    const two = await cli(
      "estimate",
      "--instance",
      "gcp:a3-highgpu-8g",
      "--count",
      "2",
      "--hours",
      "1",
      "--region",
      "gcp:us-central1",
      "--format",
      "json",
    );
    assert.equal(two.exitCode, 0, two.stderr);
    assert.equal(JSON.parse(two.stdout).job.count, 16);
    const azure = await cli(
      "estimate",
      "--instance",
      "azure:Standard_ND96isr_H100_v5",
      "--hours",
      "1",
      "--region",
      "azure:westeurope",
      "--format",
      "json",
    );
    assert.equal(azure.exitCode, 0, azure.stderr);
    // 96 vCPUs of a 112-thread part, but the whole host: its two packages.
    assert.deepEqual(
      JSON.parse(azure.stdout).components.map((c: { label: string }) => c.label),
      ["8 × NVIDIA H100 SXM5 80GB", "2 × Intel Xeon Platinum 8480C", "2,040 GB memory"],
    );
  });

  it("problems: another provider's region, what the type already says, an unknown type", async () => {
    const clash = await cli(
      "estimate",
      "--instance",
      "gcp:a3-highgpu-8g",
      "--hours",
      "1",
      "--region",
      "aws:us-east-1",
    );
    assert.deepEqual([clash.exitCode, clash.code], [2, "conflict"]);
    assert.equal(
      clash.stderr,
      "mlco2: --instance: cannot be combined with --region: gcp:a3-highgpu-8g is an instance type of Google Cloud, aws:us-east-1 a region of Amazon Web Services; give a region of Google Cloud, or the country or grid zone where it ran\n",
    );
    const said = await cli(
      "estimate",
      "--instance",
      "aws:p4d.24xlarge",
      "--hardware",
      "H100",
      "--hours",
      "1",
      "--country",
      "US",
    );
    assert.equal(
      said.stderr,
      "mlco2: --hardware: cannot be combined with --instance (the instance type says what it is made of)\n",
    );
    const typo = await cli("estimate", "--instance", "aws:p4d.24xlarg", "--hours", "1", "--country", "US");
    assert.deepEqual([typo.exitCode, typo.code], [2, "unknown-instance"]);
    assert.match(
      typo.stderr,
      /^mlco2: --instance: unknown Amazon Web Services instance type "p4d.24xlarg"; did you mean "aws:p4d.24xlarge"/,
    );
  });

  it("batch: an instance column, priced as the engine prices it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mlco2-instance-"));
    try {
      const file = join(dir, "runs.csv");
      writeFileSync(
        file,
        "instance,hours,region\naws:p4d.24xlarge,10,aws:us-east-1\ngcp:n2-standard-8,5,gcp:europe-west4\n",
      );
      const run = await cli("estimate", "--batch", file, "--format", "json");
      assert.equal(run.exitCode, 0, run.stderr);
      const rows = run.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      const expected = [
        estimate({ instance: "aws:p4d.24xlarge", hours: 10, region: "aws:us-east-1" }),
        estimate({ instance: "gcp:n2-standard-8", hours: 5, region: "gcp:europe-west4" }),
      ];
      assert.deepEqual(
        rows.map((r: { emissions_kg: number }) => r.emissions_kg),
        expected.map((r) => r.emissionsKg),
      );
      const embodied = await cli("estimate", "--batch", file, "--embodied");
      assert.equal(
        embodied.stderr,
        "mlco2: --embodied: applies to a single estimate, not to --batch (its rows have no embodied columns)\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("mlco2 estimate --embodied", () => {
  it("BLOOM with its published inputs: 24.7 t dynamic + 14.6 t idle + 11.2 t embodied = 50.5 t", async () => {
    const run = await cli(
      "estimate",
      "--hardware",
      "A100 SXM4 80GB",
      "--count",
      "384",
      "--watts",
      "636.98",
      "--device-hours",
      "1082990",
      "--intensity",
      "57",
      "--pue",
      "1",
      "--embodied",
      "--service-life",
      "6",
      "--use-share",
      "0.85",
    );
    assert.equal(run.exitCode, 0, run.stderr);
    assert.ok(
      run.stdout.includes("\nEmissions  39.3 t CO2eq, location-based (range 39.3 t – 39.3 t)\n"),
      run.stdout,
    );
    assert.ok(
      run.stdout.includes("\nEmbodied   11.2 t CO2eq, manufacture of the hardware (range 6.57 t – 15.3 t)\n"),
    );
    assert.ok(
      run.stdout.includes("\nTotal      50.5 t CO2eq, operational + embodied (range 45.9 t – 54.6 t)\n"),
    );
    assert.ok(
      run.stdout.includes(
        "\n  - 384 × NVIDIA A100 SXM4 80GB: 3.64 t CO2eq\n  - 48 servers without accelerators: 7.58 t CO2eq\n",
      ),
    );
  });

  it("a life or use share without --embodied, and embodied of watts only, are refused with the flags named", async () => {
    const life = await cli(
      "estimate",
      "--hardware",
      "T4",
      "--hours",
      "1",
      "--country",
      "FR",
      "--service-life",
      "4",
    );
    assert.deepEqual([life.exitCode, life.code], [2, "required"]);
    assert.equal(
      life.stderr,
      "mlco2: --service-life: give --embodied as well: it applies to embodied emissions only\n",
    );
    const watts = await cli("estimate", "--watts", "300", "--hours", "1", "--country", "FR", "--embodied");
    assert.equal(
      watts.stderr,
      "mlco2: --hardware: give --hardware or --instance for embodied emissions: what a device given only by its watts is made of is unknown\n",
    );
  });
});
