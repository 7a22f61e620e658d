// Instance types: every accelerator and CPU resolves in the catalog, every value is sourced, and the
// types the issue names give the whole-node hardware the providers document.
import assert from "node:assert/strict";
import { test } from "node:test";
import { findInstance } from "../../core/find-instance.ts";
import { dataset } from "../index.ts";

const get = (query: string) => {
  const r = findInstance(dataset, query);
  assert.ok(r.ok, `${query}: ${r.ok ? "" : r.problems[0].message}`);
  return r.value;
};

test("accelerators and CPUs name catalog entries; ids are unique; sources exist", () => {
  const ids = new Set(dataset.hardware.map((h) => h.id));
  const seen = new Set<string>();
  for (const i of dataset.instances) {
    const key = `${i.provider}:${i.id.toLowerCase()}`;
    assert.ok(!seen.has(key), `duplicate ${key}`);
    seen.add(key);
    if (i.accelerators) assert.ok(ids.has(i.accelerators.hardware), `${key}: ${i.accelerators.hardware}`);
    if (i.cpu) {
      assert.ok(ids.has(i.cpu), `${key}: cpu ${i.cpu}`);
      assert.equal(dataset.hardware.find((h) => h.id === i.cpu)?.kind, "cpu");
    }
    assert.ok(dataset.sources.has(i.source), `${key}: source ${i.source}`);
    assert.ok(i.vcpus > 0 && i.memoryGB > 0 && i.released >= 2017, key);
  }
  assert.ok(dataset.instances.length >= 150, `${dataset.instances.length} instance types`);
});

test("GPU nodes: p4d, p5, a3-highgpu-8g, ND96isr_H100_v5 and ND96asr_v4", () => {
  const p4d = get("aws:p4d.24xlarge");
  assert.deepEqual(p4d.accelerators, { hardware: "nvidia-a100-sxm4-40gb", count: 8 });
  assert.equal(p4d.vcpus, 96);
  assert.equal(p4d.memoryGB, 1152);
  assert.equal(p4d.cpu, "intel-xeon-platinum-8275cl");
  const p5 = get("aws:p5.48xlarge");
  assert.deepEqual(p5.accelerators, { hardware: "nvidia-h100-sxm", count: 8 });
  assert.equal(p5.vcpus, 192);
  assert.equal(p5.memoryGB, 2048);
  const a3 = get("gcp:a3-highgpu-8g");
  assert.deepEqual(a3.accelerators, { hardware: "nvidia-h100-sxm", count: 8 });
  assert.equal(a3.vcpus, 208);
  const nd = get("azure:Standard_ND96isr_H100_v5");
  assert.deepEqual(nd.accelerators, { hardware: "nvidia-h100-sxm", count: 8 });
  assert.equal(nd.cpu, "intel-xeon-platinum-8480c");
  assert.equal(get("azure:standard_nd96asr_v4").accelerators?.hardware, "nvidia-a100-sxm4-40gb");
});

test("families expand by the providers' memory ratios", () => {
  assert.equal(get("aws:c6i.32xlarge").memoryGB, 256);
  assert.equal(get("aws:m7i.48xlarge").memoryGB, 768);
  assert.equal(get("aws:r6i.large").memoryGB, 16);
  assert.equal(get("gcp:n2-standard-8").memoryGB, 32);
  assert.equal(get("gcp:c3-highmem-176").vcpus, 176);
  assert.equal(get("azure:Standard_E96s_v5").memoryGB, 672);
  assert.equal(get("aws:g5.12xlarge").accelerators?.count, 4);
  assert.equal(get("aws:trn1.32xlarge").accelerators?.count, 16);
});

test("a typo gets a did-you-mean", () => {
  const r = findInstance(dataset, "aws:p4d.24xlarg");
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.problems[0].suggestions?.[0], "aws:p4d.24xlarge");
});
