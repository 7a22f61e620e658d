// The instance a tracked job runs on: --instance over DMI, its provider's region variables, the CPU
// share it is charged (a whole host: its full packages) and its unmeasured GPUs, against hand figures
// from the catalog (TDP, threads, vCPUs).
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { findInstance } from "../core/find-instance.ts";
import { powerModelOf } from "../core/power-model.ts";
import { dataset } from "../data/index.ts";
import type { InstanceType } from "../data/types.ts";
import { cloudUseOf } from "./cloud-location.ts";
import { cpuPlanOf } from "./cpu-plan.ts";
import { FIXTURES } from "./fixtures/test-helpers.ts";
import { instanceGpuPlanOf, openInstanceGpuModel } from "./instance-gpus.ts";
import { detectCloudHost } from "./sensors/cloud-host.ts";
import type { HostInfo } from "./sensors/host.ts";
import {
  instanceCpuOf,
  instanceMismatchOf,
  instanceRecordOf,
  trackedInstanceOf,
} from "./tracked-instance.ts";

const typeOf = (name: string): InstanceType => {
  const found = findInstance(dataset, name);
  assert.ok(found.ok, name);
  return found.value;
};
const dmi = (name: string) => detectCloudHost(join(FIXTURES, "dmi", name), {});
const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} vs ${expected}`);

/** A VM showing `vcpus` CPUs whose /proc/cpuinfo model the catalog does not know. */
const vmHost = (vcpus: number, affinity = vcpus): HostInfo => ({
  cpuModel: "",
  logicalCpus: vcpus,
  packages: 1,
  virtualized: true,
  affinityCpus: affinity,
  cgroupQuotaCpus: null,
  memoryTotalGB: 16,
});

test("resolution: p4d.24xlarge is 8 A100 40GB, 96 vCPUs on 2 Xeon 8275CL packages, 1152 GiB, its whole host", () => {
  const p4d = trackedInstanceOf(dataset, typeOf("aws:p4d.24xlarge"), "flag");
  assert.equal(p4d.name, "aws:p4d.24xlarge");
  assert.equal(p4d.wholeHost, true);
  assert.equal(p4d.virtualMachine, true);
  assert.deepEqual(instanceRecordOf(p4d), {
    name: "aws:p4d.24xlarge",
    from: "flag",
    vcpus: 96,
    cpu: "Intel Xeon Platinum 8275CL",
    cpuPackages: 2,
    memoryGB: 1152 * 1.073741824,
    accelerators: { hardware: "NVIDIA A100 SXM4 40GB", count: 8 },
    wholeHost: true,
    source: "aws-ec2-accelerated-specs",
  });
  // One A10G of a host with eight: a share of the host, not all of it.
  const g5 = trackedInstanceOf(dataset, typeOf("aws:g5.xlarge"), "dmi");
  assert.equal(g5.wholeHost, false);
  assert.deepEqual(instanceCpuOf(g5), {
    instance: "aws:g5.xlarge",
    origin: "instance type read from DMI",
    vcpus: 4,
    wholeHost: false,
    cpu: "amd-epyc-7r32",
  });
  assert.equal(instanceRecordOf(null), null);
});

test("--instance over DMI: one warning when DMI names another type or shows another provider, none when they agree", () => {
  const flag = trackedInstanceOf(dataset, typeOf("aws:g5.xlarge"), "flag");
  assert.equal(
    instanceMismatchOf(flag, dmi("aws-nitro-p4d")),
    "--instance aws:g5.xlarge is used, but DMI names this machine aws:p4d.24xlarge (product_name): check the flag.",
  );
  assert.match(instanceMismatchOf(flag, dmi("gcp")) ?? "", /DMI shows a gcp machine, not aws/);
  const same = trackedInstanceOf(dataset, typeOf("aws:P4D.24xlarge"), "flag");
  assert.equal(instanceMismatchOf(same, dmi("aws-nitro-p4d")), null);
  assert.equal(instanceMismatchOf(flag, dmi("bare-metal")), null);
  const use = cloudUseOf(dataset, {
    location: {},
    cloud: dmi("aws-nitro-p4d"),
    env: {},
    flag: typeOf("aws:g5.xlarge"),
  });
  assert.equal(use.instance?.name, "aws:g5.xlarge");
  assert.equal(use.instance?.from, "flag");
  assert.equal(use.warnings.filter((w) => w.includes("DMI names this machine")).length, 1);
});

test("the region comes from the flag's provider's variables, also where DMI shows no provider", () => {
  const env = {
    AWS_REGION: "eu-west-1",
    CLOUDSDK_COMPUTE_ZONE: "europe-west4-a",
    REGION_NAME: "West Europe",
  };
  const onBareMetal = (name: string) =>
    cloudUseOf(dataset, {
      location: {},
      cloud: detectCloudHost(join(FIXTURES, "dmi", "bare-metal"), env),
      env,
      flag: typeOf(name),
    });
  const aws = onBareMetal("aws:p4d.24xlarge");
  assert.equal(aws.region, "aws:eu-west-1");
  assert.equal(aws.envRegionFrom, "AWS_REGION");
  assert.match(aws.warnings.join(" "), /^Location: aws:eu-west-1, from AWS_REGION on this EC2 machine/);
  assert.equal(aws.notes[0], "--instance aws:p4d.24xlarge");
  assert.equal(aws.notes[2], "region eu-west-1 from AWS_REGION");
  assert.equal(onBareMetal("gcp:a3-highgpu-8g").region, "gcp:europe-west4");
  assert.equal(onBareMetal("azure:Standard_ND96isr_H100_v5").region, "azure:westeurope");
  // A location flag wins; without a variable, the no-location warning says which were unset.
  const given = cloudUseOf(dataset, {
    location: { country: "FR" },
    cloud: dmi("bare-metal"),
    env,
    flag: typeOf("aws:p4d.24xlarge"),
  });
  assert.equal(given.region, null);
  const none = cloudUseOf(dataset, {
    location: {},
    cloud: dmi("bare-metal"),
    env: {},
    flag: typeOf("aws:p4d.24xlarge"),
  });
  assert.match(none.whyNoRegion ?? "", /AWS_REGION, AWS_DEFAULT_REGION unset/);
});

test("without --instance, DMI's type is used (from dmi); a type the catalog lacks is said so", () => {
  const use = cloudUseOf(dataset, { location: {}, cloud: dmi("aws-nitro-p4d"), env: {}, flag: null });
  assert.equal(use.instance?.from, "dmi");
  assert.equal(use.instance?.name, "aws:p4d.24xlarge");
  const metal = cloudUseOf(dataset, { location: {}, cloud: dmi("aws-nitro-metal"), env: {}, flag: null });
  assert.equal(metal.instance, null);
  assert.match(
    metal.warnings.join(" "),
    /Instance type aws:m5.metal \(read from DMI\) is not in the catalog/,
  );
});

test("a whole-host GPU instance is charged its full packages: ND96isr H100 v5's 96 vCPUs on 2 × 8480C (350 W) = 700 W, not 96/112 × 350 = 300 W", () => {
  const nd = trackedInstanceOf(dataset, typeOf("azure:Standard_ND96isr_H100_v5"), "flag");
  const plan = cpuPlanOf(dataset, vmHost(96), undefined, instanceCpuOf(nd));
  close(plan.model.maxW, 700, "max");
  const entry = dataset.hardware.find((h) => h.id === "intel-xeon-platinum-8480c");
  assert.ok(entry !== undefined);
  close(plan.model.idleW, 2 * powerModelOf(entry, dataset.defaults.idleFractionByKind).idleW, "idle");
  const perPackage = plan.factors.find((f) => f.name.startsWith("vCPUs per charged package"));
  assert.equal(perPackage?.value, 48);
  assert.match(
    perPackage?.note ?? "",
    /its 96 vCPUs are charged 2 full packages of Intel Xeon Platinum 8480C \(112 threads each/,
  );
  assert.match(
    plan.label,
    /^azure:Standard_ND96isr_H100_v5: 96 vCPUs on 2 × Intel Xeon Platinum 8480C \(whole host\), 96 of 96/,
  );
  // p4d.24xlarge in a container allowed 4 CPUs: 4 × (2 × 240 W) / 96 = 20 W.
  const p4d = trackedInstanceOf(dataset, typeOf("aws:p4d.24xlarge"), "flag");
  close(cpuPlanOf(dataset, vmHost(96, 4), undefined, instanceCpuOf(p4d)).model.maxW, 20, "p4d, 4 CPUs");
  // A share of a host stays a share: g5.xlarge's 4 vCPUs of an EPYC 7R32 (280 W, 96 threads).
  const g5 = trackedInstanceOf(dataset, typeOf("aws:g5.xlarge"), "flag");
  const share = cpuPlanOf(dataset, vmHost(4), undefined, instanceCpuOf(g5));
  close(share.model.maxW, (4 * 280) / 96, "g5.xlarge");
  assert.match(share.factors[0]?.note ?? "", /the CPU of aws:g5.xlarge \(--instance\)/);
});

test("unmeasured GPUs: p4d.24xlarge's 8 A100 at 400 W each without nvidia-smi; none with it or with --gpus none", () => {
  const p4d = trackedInstanceOf(dataset, typeOf("aws:p4d.24xlarge"), "flag");
  const none = { measures: () => false, gpus: undefined, localSize: null };
  const plan = instanceGpuPlanOf(dataset, p4d, none);
  assert.equal(plan?.count, 8);
  assert.equal(plan?.powerW, 400);
  assert.match(
    plan?.warnings[0] ?? "",
    /^GPUs not measured \(nvidia-smi is not on PATH\): 8 × NVIDIA A100 SXM4 40GB/,
  );
  assert.equal(instanceGpuPlanOf(dataset, p4d, { ...none, measures: (v) => v === "NVIDIA" }), null);
  assert.equal(instanceGpuPlanOf(dataset, p4d, { ...none, gpus: [] }), null);
  assert.equal(instanceGpuPlanOf(dataset, p4d, { ...none, gpus: ["0", "3"] })?.count, 2);
  // Four tasks on the node, each seeing all eight: a quarter of each.
  assert.equal(instanceGpuPlanOf(dataset, p4d, { ...none, localSize: 4 })?.powerW, 100);
  // Trainium: no tool here measures it, whatever is on PATH.
  const trn = trackedInstanceOf(dataset, typeOf("aws:trn1.32xlarge"), "flag");
  const modelled = instanceGpuPlanOf(dataset, trn, { ...none, measures: () => true });
  assert.equal(modelled?.count, 16);
  assert.equal(modelled?.powerW, 275);
  assert.match(modelled?.warnings[0] ?? "", /no tool here measures them/);
  // A CPU instance has none.
  assert.equal(
    instanceGpuPlanOf(dataset, trackedInstanceOf(dataset, typeOf("aws:c6i.large"), "flag"), none),
    null,
  );
});

test("the modelled GPU sensor: one reading per GPU, its power × the interval, estimated", () => {
  const plan = instanceGpuPlanOf(dataset, trackedInstanceOf(dataset, typeOf("aws:g5.xlarge"), "flag"), {
    measures: () => false,
    gpus: undefined,
    localSize: null,
  });
  assert.ok(plan !== null);
  const sensor = openInstanceGpuModel(plan);
  assert.deepEqual(sensor.sample({ intervalS: 0, nowMs: 0 }), []);
  const [reading, ...rest] = sensor.sample({ intervalS: 2, nowMs: 2000 });
  assert.equal(rest.length, 0);
  assert.equal(reading?.label, "GPU 0 NVIDIA A10G");
  assert.equal(reading?.energyJ, 600);
  assert.equal(reading?.method, "estimated");
});
