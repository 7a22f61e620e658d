// `mlco2 track --instance` as a real child process (npm run build first), on recorded DMI trees
// (MLCO2_DMI_ROOT) and a PATH without nvidia-smi: the instance's GPUs and CPU share where nothing is
// measured, its provider's region variable as the location, the flag over DMI, and bad names refused
// before the command runs.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import type { EstimateResult } from "../../core/types.ts";
import { FIXTURES, tempDir } from "../../tracker/fixtures/test-helpers.ts";
import { parseJsonlLog } from "../../tracker/log-jsonl.ts";

const CLI = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
const NODE = process.execPath;

interface Tracked {
  readonly code: number | null;
  readonly stderr: string;
  readonly start: { host: { cloud: Record<string, unknown> }; location: { region: string | null } } | null;
  readonly result: EstimateResult | null;
}

/**
 * Tracks a node process that idles `ms` and then writes `marker`, on the DMI tree `dmi`, with only
 * `env` set and a PATH with no tools at all (no nvidia-smi, amd-smi or rocm-smi).
 */
const track = async (
  dmi: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  ms = 300,
): Promise<Tracked & { marker: string }> => {
  const dir = tempDir("mlco2-instance-");
  const log = join(dir, "run.jsonl");
  const marker = join(dir, "ran");
  const script = `setTimeout(()=>require("fs").writeFileSync(${JSON.stringify(marker)},"1"),${ms})`;
  const child = spawn(
    NODE,
    [CLI, "track", "--quiet", "--interval", "0.1", "--log", log, ...args, "--", NODE, "-e", script],
    {
      env: { PATH: tempDir("mlco2-empty-path-"), MLCO2_DMI_ROOT: join(FIXTURES, "dmi", dmi), ...env },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const lines = existsSync(log)
    ? (parseJsonlLog(readFileSync(log, "utf8")) as Record<string, unknown>[])
    : [];
  const start = (lines.find((l) => l.type === "start") ?? null) as Tracked["start"];
  const summary = lines.find((l) => l.type === "summary") as { result: EstimateResult } | undefined;
  return { code, stderr, start, result: summary?.result ?? null, marker };
};

/** The start line's instance record. */
const instanceOf = (run: Tracked) =>
  (run.start?.host.cloud.instance ?? null) as { name: string; accelerators: unknown } | null;

const factor = (result: EstimateResult | null, name: string) =>
  result?.factors.find((f) => f.name === name) ?? null;

test("--instance aws:p4d.24xlarge on a host whose DMI names no cloud: 8 A100 modelled, 2 full Xeon packages, AWS_REGION the location", async () => {
  const run = await track("bare-metal", ["--instance", "aws:p4d.24xlarge"], { AWS_REGION: "us-east-1" });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.start?.host.cloud.instanceFrom, "flag");
  assert.deepEqual(instanceOf(run)?.accelerators, {
    hardware: "NVIDIA A100 SXM4 40GB",
    count: 8,
  });
  assert.equal(run.start?.host.cloud.region, "aws:us-east-1");
  assert.equal(run.start?.host.cloud.regionFrom, "AWS_REGION");
  assert.equal(run.start?.location.region, "aws:us-east-1");
  const result = run.result;
  assert.equal(result?.job.location.region, "us-east-1");
  // Each GPU at its 400 W TDP for the whole run (the estimator's default utilization 1).
  assert.equal(result?.job.count, 8);
  assert.equal(result?.job.hardware?.name, "NVIDIA A100 SXM4 40GB");
  const gpu0 = factor(result, "GPU power (GPU 0 NVIDIA A100 SXM4 40GB)");
  assert.ok(gpu0 !== null && Math.abs(gpu0.value - 400) < 1e-6, String(gpu0?.value));
  assert.equal(gpu0?.kind, "estimated");
  // The whole host's 96 vCPUs over 2 packages of the 8275CL: 48 per package, each 240 W / 48 = 5 W.
  assert.equal(factor(result, "vCPUs per charged package (aws:p4d.24xlarge, whole host)")?.value, 48);
  assert.match(
    factor(result, "CPU TDP (Intel Xeon Platinum 8275CL)")?.note ?? "",
    /the CPU of aws:p4d.24xlarge \(--instance\)/,
  );
  assert.ok(result?.warnings.some((w) => w.startsWith("GPUs not measured (nvidia-smi is not on PATH): 8 ×")));
});

test("without the flag, EC2 Nitro's DMI names the instance (from dmi); --gpus none models no GPU", async () => {
  const run = await track("aws-nitro-p4d", ["--gpus", "none"], { AWS_DEFAULT_REGION: "eu-west-1" });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.start?.host.cloud.instanceFrom, "dmi");
  assert.equal(instanceOf(run)?.name, "aws:p4d.24xlarge");
  assert.equal(run.result?.job.location.region, "eu-west-1");
  assert.equal(
    run.result?.components.find((c) => c.component === "devices"),
    undefined,
  );
  assert.equal(factor(run.result, "vCPUs per charged package (aws:p4d.24xlarge, whole host)")?.value, 48);
});

test("the flag wins over DMI, with one warning; a GCP type takes its zone variable on a GCE machine", async () => {
  const run = await track("aws-nitro-p4d", ["--instance", "aws:g5.xlarge", "--country", "FR"]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.start?.host.cloud.instanceFrom, "flag");
  assert.equal(instanceOf(run)?.name, "aws:g5.xlarge");
  const mismatch =
    "--instance aws:g5.xlarge is used, but DMI names this machine aws:p4d.24xlarge (product_name): check the flag.";
  assert.equal(run.result?.warnings.filter((w) => w === mismatch).length, 1);
  assert.equal(run.result?.job.count, 1);
  assert.equal(run.result?.job.hardware?.name, "NVIDIA A10G");
  const gcp = await track("gcp", ["--instance", "gcp:a3-highgpu-8g", "--gpus", "none"], {
    CLOUDSDK_COMPUTE_ZONE: "us-central1-a",
  });
  assert.equal(gcp.code, 0, gcp.stderr);
  assert.equal(gcp.result?.job.location.region, "us-central1");
  assert.equal(gcp.result?.job.location.provider, "gcp");
});

test("a bad instance name: exit 2 before the command runs, one line with did you mean", async () => {
  const run = await track("bare-metal", ["--instance", "aws:p4d.24xlarg"]);
  assert.equal(run.code, 2);
  assert.equal(existsSync(run.marker), false);
  assert.equal(
    run.stderr,
    'mlco2: --instance: unknown Amazon Web Services instance type "p4d.24xlarg"; did you mean "aws:p4d.24xlarge", "aws:p4de.24xlarge", "aws:p3dn.24xlarge"? (list them with mlco2 instances)\n',
  );
  const other = await track("bare-metal", ["--instance", "aws:p4d.24xlarge", "--region", "gcp:us-central1"]);
  assert.equal(other.code, 2);
  assert.equal(existsSync(other.marker), false);
  assert.match(
    other.stderr,
    /^mlco2: --instance: cannot be combined with --region: aws:p4d.24xlarge is an instance type of Amazon Web Services[^\n]*\n$/,
  );
});

test("track --embodied is refused with its reason, exit 2 before the command runs", async () => {
  const run = await track("bare-metal", ["--instance", "aws:p4d.24xlarge", "--embodied"]);
  assert.equal(run.code, 2);
  assert.equal(existsSync(run.marker), false);
  assert.match(run.stderr, /^mlco2: --embodied: applies to mlco2 estimate, not to track \([^\n]*\)\n$/);
});
