import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { FIXTURES } from "../fixtures/test-helpers.ts";
import { cloudHostOf, detectCloudHost, readDmi } from "./cloud-host.ts";

const dmi = (name: string) => join(FIXTURES, "dmi", name);

test("EC2 Nitro: the instance type from product_name, the id from board_asset_tag, the region from AWS_REGION", () => {
  const host = detectCloudHost(dmi("aws-nitro-p4d"), {
    AWS_REGION: "us-east-1",
    AWS_DEFAULT_REGION: "eu-west-1",
  });
  assert.equal(host.provider, "aws");
  assert.equal(host.instanceType, "p4d.24xlarge");
  assert.equal(host.instanceId, "i-0af01c0123456789a");
  assert.equal(host.virtualMachine, true);
  assert.equal(host.region, "aws:us-east-1");
  assert.equal(host.regionFrom, "AWS_REGION");
  assert.deepEqual(host.notes, [
    "EC2 instance p4d.24xlarge (i-0af01c0123456789a): DMI product_name and board_asset_tag",
    "region us-east-1 from AWS_REGION",
  ]);
  assert.equal(
    detectCloudHost(dmi("aws-nitro-p4d"), { AWS_DEFAULT_REGION: "eu-west-1" }).region,
    "aws:eu-west-1",
  );
});

test("EC2 metal is not a VM; EC2 on Xen says its type cannot be read", () => {
  const metal = detectCloudHost(dmi("aws-nitro-metal"), {});
  assert.equal(metal.instanceType, "m5.metal");
  assert.equal(metal.virtualMachine, false);
  assert.equal(metal.region, null);
  assert.match(
    metal.notes[1] ?? "",
    /the region is not in the environment \(AWS_REGION, AWS_DEFAULT_REGION unset\)/,
  );
  const xen = detectCloudHost(dmi("aws-xen"), {});
  assert.equal(xen.provider, "aws");
  assert.equal(xen.instanceType, null);
  assert.match(xen.notes[0] ?? "", /EC2 Xen instance .*its type is not in DMI on Xen/);
});

test("GCE: the provider from product_name, the machine type is not in DMI (said so), the region from a zone", () => {
  const host = detectCloudHost(dmi("gcp"), { CLOUDSDK_COMPUTE_ZONE: "europe-west4-a" });
  assert.equal(host.provider, "gcp");
  assert.equal(host.instanceType, null);
  assert.match(host.notes[0] ?? "", /the machine type is not in DMI/);
  assert.equal(host.region, "gcp:europe-west4");
  assert.equal(detectCloudHost(dmi("gcp"), { GOOGLE_CLOUD_REGION: "us-central1" }).region, "gcp:us-central1");
});

test("Azure: the chassis asset tag; REGION_NAME's display name becomes the region id", () => {
  const host = detectCloudHost(dmi("azure"), { REGION_NAME: "West Europe" });
  assert.equal(host.provider, "azure");
  assert.match(host.notes[0] ?? "", /VM size is not in DMI/);
  assert.equal(host.region, "azure:westeurope");
});

test("bare metal: no provider, and a region variable set for a CLI is not taken as the location", () => {
  const host = detectCloudHost(dmi("bare-metal"), { AWS_REGION: "us-east-1" });
  assert.equal(host.provider, null);
  assert.equal(host.region, null);
  assert.equal(host.virtualMachine, false);
  assert.deepEqual(host.notes, [
    'DMI names no cloud provider (sys_vendor "Dell Inc.", product_name "PowerEdge R740"): bare metal or another host',
    "AWS_REGION=us-east-1 is set, but this machine does not show itself as Amazon EC2 in DMI: not used as the location",
  ]);
});

test("no DMI at all (containers without sysfs, this VM): said so", () => {
  const none = readDmi("/nonexistent-dmi");
  assert.deepEqual(Object.values(none), [null, null, null, null, null]);
  assert.match(cloudHostOf(none, {}).notes[0] ?? "", /no DMI strings readable/);
});
